import type { RescoreProgress } from '../../../contracts/conformance.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import type { FactSource, SubjectFacts } from './checks/index.js';
import { conformanceErrors } from './conformance.errors.js';
import { rescoreAll } from './engine.js';
import { currentRulebook } from './rulebook.js';
import { factSources } from './sources.js';

// The administrator's "rescore everything": one run per company at a time in this process, with
// its progress for the screen and a cancel. Incremental scoring waits while it runs.

interface Run {
  progress: RescoreProgress;
  controller: AbortController | null;
  done: Promise<void> | null;
}

const runs = new WeakMap<Db, Map<string, Run>>();

function runOf(db: Db, companyId: string): Run {
  let byCompany = runs.get(db);
  if (!byCompany) {
    byCompany = new Map();
    runs.set(db, byCompany);
  }
  let run = byCompany.get(companyId);
  if (!run) {
    run = {
      progress: { state: 'idle', scored: 0, startedAt: null, finishedAt: null, kind: null, error: null },
      controller: null,
      done: null,
    };
    byCompany.set(companyId, run);
  }
  return run;
}

/** Whether any rescoring runs on this database (the incremental job then waits for its next turn). */
export function isRescoring(db: Db): boolean {
  return [...(runs.get(db)?.values() ?? [])].some((run) => run.progress.state === 'running');
}

export function getRescoreProgress(_db: Db, actor: Actor): RescoreProgress {
  return { ...runOf(_db, actor.companyId).progress };
}

/** Starts rescoring the company's subjects from scratch in the background; audited when it starts. */
export async function startRescore(
  db: Db,
  options: { actor: Actor; now: Date; sources?: readonly FactSource<SubjectFacts>[] },
): Promise<RescoreProgress> {
  const { actor, now } = options;
  const run = runOf(db, actor.companyId);
  if (run.progress.state === 'running') throw new AppError(conformanceErrors.RESCORE_RUNNING);
  await db.transaction().execute((trx) =>
    writeAudit(trx, {
      actor,
      at: now,
      entityType: 'conformance',
      entityId: actor.companyId,
      action: 'conformance_rescore',
      after: { rulebookVersion: currentRulebook.version },
    }),
  );
  const controller = new AbortController();
  run.controller = controller;
  run.progress = {
    state: 'running',
    scored: 0,
    startedAt: now.toISOString(),
    finishedAt: null,
    kind: null,
    error: null,
  };
  run.done = rescoreAll(db, {
    now,
    companyId: actor.companyId,
    sources: options.sources ?? factSources,
    signal: controller.signal,
    onProgress: ({ kind, scored }) => {
      run.progress = { ...run.progress, kind, scored };
    },
  }).then(
    (result) => {
      run.progress = {
        ...run.progress,
        state: result.cancelled ? 'cancelled' : 'done',
        scored: result.scored,
        finishedAt: new Date().toISOString(),
      };
    },
    (error: unknown) => {
      run.progress = {
        ...run.progress,
        state: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finishedAt: new Date().toISOString(),
      };
    },
  );
  return { ...run.progress };
}

/** Asks the running rescoring to stop after its current page. */
export function cancelRescore(db: Db, actor: Actor): RescoreProgress {
  const run = runOf(db, actor.companyId);
  run.controller?.abort();
  return { ...run.progress };
}

/** For tests and the bench: waits until the company's rescoring has finished. */
export async function rescoreFinished(db: Db, companyId: string): Promise<RescoreProgress> {
  const run = runOf(db, companyId);
  await run.done;
  return { ...run.progress };
}
