import { z } from 'zod';
import type * as contract from '../../../contracts/calls.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';

const figures = {
  calls: z.number(),
  answered: z.number(),
  missed: z.number(),
  answeredWithinLimit: z.number(),
  withinLimitPercent: z.number().nullable(),
  ringsAverage: z.number().nullable(),
  ringsP90: z.number().nullable(),
  ringSecondsAverage: z.number().nullable(),
  holdSecondsTotal: z.number(),
  holdSecondsAverage: z.number().nullable(),
  callerHungUpFirst: z.number(),
  callerHungUpFirstPercent: z.number().nullable(),
};

export const callStatsSchema = z.object({
  fromDay: z.string(),
  toDay: z.string(),
  summary: z.object(figures),
  byDay: z.array(z.object({ day: z.string(), ...figures })),
  byHour: z.array(z.object({ hour: z.number(), ...figures })),
  byAgent: z.array(z.object({ staffId: z.string().nullable(), name: z.string(), ...figures })),
  byPurpose: z.array(z.object({ purposeId: z.string().nullable(), label: z.string(), ...figures })),
  byDesk: z.array(z.object({ deskId: z.string(), name: z.string(), ...figures })),
});

export type StatsContractChecks = [Check<Agrees<contract.CallStats, typeof callStatsSchema>>];
