import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { addDays, shanghaiDate } from './deals.rules.js';
import { issueFormBatch, recordExam } from './deals.service.js';

/**
 * Demo deals set-up, through the same use cases as the screens: a batch of numbered 认购书 forms
 * for the sales project, and contract-filling exam results — three consultants passed, one
 * (zhaolei) did not, so the SA-15 refusal can be seen.
 */
export async function seedDealsDemo(
  db: Db,
  options: { actor: Actor; salesProjectId: string; staffIds: Map<string, string>; now: Date },
) {
  const { actor, salesProjectId, staffIds, now } = options;
  await issueFormBatch(db, {
    actor,
    projectId: salesProjectId,
    prefix: 'RG',
    firstSerial: 1,
    lastSerial: 200,
    width: 6,
    note: '2026 年第一批认购书',
    now,
  });
  const today = shanghaiDate(now);
  const results: Array<[string, number]> = [
    ['zhangwei', 92],
    ['liuyang', 88],
    ['chenjing', 95],
    ['zhaolei', 61],
  ];
  for (const [username, score] of results) {
    const staffId = staffIds.get(username);
    if (!staffId) continue;
    await recordExam(db, {
      actor,
      staffId,
      takenOn: addDays(today, -30),
      score,
      passMark: 80,
      expiresOn: addDays(today, 335),
      note: '合同填写考核',
      now,
    });
  }
}
