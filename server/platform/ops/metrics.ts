import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';
import { readQueueStats } from '../jobs/index.js';
import type { LiveHub } from '../live/index.js';

/**
 * Prometheus metrics (prom-client). Two registries: the process's (CPU, memory, event loop, GC,
 * and counters that code anywhere increments, such as the opening's picks) made once, and one per
 * app for what depends on its database and hub; /metrics prints both.
 */
export const processRegistry = new Registry();
let defaultsCollected = false;

const openingPicks = new Counter({
  name: 'yingke_opening_picks_total',
  help: 'Online opening picks decided and committed, by result (won: a unit confirmed to a buyer; taken; limit).',
  labelNames: ['result'] as const,
  registers: [processRegistry],
});

/** Called by the opening once a batch of picks has committed. */
export function countOpeningPicks(results: ReadonlyArray<'won' | 'taken' | 'limit'>): void {
  for (const result of results) openingPicks.inc({ result });
}

export interface AppMetrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Both registries in Prometheus' text format. */
  render(): Promise<string>;
  contentType: string;
}

export function createAppMetrics(options: {
  database: Database;
  liveHub: () => LiveHub | undefined;
  now: () => Date;
}): AppMetrics {
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: processRegistry });
    defaultsCollected = true;
  }
  const registry = new Registry();
  const requests = new Counter({
    name: 'yingke_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'yingke_http_request_duration_seconds',
    help: 'Time to answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'yingke_live_subscribers',
    help: "Live event subscribers on this instance: screens' streams and the instance's own cache listener.",
    registers: [registry],
    collect() {
      this.set(options.liveHub()?.subscriberCount() ?? 0);
    },
  });
  // The queue is shared by every instance: each reports the same figures (read them with max()).
  // One query per scrape: the depth gauge (collected first) reads it, the lag gauge reuses it.
  let scrape: ReturnType<typeof readQueueStats> | null = null;
  new Gauge({
    name: 'yingke_jobs_queue_depth',
    help: 'Pending durable jobs: all of them (state="pending") and those already due (state="due").',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      scrape = readQueueStats(options.database.db, options.now());
      const stats = await scrape;
      this.set({ state: 'pending' }, stats.pending);
      this.set({ state: 'due' }, stats.due);
    },
  });
  new Gauge({
    name: 'yingke_jobs_queue_lag_seconds',
    help: 'How long the oldest due job has waited past its run time (0 when none is due).',
    registers: [registry],
    async collect() {
      const now = options.now();
      const stats = await (scrape ?? readQueueStats(options.database.db, now));
      scrape = null;
      this.set(stats.oldestDueAt ? Math.max(0, (now.getTime() - Date.parse(stats.oldestDueAt)) / 1000) : 0);
    },
  });
  return {
    registry,
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    async render() {
      return `${await registry.metrics()}\n${await processRegistry.metrics()}`;
    },
  };
}
