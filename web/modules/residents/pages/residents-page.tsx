import { ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { ResidentDrawer } from '../components/resident-drawer';
import { ResidentFormModal } from '../components/resident-form-modal';
import { useRegisterProject } from '../components/use-register-project';
import { type Resident, type ResidentRole, residentsApi } from '../residents.api';

interface Filters {
  search?: string;
  role?: ResidentRole;
  includeMovedOut?: boolean;
}

/** The register: paged and sorted on the server, searched by name, pinyin initials, unit or phone. */
export default function ResidentsPage() {
  const { t } = useTranslation(['residents', 'app']);
  const { projectId, projects, setProjectId } = useRegisterProject();
  const [isCreating, setCreating] = useState(false);
  const [open, setOpen] = useState<Resident | null>(null);
  const table = useServerTable<Resident, Filters>(
    (query, signal) =>
      projectId
        ? residentsApi.findResidents(
            {
              projectId,
              ...query.filters,
              includeMovedOut: query.filters.includeMovedOut ? 'true' : undefined,
              page: query.page,
              pageSize: query.pageSize,
              sort: query.sort,
              order: query.order,
            },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: projectId, queryKey: ['residents', 'list'] },
  );
  if (!projectId) return <PageHeader title={t('residents:list.title')} subtitle={t('residents:list.none')} />;
  return (
    <>
      <PageHeader
        title={t('residents:list.title')}
        subtitle={t('residents:list.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <Link to="/residents/import">
              <Button icon={<ImportOutlined />} data-testid="residents-import-link">
                {t('residents:list.import')}
              </Button>
            </Link>
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setCreating(true)}
              data-testid="residents-add"
            >
              {t('residents:list.add')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Space style={{ marginBottom: 12 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('residents:list.search')}
            style={{ width: 300 }}
            onSearch={(value) => table.setFilters({ search: value.trim() || undefined })}
            data-testid="residents-search"
          />
          <Select
            allowClear
            placeholder={t('residents:fields.role')}
            style={{ width: 130 }}
            value={table.query.filters.role}
            onChange={(role) => table.setFilters({ role })}
            options={(['owner', 'tenant', 'member'] as const).map((value) => ({
              value,
              label: t(`residents:roles.${value}`),
            }))}
          />
          <Checkbox
            checked={table.query.filters.includeMovedOut ?? false}
            onChange={(event) => table.setFilters({ includeMovedOut: event.target.checked || undefined })}
          >
            {t('residents:list.includeMovedOut')}
          </Checkbox>
          <ExportButton
            path="/residents/export"
            query={{ projectId, ...table.exportQuery }}
            fallbackFileName={t('residents:list.exportFileName')}
          />
        </Space>
        <Table<Resident>
          rowKey="id"
          size="middle"
          scroll={{ x: 900 }}
          data-testid="residents-table"
          {...table.tableProps}
          onRow={(record) => ({ onClick: () => setOpen(record), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'place',
              title: t('residents:fields.place'),
              sorter: true,
              sortOrder: table.sortOrderFor('place'),
              render: (_, row) => row.place,
            },
            {
              key: 'name',
              title: t('residents:fields.name'),
              sorter: true,
              sortOrder: table.sortOrderFor('name'),
              render: (_, row) => (
                <Space size={4}>
                  <span data-testid="resident-row-name">{row.name}</span>
                  {row.isMovedOut ? <Tag>{t('residents:status.movedOut')}</Tag> : null}
                </Space>
              ),
            },
            {
              key: 'role',
              title: t('residents:fields.role'),
              render: (_, row) => (
                <Tag color={row.role === 'owner' ? 'gold' : 'blue'}>{t(`residents:roles.${row.role}`)}</Tag>
              ),
            },
            { key: 'phones', title: t('residents:fields.phones'), render: (_, row) => row.phones.join('、') },
            {
              key: 'moveInOn',
              title: t('residents:fields.moveInOn'),
              sorter: true,
              sortOrder: table.sortOrderFor('moveInOn'),
              render: (_, row) => row.moveInOn ?? '',
            },
            {
              key: 'consultant',
              title: t('residents:fields.consultant'),
              render: (_, row) => row.consultantName ?? '',
            },
          ]}
        />
      </Card>
      <ResidentFormModal
        open={isCreating}
        projectId={projectId}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          table.reload();
          setOpen(saved);
        }}
      />
      <ResidentDrawer
        resident={open}
        onClose={() => setOpen(null)}
        onChanged={(saved) => {
          setOpen(saved);
          table.reload();
        }}
      />
    </>
  );
}
