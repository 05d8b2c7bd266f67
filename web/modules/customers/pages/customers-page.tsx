import { ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useCanOpen } from '../../../app/menu';
import { CustomerNameCell, customerDateColumns, PhonesCell } from '../components/customer-cells';
import { CustomerModal } from '../components/customer-modal';
import { type Customer, customersApi, toSearchQuery } from '../customers.api';

interface Filters {
  q?: string;
  category?: 'normal' | 'key';
  sourceChannelId?: string;
}

export default function CustomersPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  // Only the links this user's roles open (the campaigns and sources pages are the manager's).
  const canOpen = useCanOpen();
  const [isRegistering, setRegistering] = useState(false);
  // Navigation waits until the form has closed, so its unsaved-changes guard is released.
  const [goTo, setGoTo] = useState<string | null>(null);
  useEffect(() => {
    if (goTo && !isRegistering) navigate(goTo);
  }, [goTo, isRegistering, navigate]);
  const sources = useApiQuery(keyed(['customers', 'source-channels', 'all'], projectId), (signal) =>
    customersApi.findSourceChannels(projectId ?? '', true, signal),
  );
  const sourceName = new Map((sources.data?.items ?? []).map((source) => [source.id, source.name]));
  const table = useServerTable<Customer, Filters>(
    (query, signal) =>
      projectId
        ? customersApi.findCustomers(
            {
              projectId,
              scope: 'all',
              ...query.filters,
              page: query.page,
              pageSize: query.pageSize,
              sort: query.sort,
              order: query.order,
            },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: projectId },
  );
  if (!projectId) return <PageHeader title={t('list.title')} subtitle={t('project.none')} />;
  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            {(
              [
                ['/customers/follow-ups', 'list.followUps'],
                ['/customers/ownership', 'list.ownership'],
                ['/customers/campaigns', 'list.campaigns'],
                ['/customers/sources', 'list.sources'],
              ] as const
            )
              .filter(([path]) => canOpen(path))
              .map(([path, label]) => (
                <Link key={path} to={path}>
                  <Button>{t(label)}</Button>
                </Link>
              ))}
            {canOpen('/customers/import') ? (
              <Link to="/customers/import">
                <Button icon={<ImportOutlined />}>{t('list.import')}</Button>
              </Link>
            ) : null}
            {canOpen('/customers/book') ? (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)}>
                {t('book.register')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('book.searchPlaceholder')}
            style={{ width: 300 }}
            onSearch={(value) => table.setFilters({ q: toSearchQuery(value) })}
            data-testid="customers-search"
          />
          <Select
            allowClear
            placeholder={t('fields.category')}
            style={{ width: 130 }}
            value={table.query.filters.category}
            onChange={(category) => table.setFilters({ category })}
            options={(['normal', 'key'] as const).map((value) => ({
              value,
              label: t(`categories.${value}`),
            }))}
          />
          <Select
            allowClear
            placeholder={t('fields.source')}
            style={{ width: 150 }}
            value={table.query.filters.sourceChannelId}
            onChange={(sourceChannelId) => table.setFilters({ sourceChannelId })}
            options={(sources.data?.items ?? []).map((source) => ({ value: source.id, label: source.name }))}
          />
          <ExportButton
            path="/customers/export"
            query={{ projectId, scope: 'all', ...table.exportQuery }}
            fallbackFileName={t('list.exportFileName')}
          />
        </Space>
        <Table<Customer>
          rowKey="id"
          size="middle"
          scroll={{ x: 980 }}
          data-testid="customers-table"
          {...table.tableProps}
          onRow={(record) => ({
            onClick: () => navigate(`/customers/${record.id}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              key: 'name',
              title: t('fields.name'),
              sorter: true,
              sortOrder: table.sortOrderFor('name'),
              render: (_, row) => <CustomerNameCell customer={row} />,
            },
            { key: 'phones', title: t('fields.phones'), render: (_, row) => <PhonesCell customer={row} /> },
            {
              key: 'source',
              title: t('fields.source'),
              render: (_, row) => (row.sourceChannelId ? sourceName.get(row.sourceChannelId) : ''),
            },
            { key: 'intent', title: t('fields.intentLayout'), dataIndex: 'intentLayout' },
            { key: 'owner', title: t('fields.owner'), dataIndex: 'ownerName' },
            ...customerDateColumns(t, table),
          ]}
        />
      </Card>
      <CustomerModal
        open={isRegistering}
        projectId={projectId}
        onClose={() => setRegistering(false)}
        onSaved={(customer) => setGoTo(`/customers/${customer.id}`)}
      />
    </>
  );
}
