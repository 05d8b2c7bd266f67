import { Alert, Button, Card, Drawer, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveLocale } from '../../../../contracts/locales';
import { ExportButton } from '../../../app/components/export-button';
import { useServerTable } from '../../../app/components/use-server-table';
import { formatTime } from '../../../app/format';
import {
  type CheckStatus,
  conformanceApi,
  type ScoredSubject,
  type SubjectFilters,
} from '../conformance.api';
import { ConformancePanel } from './conformance-panel';
import { percentOf } from './status-tag';

const statuses: CheckStatus[] = ['missed', 'met', 'not_applicable', 'pending'];

/** The drill-down: the scored records behind a figure, paged and sorted on the server, each opening its checks. */
export function SubjectsTable({ filters, onClear }: { filters: SubjectFilters; onClear?: () => void }) {
  const { t, i18n } = useTranslation('conformance');
  const locale = resolveLocale(i18n.language);
  const [status, setStatus] = useState<CheckStatus | undefined>();
  const [open, setOpen] = useState<ScoredSubject | null>(null);
  const scope = JSON.stringify({ ...filters, status });
  const table = useServerTable<ScoredSubject, SubjectFilters>(
    (query, signal) =>
      conformanceApi.findSubjects(
        {
          ...filters,
          status,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
          order: query.order,
        },
        signal,
      ),
    { filters, scope, queryKey: ['conformance', 'subjects'], sort: 'occurredAt', order: 'desc' },
  );
  const columns: TableColumnsType<ScoredSubject> = [
    {
      key: 'occurredAt',
      title: t('subjects.time'),
      sorter: true,
      sortOrder: table.sortOrderFor('occurredAt'),
      render: (_, row) => formatTime(row.occurredAt, 'YYYY-MM-DD HH:mm'),
    },
    { key: 'kind', title: t('subjects.kind'), render: (_, row) => t(`kinds.${row.subjectKind}`) },
    { key: 'project', title: t('subjects.project'), render: (_, row) => row.projectName ?? '—' },
    { key: 'desk', title: t('subjects.desk'), render: (_, row) => row.deskName ?? '—' },
    { key: 'staff', title: t('subjects.staff'), render: (_, row) => row.staffName ?? '—' },
    { key: 'score', title: t('figures.score'), render: (_, row) => percentOf(row.score) },
    {
      key: 'missed',
      title: t('figures.missed'),
      sorter: true,
      sortOrder: table.sortOrderFor('missed'),
      render: (_, row) => row.missed,
    },
    {
      key: 'missedChecks',
      title: t('subjects.missedChecks'),
      render: (_, row) => row.missedChecks.map((check) => check.title[locale]).join('；') || '—',
    },
    {
      key: 'open',
      title: '',
      render: (_, row) => (
        <Button size="small" type="link" onClick={() => setOpen(row)} data-testid="subject-open">
          {t('subjects.open')}
        </Button>
      ),
    },
  ];
  return (
    <Card size="small" title={t('subjects.title')} data-testid="conformance-subjects">
      {/* Above the table rather than beside the title: on a phone the title would be cut to "S…". */}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('subjects.status')}
          value={status}
          onChange={setStatus}
          options={statuses.map((value) => ({ value, label: t(`status.${value}`) }))}
        />
        {onClear ? <Button onClick={onClear}>{t('subjects.clear')}</Button> : null}
        <ExportButton
          path="/conformance/subjects/export"
          query={{ ...filters, status, ...table.exportQuery }}
          fallbackFileName="conformance-records.xlsx"
        />
      </Space>
      <Table<ScoredSubject>
        size="small"
        rowKey={(row) => `${row.subjectKind}:${row.subjectId}`}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({ onDoubleClick: () => setOpen(row) })}
        {...table.tableProps}
      />
      <Drawer
        open={open !== null}
        width={Math.min(640, window.innerWidth)}
        onClose={() => setOpen(null)}
        title={open ? t(`kinds.${open.subjectKind}`) : ''}
        destroyOnHidden
      >
        {open ? <ConformancePanel kind={open.subjectKind} id={open.subjectId} showRecordLink /> : null}
        {open ? <Typography.Text type="secondary">{formatTime(open.occurredAt)}</Typography.Text> : null}
      </Drawer>
    </Card>
  );
}

/**
 * Where the drill-down would be for a caller who sees the figures but not the records (the server's
 * `recordsHidden`): an empty list would read as "nothing was scored", so it says why in words.
 */
export function RecordsHiddenCard() {
  const { t } = useTranslation('conformance');
  return (
    <Card size="small" title={t('subjects.title')} data-testid="conformance-subjects-hidden">
      <Alert type="info" showIcon title={t('subjects.recordsHidden')} />
    </Card>
  );
}
