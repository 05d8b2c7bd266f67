import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openingWithBuyers } from './fault-support.js';
import { type Cluster, request, type Session, signIn, startCluster } from './harness.js';

/**
 * The online opening with its buyers spread by nginx over every instance: each unit is sold once,
 * each buyer gets at most their limit, and what the buyers were told matches what is stored.
 */
let cluster: Cluster;
let controller: Session;

beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate') });
  controller = await signIn(cluster.url, 'controller');
});
afterAll(async () => {
  await cluster?.stop();
});

const unitCount = 24;
const buyerCount = 60;

describe('online opening across instances', () => {
  it('sells every unit exactly once with buyers spread over all instances', async () => {
    const { eventId, offered, buyers } = await openingWithBuyers(cluster, controller, {
      name: '集群开盘',
      unitCount,
      buyerCount,
      perBuyerLimit: 1,
    });
    const from = cluster.nginx.logged();
    let picks = 0;
    const confirmed = new Map<string, string[]>();
    const unexpected: string[] = [];
    // All buyers at once; each picks a unit at random until one is theirs or none is left.
    await Promise.all(
      buyers.map(async (buyer) => {
        const { cookie } = buyer;
        const untried = [...offered].sort(() => Math.random() - 0.5);
        for (const unitId of untried) {
          picks += 1;
          const answer = await request<{ error?: { code?: string } }>(
            cluster.url,
            'POST',
            `/api/public/openings/${eventId}/picks`,
            { body: { unitId }, headers: { cookie } },
          );
          if (answer.status === 200) {
            confirmed.set(unitId, [...(confirmed.get(unitId) ?? []), buyer.id]);
            return;
          }
          const code = answer.body.error?.code;
          if (code === 'UNIT_TAKEN') continue;
          unexpected.push(`${answer.status} ${code}`);
          return;
        }
      }),
    );
    expect(unexpected).toEqual([]);
    const picksBy = await cluster.nginx.servedSince(from, picks, (request) => request.endsWith('/picks'));
    expect(new Set(picksBy).size).toBe(cluster.instances.length);
    // Every unit confirmed to exactly one buyer; no buyer twice.
    expect(confirmed.size).toBe(unitCount);
    expect([...confirmed.values()].every((owners) => owners.length === 1)).toBe(true);
    expect(new Set([...confirmed.values()].flat()).size).toBe(unitCount);
    // What is stored is what the buyers were told.
    const stored = await cluster.database.query<{ unit_id: string; buyer_id: string }>(
      'SELECT unit_id, buyer_id FROM opening_picks WHERE event_id = $1',
      [eventId],
    );
    expect(stored).toHaveLength(unitCount);
    for (const pick of stored) expect(confirmed.get(pick.unit_id)).toEqual([pick.buyer_id]);
    const counts = await cluster.database.query<{ pick_count: number }>(
      'SELECT pick_count FROM opening_buyers WHERE event_id = $1 AND pick_count > 0',
      [eventId],
    );
    expect(counts).toHaveLength(unitCount);
    expect(counts.every((row) => Number(row.pick_count) === 1)).toBe(true);
  });
});
