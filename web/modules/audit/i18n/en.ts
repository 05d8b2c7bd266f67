import type { MessagesOf } from '../../../app/module-types';
import type { zhCN } from './zh-CN';

export const en: MessagesOf<typeof zhCN> = {
  menu: { audit: 'Audit log', auditDescription: 'Tamper-evident trail of every change' },
  page: {
    title: 'Audit log',
    subtitle: 'Every create, update and disable leaves a tamper-evident record. Times are Beijing time.',
    verify: 'Verify audit chain',
  },
  filters: {
    entityType: 'Entity type',
    action: 'Action',
    actor: 'Actor',
    entityId: 'Entity ID',
    dateFrom: 'Start date',
    dateTo: 'End date',
    reset: 'Reset filters',
  },
  columns: {
    seq: 'Seq',
    at: 'Time',
    actor: 'Actor',
    entityType: 'Entity type',
    entityId: 'Entity ID',
    action: 'Action',
    requestId: 'Request ID',
  },
  system: 'System',
  diff: {
    field: 'Field',
    before: 'Before',
    after: 'After',
    kinds: { added: 'Added', removed: 'Removed', changed: 'Changed', unchanged: 'Unchanged' },
    showUnchanged: 'Show unchanged fields',
    fields: 'Field diff',
    raw: 'Raw JSON',
    noSnapshot: '(none)',
    empty: 'No field changed',
  },
  verify: {
    okTitle: 'The audit chain is intact',
    okDetail: 'Checked {{count}} records up to #{{head}}; no tampering found.',
    brokenTitle: 'The audit chain breaks at record #{{seq}}',
    brokenDetail:
      'Reason: {{reason}}. {{count}} records checked. Contact the system administrator now and preserve the evidence.',
  },
};
