import { z } from 'zod';

const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString());

export const eventIdParams = z.strictObject({ eventId: id });
export const eventListQuery = z.strictObject({ projectId: id });
export const eventBody = z.strictObject({
  projectId: id,
  name: z.string().trim().min(1).max(60),
  startsAt: isoTime,
  endsAt: isoTime,
  perBuyerLimit: z.number().int().min(1).max(10),
  unitIds: z.array(id).min(1).max(20000),
});
export const eventUpdateBody = eventBody.omit({ projectId: true });

export const buyerBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(1).max(20),
  idNumber: z.string().trim().min(1).max(20),
  pledgeNumber: z.string().trim().min(1).max(30),
  customerId: id.nullable().default(null),
  idVerified: z.boolean(),
});
export const buyersBody = z.strictObject({ buyers: z.array(buyerBody).min(1).max(20000) });

export const phoneBody = z.strictObject({ phone: z.string().trim().min(1).max(20) });
export const signInBody = z.strictObject({
  phone: z.string().trim().min(1).max(20),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const pickBody = z.strictObject({ unitId: id });

export const publicEventSchema = z.object({
  id: z.string(),
  name: z.string(),
  projectName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  perBuyerLimit: z.number().int(),
  phase: z.enum(['cancelled', 'upcoming', 'open', 'closed']),
  serverTime: z.string(),
});
