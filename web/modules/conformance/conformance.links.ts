import type { SubjectKind } from '../../../contracts/conformance';

/**
 * Where each kind of scored record is opened (the drill-down's last step). The call and deal pages
 * are the lead's to settle at merge: a call opens in the calls history, a deal in the deposits list.
 */
export function subjectPath(
  kind: SubjectKind | 'audit' | 'notification' | 'staff',
  id: string,
): string | null {
  const encoded = encodeURIComponent(id);
  switch (kind) {
    case 'call':
      return `/calls/history?callId=${encoded}`;
    case 'message':
      return '/calls/messages';
    case 'incident':
    case 'leader_call':
      return '/calls/incidents';
    case 'sales_call':
      return '/reception/calls';
    case 'visit':
      return `/reception/visits/${encoded}`;
    case 'follow_up':
      return '/customers/follow-ups';
    case 'deal':
      // A deal is scored as its deposit (deals' fact source); its evidence links the file page when there is one.
      return '/deals?tab=deposits';
    case 'audit':
      return '/audit';
    default:
      return null;
  }
}
