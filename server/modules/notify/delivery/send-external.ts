import type { JobContext } from '../../../platform/jobs/index.js';
import { newOrderedId } from '../../../platform/jobs/index.js';
import { type OutgoingMessage, ProviderError } from '../notify.providers.js';
import { insertAttempt, updateAttempt, updateDelivery } from '../notify.queries.js';
import { renderText, resolveTemplate, templateTextOf } from '../notify.render.js';
import type { NotificationsTable } from '../notify.tables.js';
import { type ProviderChannel, sendThroughProvider } from '../provider-settings.js';
import { type DeliverPayload, type DeliveryRow, idempotencyKeyOf } from './deliver-payload.js';

export function elapsedClock(ctx: JobContext<unknown>): () => Date {
  const started = performance.now();
  return () => new Date(ctx.now.getTime() + Math.round(performance.now() - started));
}

export async function sendExternal(
  ctx: JobContext<DeliverPayload>,
  row: DeliveryRow,
  notification: NotificationsTable,
  params: Record<string, string | number>,
  clock: () => Date,
  isLastAttempt: boolean,
) {
  const { db } = ctx;
  const attemptNo = row.attempts + 1;
  const startedAt = clock().toISOString();
  const attemptId = newOrderedId();
  // A delivery left "sending" was interrupted mid-send: the provider may have it already.
  const possibleDuplicate = row.status === 'sending' && row.channel !== 'sms' ? 1 : row.isPossibleDuplicate;
  await db.transaction().execute(async (trx) => {
    await updateDelivery(trx, row.id, {
      status: 'sending',
      attempts: attemptNo,
      isPossibleDuplicate: possibleDuplicate,
      updatedAt: startedAt,
    });
    await insertAttempt(trx, {
      id: attemptId,
      deliveryId: row.id,
      attemptNo,
      idempotencyKey: idempotencyKeyOf(row),
      instanceId: ctx.instanceId,
      startedAt,
      finishedAt: null,
      status: 'sending',
      providerAnswer: null,
      errorMessage: null,
    });
  });
  const template = await resolveTemplate(db, row.companyId, row.event, row.locale);
  // The logged title and body carry masked secrets: the message itself is rendered again, with the
  // real values, from the template version the delivery was planned with.
  const text = notification.sealedParams
    ? await templateTextOf(db, row.companyId, row.event, row.locale, row.templateVersion)
    : null;
  const message: OutgoingMessage = {
    idempotencyKey: idempotencyKeyOf(row),
    to: row.address,
    title: text ? renderText(row.event, text.title, params) : row.title,
    body: text ? renderText(row.event, text.body, params) : row.body,
    templateCode: template.smsTemplateCode,
    templateParams: params,
    mentionMobiles: row.channel === 'wecom' && row.address ? [row.address] : undefined,
  };
  try {
    const result = await sendThroughProvider(db, row.companyId, row.channel as ProviderChannel, message);
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      await updateDelivery(trx, row.id, {
        status: 'sent',
        sentAt: at,
        providerMessageId: result.providerMessageId,
        providerAnswer: result.answer,
        errorCode: null,
        errorMessage: null,
        updatedAt: at,
      });
      await updateAttempt(trx, attemptId, { status: 'sent', finishedAt: at, providerAnswer: result.answer });
    });
    return { ok: true as const };
  } catch (error) {
    const providerError =
      error instanceof ProviderError
        ? error
        : new ProviderError(error instanceof Error ? error.message : String(error), true);
    const at = clock().toISOString();
    const giveUp = !providerError.retryable || isLastAttempt;
    await db.transaction().execute(async (trx) => {
      await updateDelivery(trx, row.id, {
        status: giveUp ? 'dead' : 'failed',
        providerAnswer: providerError.answer,
        errorCode: providerError.retryable ? 'provider_error' : 'provider_rejected',
        errorMessage: providerError.message.slice(0, 1000),
        updatedAt: at,
      });
      await updateAttempt(trx, attemptId, {
        status: 'failed',
        finishedAt: at,
        providerAnswer: providerError.answer,
        errorMessage: providerError.message.slice(0, 1000),
      });
    });
    return {
      ok: false as const,
      retry: providerError.retryable,
      message: `${row.channel} to ${row.recipientKey}: ${providerError.message}`,
    };
  }
}
