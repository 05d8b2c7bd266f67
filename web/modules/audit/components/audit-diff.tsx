import { Checkbox, Empty, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../audit.api';
import { type DiffKind, type DiffRow, diffSnapshots, formatJsonValue } from '../audit.rules';

const kindColors: Record<DiffKind, string> = {
  added: 'green',
  removed: 'red',
  changed: 'orange',
  unchanged: 'default',
};
const changedBackground: Partial<Record<DiffKind, string>> = {
  added: '#f6ffed',
  removed: '#fff1f0',
  changed: '#fffbe6',
};

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useTranslation('audit');
  return (
    <div style={{ flex: '1 1 0', minWidth: 0 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <pre
        style={{
          margin: '4px 0 0',
          padding: 12,
          background: '#f7f9fc',
          border: '1px solid #e8ecf2',
          borderRadius: 6,
          maxHeight: 360,
          overflow: 'auto',
          fontSize: 12,
        }}
      >
        {value === null || value === undefined ? t('diff.noSnapshot') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Expanded audit row: changed fields first, with a switch to the raw before/after JSON. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('audit');
  const [view, setView] = useState<'fields' | 'raw'>('fields');
  const [showUnchanged, setShowUnchanged] = useState(false);
  const rows = useMemo(() => diffSnapshots(entry.before, entry.after), [entry.before, entry.after]);
  const visible = showUnchanged ? rows : rows.filter((row) => row.kind !== 'unchanged');

  const cell = (value: unknown, present: boolean) =>
    present ? (
      <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {formatJsonValue(value)}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const columns: TableColumnsType<DiffRow> = [
    {
      key: 'path',
      title: t('diff.field'),
      dataIndex: 'path',
      width: 220,
      render: (path: string) => <Typography.Text strong>{path}</Typography.Text>,
    },
    {
      key: 'kind',
      title: '',
      dataIndex: 'kind',
      width: 80,
      render: (kind: DiffKind) => <Tag color={kindColors[kind]}>{t(`diff.kinds.${kind}`)}</Tag>,
    },
    { key: 'before', title: t('diff.before'), render: (_, row) => cell(row.before, row.kind !== 'added') },
    { key: 'after', title: t('diff.after'), render: (_, row) => cell(row.after, row.kind !== 'removed') },
  ];

  return (
    <div style={{ padding: '4px 8px' }} data-testid={`audit-diff-${entry.seq}`}>
      <Flex gap={16} align="center" style={{ marginBottom: 12 }}>
        <Segmented<'fields' | 'raw'>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'fields', label: t('diff.fields') },
            { value: 'raw', label: t('diff.raw') },
          ]}
        />
        {view === 'fields' ? (
          <Checkbox checked={showUnchanged} onChange={(event) => setShowUnchanged(event.target.checked)}>
            {t('diff.showUnchanged')}
          </Checkbox>
        ) : null}
      </Flex>
      {view === 'raw' ? (
        <Flex gap={12} wrap>
          <JsonBlock title={t('diff.before')} value={entry.before} />
          <JsonBlock title={t('diff.after')} value={entry.after} />
        </Flex>
      ) : (
        <Table<DiffRow>
          rowKey="path"
          size="small"
          columns={columns}
          dataSource={visible}
          pagination={false}
          onRow={(row) => ({ style: { background: changedBackground[row.kind] } })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('diff.empty')} /> }}
        />
      )}
    </div>
  );
}
