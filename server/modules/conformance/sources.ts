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
import { type FollowUpConformanceFacts, followUpFactSource } from '../customers/index.js';
import { type DealConformanceFacts, dealFactSource } from '../deals/index.js';
import {
  type SalesCallConformanceFacts,
  salesCallFactSource,
  type VisitConformanceFacts,
  visitFactSource,
} from '../reception/index.js';
import type { FactSource, SubjectFacts } from './checks/index.js';

// The sources are written to conformance's shapes without importing them (conformance imports their
// modules, not the other way round); each is held to FactSource of its facts here, so a field that
// drifts fails the typecheck.
const sources = [
  callFactSource satisfies FactSource<CallConformanceFacts>,
  messageFactSource satisfies FactSource<MessageConformanceFacts>,
  leaderCallFactSource satisfies FactSource<LeaderCallConformanceFacts>,
  incidentFactSource satisfies FactSource<IncidentConformanceFacts>,
  salesCallFactSource satisfies FactSource<SalesCallConformanceFacts>,
  visitFactSource satisfies FactSource<VisitConformanceFacts>,
  followUpFactSource satisfies FactSource<FollowUpConformanceFacts>,
  dealFactSource satisfies FactSource<DealConformanceFacts>,
];

/** Where each subject kind's facts come from: one line per source, each from its owner's index.ts. */
export const factSources: FactSource<SubjectFacts>[] = sources;
