import {
  CheckCircleOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  KeyOutlined,
  MoreOutlined,
  PlusOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Dropdown,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, roles } from '../../../../contracts/roles';
import { api, type ListResult } from '../../../app/api';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { PresenceBadge } from '../../../app/components/presence-badge';
import { RoleTags } from '../../../app/components/role-tags';
import { useRequest } from '../../../app/components/use-request';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjects } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { roleLabel } from '../../../app/i18n';
import type { Department } from '../../org';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { StaffDrawer, type StaffDrawerState } from '../components/staff-drawer';
import { type Staff, type StaffFilters, type StaffStatus, staffApi } from '../staff.api';

const initialFilters: StaffFilters = { status: 'active' };

export default function StaffListPage() {
  const { t } = useTranslation('staff');
  const { message, modal } = App.useApp();
  const { showError } = useErrorHandler();
  const { projects, projectNames } = useProjects();
  const departments = useRequest<Department[]>((signal) =>
    // Read directly, not through the org module's client: the org pages use this module's StaffSelect.
    api.get<ListResult<Department>>('/org/departments', undefined, signal).then((result) => result.items),
  );
  const table = useServerTable<Staff, StaffFilters>(
    (query, signal) =>
      staffApi.findStaff(
        {
          ...query.filters,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
          order: query.order,
        },
        signal,
      ),
    { filters: initialFilters, sort: 'displayName', order: 'asc', pageSize: 20 },
  );
  const [drawer, setDrawer] = useState<StaffDrawerState>(null);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const [searchText, setSearchText] = useState('');
  const { filters } = table.query;

  const toggleDisabled = (staff: Staff) => {
    const run = async () => {
      try {
        const saved = staff.isDisabled
          ? await staffApi.enableStaff(staff.id)
          : await staffApi.disableStaff(staff.id);
        void message.success(
          t(saved.isDisabled ? 'actions.disabledOk' : 'actions.enabledOk', { name: saved.displayName }),
        );
        table.reload();
      } catch (error) {
        showError(error);
      }
    };
    if (staff.isDisabled) {
      void run();
      return;
    }
    modal.confirm({
      title: t('actions.disableConfirm', { name: staff.displayName }),
      content: t('actions.disableHint'),
      okText: t('actions.disable'),
      okButtonProps: { danger: true },
      cancelText: t('app:actions.cancel'),
      onOk: run,
    });
  };

  const resetTwoFactor = (staff: Staff) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('twoFactor.adminResetConfirm', { name: staff.displayName }),
        content: t('twoFactor.adminResetHint'),
        okText: t('twoFactor.adminReset'),
        okButtonProps: { danger: true },
        cancelText: t('app:actions.cancel'),
        onCancel: () => resolve(false),
        onOk: async () => {
          try {
            await staffApi.resetTwoFactor(staff.id);
            void message.success(t('twoFactor.adminResetOk', { name: staff.displayName }));
            table.reload();
            resolve(true);
          } catch (error) {
            showError(error);
            resolve(false);
          }
        },
      });
    });

  const columns: TableColumnsType<Staff> = [
    {
      key: 'displayName',
      title: t('columns.displayName'),
      fixed: 'left',
      width: 150,
      sorter: true,
      sortOrder: table.sortOrderFor('displayName'),
      render: (_, staff) => (
        <div>
          <Typography.Link
            onClick={() => setDrawer({ mode: 'edit', staff })}
            data-testid={`staff-row-${staff.username}`}
          >
            {staff.displayName}
          </Typography.Link>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{staff.namePinyin}</div>
        </div>
      ),
    },
    {
      key: 'username',
      title: t('columns.username'),
      dataIndex: 'username',
      width: 130,
      sorter: true,
      sortOrder: table.sortOrderFor('username'),
    },
    {
      key: 'departmentName',
      title: t('columns.department'),
      dataIndex: 'departmentName',
      width: 130,
      sorter: true,
      sortOrder: table.sortOrderFor('departmentName'),
      render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { key: 'title', title: t('columns.title'), dataIndex: 'title', width: 120, ellipsis: true },
    { key: 'officePhone', title: t('columns.officePhone'), dataIndex: 'officePhone', width: 150 },
    {
      key: 'mobile',
      title: t('columns.mobile'),
      dataIndex: 'mobile',
      width: 160,
      render: (mobile: string | null, staff) =>
        mobile ? (
          <Space size={4}>
            <span>{mobile}</span>
            <Tooltip title={staff.isMobileShareable ? t('mobile.shareable') : t('mobile.private')}>
              {staff.isMobileShareable ? (
                <EyeOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
              ) : (
                <EyeInvisibleOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
              )}
            </Tooltip>
          </Space>
        ) : null,
    },
    {
      key: 'roles',
      title: t('columns.roles'),
      width: 260,
      render: (_, staff) => <RoleTags roles={staff.roles} projectNames={projectNames} />,
    },
    {
      key: 'presence',
      title: t('columns.presence'),
      dataIndex: 'presence',
      width: 100,
      render: (presence: Staff['presence']) => <PresenceBadge presence={presence} />,
    },
    {
      key: 'status',
      title: t('columns.status'),
      dataIndex: 'isDisabled',
      width: 90,
      render: (isDisabled: boolean) =>
        isDisabled ? (
          <Tag>{t('list.statuses.disabled')}</Tag>
        ) : (
          <Tag color="success">{t('list.statuses.active')}</Tag>
        ),
    },
    {
      key: 'twoFactor',
      title: t('twoFactor.adminColumn'),
      dataIndex: 'hasTwoFactor',
      width: 110,
      render: (hasTwoFactor: boolean) =>
        hasTwoFactor ? (
          <Tag color="success">{t('twoFactor.statusOn')}</Tag>
        ) : (
          <Tag>{t('twoFactor.statusOff')}</Tag>
        ),
    },
    {
      key: 'createdAt',
      title: t('columns.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      sorter: true,
      sortOrder: table.sortOrderFor('createdAt'),
      render: (iso: string) => formatTime(iso, 'YYYY-MM-DD HH:mm'),
    },
    {
      key: 'actions',
      title: t('columns.actions'),
      fixed: 'right',
      width: 120,
      render: (_, staff) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', staff })}>
            {t('app:actions.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reset', icon: <KeyOutlined />, label: t('actions.resetPassword') },
                ...(staff.hasTwoFactor
                  ? [
                      {
                        key: 'resetTwoFactor',
                        icon: <SafetyCertificateOutlined />,
                        label: <span data-testid="staff-reset-two-factor">{t('twoFactor.adminReset')}</span>,
                      },
                    ]
                  : []),
                staff.isDisabled
                  ? { key: 'toggle', icon: <CheckCircleOutlined />, label: t('actions.enable') }
                  : { key: 'toggle', icon: <StopOutlined />, label: t('actions.disable'), danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'reset') setResetting(staff);
                if (key === 'resetTwoFactor') void resetTwoFactor(staff);
                if (key === 'toggle') toggleDisabled(staff);
              },
            }}
          >
            <Button
              type="text"
              size="small"
              icon={<MoreOutlined />}
              aria-label={t('app:actions.more')}
              data-testid={`staff-more-${staff.username}`}
            />
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        extra={
          <>
            <ExportButton
              path="/staff/export"
              query={table.exportQuery}
              fallbackFileName={t('list.exportFileName')}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create' })}
              data-testid="staff-create"
              data-crawl="drawer"
            >
              {t('list.create')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={searchText}
            placeholder={t('list.searchPlaceholder')}
            onChange={(event) => {
              setSearchText(event.target.value);
              if (!event.target.value) table.setFilters({ q: undefined });
            }}
            onSearch={(value) => table.setFilters({ q: value.trim() || undefined })}
            style={{ width: 360 }}
            data-testid="staff-search"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('list.department')}
            value={filters.departmentId}
            onChange={(departmentId?: string) => table.setFilters({ departmentId })}
            options={(departments.data ?? []).map((department) => ({
              value: department.id,
              label: department.name,
            }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('list.role')}
            value={filters.role}
            onChange={(role?: Role) => table.setFilters({ role })}
            options={roles.map((role) => ({ value: role, label: roleLabel(role) }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('list.project')}
            value={filters.projectId}
            onChange={(projectId?: string) => table.setFilters({ projectId })}
            options={projects.map((project) => ({ value: project.id, label: project.name }))}
            style={{ width: 180 }}
          />
          <Select<StaffStatus | 'all'>
            value={filters.status ?? 'all'}
            onChange={(status) => table.setFilters({ status: status === 'all' ? undefined : status })}
            options={[
              { value: 'active', label: t('list.statuses.active') },
              { value: 'disabled', label: t('list.statuses.disabled') },
              { value: 'all', label: t('list.statuses.all') },
            ]}
            style={{ width: 120 }}
            data-testid="staff-status-filter"
          />
          <Button
            onClick={() => {
              setSearchText('');
              table.resetFilters();
            }}
          >
            {t('list.resetFilters')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('app:actions.refresh')} />
        </Flex>
        <Table<Staff>
          rowKey="id"
          columns={columns}
          scroll={{ x: 1600 }}
          sticky
          {...table.tableProps}
          data-testid="staff-table"
        />
      </Card>
      <StaffDrawer
        state={drawer}
        departments={departments.data ?? []}
        projects={projects}
        onClose={() => setDrawer(null)}
        onSaved={() => table.reload()}
        onResetTwoFactor={resetTwoFactor}
      />
      <ResetPasswordModal staff={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
