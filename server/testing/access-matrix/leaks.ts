import type { Role } from '../../../contracts/roles.js';
import type { RouteEntry } from '../../app.js';
import { pdfText } from '../../modules/deals/testing/index.js';
import type { AccessWorld, WorldObject } from '../access-world/index.js';
import { workbookText } from '../workbook-text.js';
import { wholeAllowed } from './field-rules.js';

export interface Leak {
  method: string;
  url: string;
  caller: string;
  relation: string;
  what: string;
}

export interface MatrixResult {
  cells: number;
  leaks: Leak[];
  /** Route parameters no fixture fills ("add a fixture for …"). */
  missingFixtures: string[];
  /** Routes that answered 500 SCOPE_NOT_APPLIED to some caller: their scope is declared but not applied yet. */
  scopeNotApplied: string[];
  /** Routes every call of which stopped at validation (400/406/415): their cells prove little. */
  onlyRefusedInput: string[];
}

export interface Answer {
  status: number;
  text: string;
}

async function answerText(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  const bytes = response.rawPayload;
  if (type.includes('spreadsheetml')) {
    try {
      return await workbookText(bytes);
    } catch {
      return bytes.toString('latin1');
    }
  }
  if (type.includes('pdf')) {
    try {
      return pdfText(bytes);
    } catch {
      return bytes.toString('latin1');
    }
  }
  return bytes.toString('utf8');
}

export async function toAnswer(response: {
  statusCode: number;
  headers: Record<string, unknown>;
  rawPayload: Buffer;
}): Promise<Answer> {
  return { status: response.statusCode, text: await answerText(response) };
}

/** The caller an answer is judged for: a role of P1, or buyer 1 of P1's opening. */
export interface JudgedCaller {
  name: string;
  role: Role | 'buyer';
  sees: (object: WorldObject) => boolean;
  seesAs?: (object: WorldObject, route: RouteEntry) => boolean;
  buyerId?: string;
}

/**
 * The leaks in one answer: a 2xx for a target the caller may not see, a marker of an object it
 * may not see, a whole number where the field rules do not allow it.
 */
export function findLeaks(
  world: AccessWorld,
  route: RouteEntry,
  url: string,
  caller: JudgedCaller,
  relation: string,
  target: WorldObject | undefined,
  answer: Answer,
): Leak[] {
  const found: Leak[] = [];
  const leak = (what: string) =>
    found.push({ method: route.method, url, caller: caller.name, relation, what });
  const ok = answer.status >= 200 && answer.status < 300;
  if (target && ok && !(caller.seesAs ?? caller.sees)(target, route))
    leak(`answered ${answer.status} for ${target.site}'s ${target.kind} it may not see`);
  if (answer.text.length === 0) return found;
  for (const object of world.objects) {
    const visible = caller.sees(object);
    if (!visible)
      for (const marker of object.markers)
        if (answer.text.includes(marker)) leak(`shows ${object.site}'s ${object.kind} (${marker})`);
    for (const secret of object.secrets) {
      if (!answer.text.includes(secret.value)) continue;
      if (visible && wholeAllowed(world, secret.field, route, caller, object)) continue;
      leak(`shows a whole ${secret.field} of ${object.site}'s ${object.kind}`);
    }
  }
  return found;
}

export function describeLeak(leak: Leak): string {
  return `${leak.method} ${leak.url} as ${leak.caller} (${leak.relation}): ${leak.what}`;
}
