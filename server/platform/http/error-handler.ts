import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Locale } from '../../../contracts/locales.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, commonErrors, type ErrorParams, type FieldErrors, fillPlaceholders } from '../errors.js';
import { issuesToFieldErrors, RequestValidationError } from './validation.js';

/** Seconds a client (or load balancer) waits before asking again when the service is unavailable. */
export const retryAfterSeconds = 5;

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Field messages may reuse the error's own text, so its placeholders are filled the same way. */
function pickFields(
  fields: FieldErrors | undefined,
  locale: Locale,
  params: ErrorParams,
): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([path, text]) => [path, fillPlaceholders(text[locale], params, locale)]),
  );
}

export function errorBody(error: AppError, locale: Locale): ErrorBody {
  const fields = pickFields(error.fields, locale, error.params);
  return { error: { code: error.code, message: error.userMessage(locale), ...(fields ? { fields } : {}) } };
}

/** Turns anything thrown into the one error shape; only unexpected errors are logged as faults. */
export function toAppError(error: unknown, requestId: string): { appError: AppError; isFault: boolean } {
  if (error instanceof AppError) return { appError: error, isFault: error.status >= 500 };
  if (error instanceof RequestValidationError)
    return {
      appError: new AppError(commonErrors.VALIDATION_FAILED, {}, issuesToFieldErrors(error.issues)),
      isFault: false,
    };
  const fastifyError = error as FastifyError;
  if (
    fastifyError &&
    typeof fastifyError === 'object' &&
    !isResponseSerializationError(fastifyError as never)
  ) {
    const code = fastifyError.code;
    if (
      code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      code === 'FST_REQ_FILE_TOO_LARGE' ||
      fastifyError.statusCode === 413
    )
      return { appError: new AppError(commonErrors.PAYLOAD_TOO_LARGE), isFault: false };
    if (
      code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
    )
      return { appError: new AppError(commonErrors.VALIDATION_FAILED), isFault: false };
    if (fastifyError.statusCode === 400 || (error instanceof SyntaxError && 'body' in error))
      return { appError: new AppError(commonErrors.VALIDATION_FAILED), isFault: false };
    if (fastifyError.statusCode === 429)
      return { appError: new AppError(commonErrors.RATE_LIMITED), isFault: false };
  }
  // The database is restarting or out of reach: not this request's fault, and worth a retry.
  if (isDatabaseUnavailable(error))
    return { appError: new AppError(commonErrors.SERVICE_UNAVAILABLE), isFault: false };
  return { appError: new AppError(commonErrors.INTERNAL, { requestId }), isFault: true };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // A download the client cancelled: the work stopped on purpose and nobody is there to answer.
  if (error instanceof Error && error.name === 'AbortError' && reply.raw.destroyed) {
    request.log.info('client went away; the work was stopped');
    return reply.status(499).send();
  }
  const { appError, isFault } = toAppError(error, request.id);
  if (isFault) request.log.error({ err: error }, 'request failed');
  else if (appError.status === 503) request.log.warn({ err: error }, 'service unavailable');
  else request.log.info({ code: appError.code }, 'request refused');
  if (appError.status === 503) reply.header('Retry-After', String(retryAfterSeconds));
  return reply.status(appError.status).send(errorBody(appError, request.locale));
}
