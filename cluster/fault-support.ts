import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { idNumberFor } from '../bench/opening-support.js';
import type { Cluster, Nginx, Session } from './harness.js';

/** What the cluster tests share: nginx's access log read line by line, and an opening with buyers. */

export interface LoggedRequest {
  /** The instance ports nginx tried, in order; the last one answered (or failed). */
  ports: number[];
  status: number;
  method: string;
  uri: string;
}

/** The requests nginx logged from line `from` on ("$upstream_addr $status $request_method $uri"). */
export function loggedRequests(nginx: Nginx, from = 0): LoggedRequest[] {
  const file = path.join(nginx.prefix, 'logs/access.log');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(from)
    .map((line) => {
      const fields = line.split(' ');
      const uri = fields[fields.length - 1];
      const method = fields[fields.length - 2];
      const status = Number(fields[fields.length - 3]);
      // "127.0.0.1:3001" or, after a retry, "127.0.0.1:3001, 127.0.0.1:3002"; "-" when none answered.
      const ports = [
        ...fields
          .slice(0, -3)
          .join(' ')
          .matchAll(/:(\d+)/g),
      ].map((match) => Number(match[1]));
      return { ports, status, method, uri };
    });
}

export interface OpeningWithBuyers {
  eventId: string;
  offered: string[];
  /** Each buyer's id and the cookie of a signed-in buyer session. */
  buyers: Array<{ id: string; cookie: string }>;
}

/**
 * An online opening of the controller's project, open now, offering `unitCount` units to
 * `buyerCount` registered buyers, each signed in already (as the bench does: the one-time code goes
 * by SMS, and signing in is not what the tests look at).
 */
export async function openingWithBuyers(
  cluster: Cluster,
  controller: Session,
  options: { name: string; unitCount: number; buyerCount: number; perBuyerLimit: number },
): Promise<OpeningWithBuyers> {
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
  if (forSale.length < options.unitCount)
    throw new Error(`the demo project has ${forSale.length} units for sale, not ${options.unitCount}`);
  const offered = forSale.slice(0, options.unitCount);
  const now = Date.now();
  const event = await controller.ok<{ id: string }>('POST', '/openings', {
    projectId,
    name: options.name,
    startsAt: new Date(now - 60_000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
    perBuyerLimit: options.perBuyerLimit,
    unitIds: offered,
  });
  await controller.ok('POST', `/openings/${event.id}/buyers`, {
    buyers: Array.from({ length: options.buyerCount }, (_, index) => ({
      name: `集群买家${index}`,
      phone: `139${String(10_000_000 + index)}`,
      idNumber: idNumberFor(index),
      pledgeNumber: `CL${String(index).padStart(4, '0')}`,
      idVerified: true,
    })),
  });
  const rows = await cluster.database.query<{ id: string }>(
    'SELECT id FROM opening_buyers WHERE event_id = $1 ORDER BY pledge_number',
    [event.id],
  );
  const buyers: OpeningWithBuyers['buyers'] = [];
  for (const row of rows) {
    const token = randomBytes(32).toString('base64url');
    await cluster.database.query(
      'UPDATE opening_buyers SET session_hash = $1, session_expires_at = $2 WHERE id = $3',
      [createHash('sha256').update(token).digest('hex'), new Date(now + 3_600_000).toISOString(), row.id],
    );
    buyers.push({ id: row.id, cookie: `yk_buyer=${token}` });
  }
  return { eventId: event.id, offered, buyers };
}
