/**
 * The one place that talks HTTP to /api and decodes its errors.
 * Every failure becomes an ApiError; 401s also tell the auth layer to send the user to /login.
 */

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let language = 'zh-CN';
let unauthorizedHandler: (() => void) | null = null;
let pendingStepHandler: (() => void) | null = null;
/** The server's answers for a session that still owes a sign-in step (see the access hook). */
const pendingStepCodes = new Set([
  'TWO_FACTOR_REQUIRED',
  'TWO_FACTOR_ENROLMENT_REQUIRED',
  'PASSWORD_CHANGE_REQUIRED',
]);
// Messages for failures that never reached the server; the i18n layer supplies them in the UI language.
let clientMessages = () => ({ network: 'Network error', unexpected: 'Unexpected error' });

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(locale: string): void {
  language = locale;
}

export function setClientErrorMessages(messages: () => { network: string; unexpected: string }): void {
  clientMessages = messages;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Told when the server holds the session at a sign-in step, e.g. two-factor became required meanwhile. */
export function setPendingStepHandler(handler: (() => void) | null): void {
  pendingStepHandler = handler;
}

export function buildQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (an upload); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  signal?: AbortSignal;
  /** Login answers 401 for a wrong password; that must not bounce the user to /login. */
  ignoreUnauthorized?: boolean;
  /**
   * Refusals the page handles as an ordinary outcome (e.g. 404: nothing saved yet). Sent as
   * `X-Expect-Status`, so the browser crawl (e2e/crawl.ts) does not count them as faults.
   */
  expectStatus?: readonly number[];
}

async function decodeError(response: Response, ignoreUnauthorized: boolean): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const payload = body?.error;
  const error = payload?.code
    ? new ApiError(
        response.status,
        payload.code,
        payload.message || clientMessages().unexpected,
        payload.fields,
      )
    : new ApiError(response.status, `HTTP_${response.status}`, clientMessages().unexpected);
  if (response.status === 401 && !ignoreUnauthorized) unauthorizedHandler?.();
  if (response.status === 403 && pendingStepCodes.has(error.code)) pendingStepHandler?.();
  return error;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.expectStatus?.length) headers['X-Expect-Status'] = options.expectStatus.join(',');
  let body: string | FormData | undefined = options.form;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${buildQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'NETWORK', clientMessages().network);
  }
  if (!response.ok) throw await decodeError(response, options.ignoreUnauthorized ?? false);
  return response;
}

async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Download {
  blob: Blob;
  fileName: string;
}

/** Reads `filename*=UTF-8''…` (RFC 6266, used for Chinese names) before the plain `filename=`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : fallback;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal, expectStatus?: readonly number[]) =>
    request<T>('GET', path, { query, signal, expectStatus }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
  /** POSTs one file as multipart `file`, after the text `fields` (the server reads them first). */
  upload: <T>(path: string, file: File, options: { query?: Query; fields?: Record<string, string> } = {}) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
    form.append('file', file);
    return request<T>('POST', path, { query: options.query, form });
  },
  /**
   * GETs a file, telling `onProgress` the bytes received (and the total when the server sent its
   * length); aborting `signal` stops the transfer, and the server stops building the file.
   */
  async download(
    path: string,
    query: Query | undefined,
    fallbackName: string,
    options: { signal?: AbortSignal; onProgress?: (received: number, total: number | null) => void } = {},
  ): Promise<Download> {
    const response = await send('GET', path, { query, signal: options.signal });
    const fileName = fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
    const length = Number(response.headers.get('Content-Length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
    if (!response.body || !options.onProgress) return { blob: await response.blob(), fileName };
    options.onProgress(0, total);
    const reader = response.body.getReader();
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress(received, total);
    }
    return { blob: new Blob(chunks, { type }), fileName };
  },
};

export interface ListResult<T> {
  items: T[];
}

export interface PageResult<T> {
  items: T[];
  total: number;
  /** The list counted only up to a cap: more than `total` match. */
  totalIsCapped?: boolean;
  page: number;
  pageSize: number;
}
