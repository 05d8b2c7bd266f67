import {
  type CallConformanceFacts,
  callFactSource,
  type IncidentConformanceFacts,
  incidentFactSource,
  type LeaderCallConformanceFacts,
  leaderCallFactSource,
  type MessageConformanceFacts,
  messageFactSource,
} from '../calls/index.js';
import type { FactSource, SubjectFacts } from './checks/index.js';

// The desk's sources (calls module) are written to conformance's shapes without importing them; each
// is held to FactSource of its facts here, so a field that drifts fails the typecheck.
const deskSources = [
  callFactSource satisfies FactSource<CallConformanceFacts>,
  messageFactSource satisfies FactSource<MessageConformanceFacts>,
  leaderCallFactSource satisfies FactSource<LeaderCallConformanceFacts>,
  incidentFactSource satisfies FactSource<IncidentConformanceFacts>,
];

/** Where each subject kind's facts come from: one line per source, each from its owner's index.ts. */
export const factSources: FactSource<SubjectFacts>[] = [...deskSources];
