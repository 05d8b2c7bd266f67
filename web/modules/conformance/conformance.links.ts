import type { SubjectKind } from '../../../contracts/conformance';

/**
 * Where each kind of scored record is opened (the drill-down's last step): a call opens its detail in
 * the calls history; a deal (scored as its deposit) opens the deposit's transaction file, else its
 * agreement, else the deposits list (`/deals/deposits/:id` finds which).
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
      // A deal is scored as its deposit (deals' fact source).
      return `/deals/deposits/${encoded}`;
    case 'audit':
      return '/audit';
    default:
      return null;
  }
}
