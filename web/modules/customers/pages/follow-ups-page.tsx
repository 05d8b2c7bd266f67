import { Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { formatTime } from '../../../app/format';
import { CompleteFollowUpModal } from '../components/follow-up-modals';
import { customersApi, type FollowUp } from '../customers.api';

type Scope = 'today' | 'overdue' | 'upcoming' | 'done';

export default function FollowUpsPage() {
  const { t } = useTranslation('customers');
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const table = useServerTable<FollowUp, { scope: Scope }>(
    (query, signal) =>
      projectId
        ? customersApi.findFollowUps(
            { projectId, scope: query.filters.scope, page: query.page, pageSize: query.pageSize },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters: { scope: 'today' }, scope: projectId },
  );
  return (
    <>
      <PageHeader
        title={t('followUps.title')}
        subtitle={t('followUps.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            {projectId ? (
              <ExportButton
                path="/follow-ups/export"
                query={{ projectId, ...table.exportQuery }}
                fallbackFileName={t('followUps.exportFileName')}
              />
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Segmented<Scope>
          value={table.query.filters.scope}
          onChange={(scope) => table.setFilters({ scope })}
          options={(['today', 'overdue', 'upcoming', 'done'] as const).map((value) => ({
            value,
            label: t(`followUps.${value}`),
          }))}
          style={{ marginBottom: 12 }}
          data-testid="follow-up-scope"
        />
        <Table<FollowUp>
          rowKey="id"
          size="middle"
          scroll={{ x: 900 }}
          {...table.tableProps}
          data-testid="follow-ups-table"
          columns={[
            {
              key: 'plannedAt',
              title: t('followUps.plannedAt'),
              render: (_, row) => formatTime(row.plannedAt, 'MM-DD HH:mm'),
            },
            {
              key: 'customer',
              title: t('followUps.customer'),
              render: (_, row) => (
                <Space size={4}>
                  <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link>
                  {row.kind === 'after_sales' ? <Tag>{t('followUps.afterSales')}</Tag> : null}
                </Space>
              ),
            },
            { key: 'staff', title: t('followUps.staff'), dataIndex: 'staffName' },
            {
              key: 'channel',
              title: t('followUps.channel'),
              render: (_, row) => t(`channels.${row.channel}`),
            },
            { key: 'theme', title: t('followUps.theme'), dataIndex: 'theme' },
            {
              key: 'status',
              title: t('followUps.status'),
              render: (_, row) =>
                row.isOverdue ? (
                  <Tag color="red">{t('followUps.statuses.overdue')}</Tag>
                ) : (
                  <Tag>{t(`followUps.statuses.${row.status}`)}</Tag>
                ),
            },
            { key: 'outcome', title: t('followUps.outcome'), dataIndex: 'outcome', ellipsis: true },
            {
              key: 'actions',
              title: '',
              render: (_, row) =>
                row.status === 'planned' ? (
                  <Button size="small" onClick={() => setCompleting(row)}>
                    {t('followUps.complete')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <CompleteFollowUpModal
        followUp={completing}
        onClose={() => setCompleting(null)}
        onSaved={table.reload}
      />
    </>
  );
}
