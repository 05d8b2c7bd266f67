import { z } from 'zod';
import type * as contract from '../../../contracts/calls-wallboard.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { ringPolicySchema } from './calls.schemas.js';

// The wallboard's answers (contracts/calls-wallboard.ts): serialised from these schemas.

const presence = z.enum(['at_desk', 'away', 'busy', 'off']);

export const wallboardDeskSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['service_centre', 'security_post', 'sales_line']),
  projectId: z.string(),
  projectName: z.string(),
});

export const wallboardSchema = z.object({
  serverTime: z.string(),
  desk: wallboardDeskSchema,
  policy: ringPolicySchema.nullable(),
  liveTopics: z.array(z.string()),
  ringing: z.array(z.object({ callId: z.string(), ringingAt: z.string(), alertAt: z.string() })),
  active: z.array(
    z.object({
      callId: z.string(),
      status: z.enum(['answered', 'on_hold']),
      answeredAt: z.string().nullable(),
      heldSince: z.string().nullable(),
      holdMs: z.number(),
      agentName: z.string().nullable(),
    }),
  ),
  agents: z.array(
    z.object({
      staffId: z.string(),
      displayName: z.string(),
      presence,
      presenceChangedAt: z.string(),
      isOnCall: z.boolean(),
    }),
  ),
  today: z.object({
    day: z.string(),
    calls: z.number(),
    answered: z.number(),
    answeredWithinLimit: z.number(),
    missed: z.number(),
    visits: z.number().nullable(),
    answerRate: z.number().nullable(),
  }),
  overdueMessages: z.array(
    z.object({
      messageId: z.string(),
      recipientName: z.string(),
      kind: z.enum(['message', 'pass_on']),
      urgency: z.enum(['normal', 'urgent']),
      createdAt: z.string(),
      dueAt: z.string(),
    }),
  ),
  answeringOrder: z
    .object({
      nextName: z.string().nullable(),
      members: z.array(
        z.object({
          staffId: z.string(),
          displayName: z.string(),
          presence,
          position: z.number(),
          isNext: z.boolean(),
          calls: z.number(),
          visits: z.number(),
        }),
      ),
    })
    .nullable(),
});

export type WallboardContractChecks = [
  Check<Agrees<contract.WallboardDesk, typeof wallboardDeskSchema>>,
  Check<Agrees<contract.Wallboard, typeof wallboardSchema>>,
];
