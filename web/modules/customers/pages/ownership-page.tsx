import { App, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type Conflict, customersApi } from '../customers.api';

const statusColors = { logged: 'default', requested: 'orange', approved: 'green', rejected: 'red' } as const;

export default function OwnershipPage() {
  const { t } = useTranslation('customers');
  const user = useCurrentUser();
  const { modal, message } = App.useApp();
  const { showError } = useErrorHandler();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const isManager = user.roles.some((grant) => grant.role === 'manager');
  const table = useServerTable<Conflict, { status?: string }>(
    (query, signal) =>
      projectId
        ? customersApi.findConflicts(
            { projectId, status: query.filters.status, page: query.page, pageSize: query.pageSize },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters: { status: 'requested' }, scope: projectId },
  );
  const resolve = (row: Conflict, isApproved: boolean) => {
    let note = '';
    modal.confirm({
      title: `${isApproved ? t('ownership.approve') : t('ownership.reject')} · ${row.customerName}`,
      content: (
        <Input
          placeholder={t('ownership.note')}
          maxLength={200}
          onChange={(event) => (note = event.target.value)}
        />
      ),
      onOk: async () => {
        try {
          await customersApi.resolveRequest(row.id, isApproved, note.trim());
          void message.success(t('app:common.saved'));
          table.reload();
        } catch (error) {
          showError(error);
        }
      },
    });
  };
  return (
    <>
      <PageHeader
        title={t('ownership.title')}
        subtitle={t('ownership.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            {projectId && isManager ? (
              <ExportButton
                path="/customers/ownership-conflicts/export"
                query={{ projectId, status: table.query.filters.status }}
                fallbackFileName={t('ownership.exportFileName')}
              />
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Segmented
          value={table.query.filters.status ?? 'all'}
          onChange={(value) => table.setFilters({ status: value === 'all' ? undefined : String(value) })}
          options={[
            { value: 'requested', label: t('ownership.requested') },
            { value: 'all', label: t('ownership.all') },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Table<Conflict>
          rowKey="id"
          size="middle"
          scroll={{ x: 900 }}
          {...table.tableProps}
          columns={[
            { key: 'at', title: t('ownership.at'), render: (_, row) => formatTime(row.at, 'MM-DD HH:mm') },
            {
              key: 'customer',
              title: t('ownership.customer'),
              render: (_, row) =>
                row.customerId ? (
                  <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link>
                ) : (
                  row.customerName
                ),
            },
            { key: 'requestedBy', title: t('ownership.requestedBy'), dataIndex: 'requestedByName' },
            { key: 'owner', title: t('ownership.owner'), dataIndex: 'ownerName' },
            {
              key: 'status',
              title: t('ownership.status'),
              render: (_, row) => (
                <Tag color={statusColors[row.status]}>{t(`ownership.statuses.${row.status}`)}</Tag>
              ),
            },
            { key: 'reason', title: t('ownership.reason'), dataIndex: 'reason', ellipsis: true },
            {
              key: 'resolution',
              title: t('ownership.resolution'),
              render: (_, row) => [row.resolvedByName, row.resolution].filter(Boolean).join(':'),
            },
            {
              key: 'actions',
              title: '',
              render: (_, row) =>
                row.status === 'requested' && isManager ? (
                  <Space>
                    <ActionButton size="small" type="primary" onClick={() => resolve(row, true)}>
                      {t('ownership.approve')}
                    </ActionButton>
                    <ActionButton size="small" onClick={() => resolve(row, false)}>
                      {t('ownership.reject')}
                    </ActionButton>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
