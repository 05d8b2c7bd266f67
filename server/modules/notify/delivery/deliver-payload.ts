import type { NotifyDeliveriesTable } from '../notify.tables.js';

export const deliverJobKind = 'notify.deliver';
export const maxDeliverAttempts = 10;

export interface DeliverPayload {
  notificationId: string;
  /** Set for resends and quiet-hour follow-ups: their deliveries are created with the job. */
  planned?: boolean;
}

export type DeliveryRow = NotifyDeliveriesTable;

export function idempotencyKeyOf(delivery: Pick<DeliveryRow, 'jobId' | 'channel' | 'recipientKey'>): string {
  return `${delivery.jobId}:${delivery.channel}:${delivery.recipientKey}`;
}
