import { followUpFactSource } from '../customers/index.js';
import { dealFactSource } from '../deals/index.js';
import { salesCallFactSource, visitFactSource } from '../reception/index.js';
import type { FactSource, SubjectFacts } from './checks/index.js';

/** Where each subject kind's facts come from: one line per source, each from its owner's index.ts. */
export const factSources: FactSource<SubjectFacts>[] = [
  salesCallFactSource,
  visitFactSource,
  followUpFactSource,
  dealFactSource,
];
