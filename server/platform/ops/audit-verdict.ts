import type { AuditVerdict } from './backup.js';

/** The one wording of an audit chain check, for `npm run audit:verify` and the restore report. */
export function describeAuditVerdict(verdict: AuditVerdict): string {
  return verdict.ok
    ? `Audit chain intact: ${verdict.checkedRows} rows, head ${verdict.headSeq}.`
    : `Audit chain BROKEN at row ${verdict.firstBreak?.seq} (${verdict.firstBreak?.reason}); ${verdict.checkedRows} rows verified before it.`;
}
