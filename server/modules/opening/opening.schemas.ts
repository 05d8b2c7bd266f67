import type { FastifySchemaCompiler } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { type ZodType, z } from 'zod';
import type * as contract from '../../../contracts/opening.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { dateTime, nfkcText } from '../../platform/http/fields.js';
import { zodValidatorCompiler } from '../../platform/http/validation.js';

const id = z.string().min(1).max(64);
const isoTime = dateTime;

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
  phone: nfkcText().trim().min(1).max(20),
  idNumber: nfkcText().trim().min(1).max(20),
  pledgeNumber: z.string().trim().min(1).max(30),
  customerId: id.nullable().default(null),
  idVerified: z.boolean(),
});
export const buyersBody = z.strictObject({ buyers: z.array(buyerBody).min(1).max(20000) });

export const phoneBody = z.strictObject({ phone: nfkcText().trim().min(1).max(20) });
export const signInBody = z.strictObject({
  phone: nfkcText().trim().min(1).max(20),
  code: nfkcText()
    .trim()
    .regex(/^\d{6}$/),
});
export const pickBody = z.strictObject({ unitId: id });

/** True when `data` is exactly `{ [key]: id }` as `id` above allows it (one own key, a string of 1–64). */
function isIdObject(data: unknown, key: string): data is Record<string, string> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  let count = 0;
  for (const name in data) {
    if (!Object.hasOwn(data, name)) continue;
    count += 1;
    if (name !== key) return false;
  }
  const value = (data as Record<string, unknown>)[key];
  return count === 1 && typeof value === 'string' && value.length >= 1 && value.length <= 64;
}

/**
 * The pick route's validation: params `{ eventId }` and body `{ unitId }` in the one shape a buyer's
 * page sends are accepted without running zod (its parse was ~5 % of a pick's CPU in the rush);
 * anything else goes to the platform's zod check, which refuses it and words the field errors, so
 * what is accepted and what is refused, and how, stay exactly the schemas' (opening.schemas.test.ts).
 */
export const pickValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const checked = zodValidatorCompiler(route as FastifyRouteSchemaDef<ZodType>);
  const key = route.schema === pickBody ? 'unitId' : route.schema === eventIdParams ? 'eventId' : null;
  if (key === null) return checked;
  return (data) => (isIdObject(data, key) ? { value: { [key]: data[key] } } : checked(data));
};

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

// --- answers ---

const phase = z.enum(['cancelled', 'upcoming', 'open', 'closed']);

export const eventRowSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  perBuyerLimit: z.number().int(),
  isCancelled: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const eventListSchema = z.object({
  items: z.array(
    eventRowSchema.extend({
      phase,
      unitCount: z.number().int(),
      buyerCount: z.number().int(),
      pickCount: z.number().int(),
    }),
  ),
});

export const eventDetailSchema = z.object({
  event: eventRowSchema.extend({ phase }),
  unitIds: z.array(z.string()),
  buyers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string(),
      idNumberMasked: z.string(),
      idVerified: z.boolean(),
      idVerifiedByName: z.string().nullable(),
      idVerifiedAt: z.string().nullable(),
      pledgeNumber: z.string(),
      customerId: z.string().nullable(),
      pickCount: z.number().int(),
      demoCode: z.string().nullable(),
    }),
  ),
  picks: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      label: z.string(),
      buyerId: z.string(),
      buyerName: z.string(),
      pledgeNumber: z.string(),
      listTotalFen: z.number().int().nullable(),
      pickedAt: z.string(),
    }),
  ),
});

export const registeredSchema = z.object({ created: z.number().int() });
export const codeSentSchema = z.object({ sent: z.literal(true) });
export const signedInSchema = z.object({ name: z.string(), pledgeNumber: z.string() });

export const buyerOverviewSchema = z.object({
  name: z.string(),
  pledgeNumber: z.string(),
  pickCount: z.number().int(),
  perBuyerLimit: z.number().int(),
  serverTime: z.string(),
  picks: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      label: z.string(),
      layout: z.string(),
      buildingAreaDm2: z.number().int(),
      listTotalFen: z.number().int().nullable(),
      pickedAt: z.string(),
    }),
  ),
});

/** The web client's types (contracts/opening.ts) agree with what these schemas let through. */
export type ContractChecks = [
  Check<Agrees<contract.OpeningEventRow, typeof eventRowSchema>>,
  Check<Agrees<contract.ListResult<contract.OpeningEventSummary>, typeof eventListSchema>>,
  Check<Agrees<contract.OpeningEventDetail, typeof eventDetailSchema>>,
  Check<Agrees<contract.PublicEvent, typeof publicEventSchema>>,
  Check<Agrees<contract.BuyerOverview, typeof buyerOverviewSchema>>,
  Check<Agrees<contract.SignedInBuyer, typeof signedInSchema>>,
];
