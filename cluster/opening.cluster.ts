import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idNumberFor } from '../bench/opening-support.js';
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
    const me = await controller.ok<{ user: { roles: { role: string; projectId: string | null }[] } }>(
      'GET',
      '/auth/me',
    );
    const projectId = me.user.roles.find((grant) => grant.role === 'controller')?.projectId;
    if (!projectId) throw new Error('the demo controller has no project');
    const board = await controller.ok<{
      buildings: { units: { i: string; s: string; tp: number | null }[] }[];
    }>('GET', `/inventory/projects/${projectId}/board`);
    const forSale = board.buildings
      .flatMap((building) => building.units)
      .filter((unit) => unit.s === 'for_sale' && unit.tp !== null)
      .map((unit) => unit.i);
    expect(forSale.length).toBeGreaterThanOrEqual(unitCount);
    const offered = forSale.slice(0, unitCount);
    const now = Date.now();
    const event = await controller.ok<{ id: string }>('POST', '/openings', {
      projectId,
      name: '集群开盘',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: offered,
    });
    await controller.ok('POST', `/openings/${event.id}/buyers`, {
      buyers: Array.from({ length: buyerCount }, (_, index) => ({
        name: `集群买家${index}`,
        phone: `139${String(10_000_000 + index)}`,
        idNumber: idNumberFor(index),
        pledgeNumber: `CL${String(index).padStart(4, '0')}`,
        idVerified: true,
      })),
    });
    // Every buyer has signed in with their one-time code already (as the bench does: the code
    // goes by SMS; sign-in is not what is tested here).
    const buyers = await cluster.database.query<{ id: string }>(
      'SELECT id FROM opening_buyers WHERE event_id = $1 ORDER BY pledge_number',
      [event.id],
    );
    const tokens = new Map<string, string>();
    for (const buyer of buyers) {
      const token = randomBytes(32).toString('base64url');
      tokens.set(buyer.id, token);
      await cluster.database.query(
        'UPDATE opening_buyers SET session_hash = $1, session_expires_at = $2 WHERE id = $3',
        [createHash('sha256').update(token).digest('hex'), new Date(now + 3_600_000).toISOString(), buyer.id],
      );
    }

    const from = cluster.nginx.logged();
    let picks = 0;
    const confirmed = new Map<string, string[]>();
    const unexpected: string[] = [];
    // All buyers at once; each picks a unit at random until one is theirs or none is left.
    await Promise.all(
      buyers.map(async (buyer) => {
        const cookie = `yk_buyer=${tokens.get(buyer.id)}`;
        const untried = [...offered].sort(() => Math.random() - 0.5);
        for (const unitId of untried) {
          picks += 1;
          const answer = await request<{ error?: { code?: string } }>(
            cluster.url,
            'POST',
            `/api/public/openings/${event.id}/picks`,
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
      [event.id],
    );
    expect(stored).toHaveLength(unitCount);
    for (const pick of stored) expect(confirmed.get(pick.unit_id)).toEqual([pick.buyer_id]);
    const counts = await cluster.database.query<{ pick_count: number }>(
      'SELECT pick_count FROM opening_buyers WHERE event_id = $1 AND pick_count > 0',
      [event.id],
    );
    expect(counts).toHaveLength(unitCount);
    expect(counts.every((row) => Number(row.pick_count) === 1)).toBe(true);
  });
});
