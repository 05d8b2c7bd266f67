import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { nameMaxLength } from '../../../app/validation';
import { StaffSelect } from '../../staff';
import { type Department, orgApi } from '../org.api';

type DepartmentEditorState = { mode: 'create' } | { mode: 'edit'; department: Department } | null;

interface DepartmentFormValues {
  name: string;
  headStaffId: string | null;
}

export default function DepartmentsPage() {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const departments = useRequest<Department[]>((signal) =>
    orgApi.findDepartments(signal).then((result) => result.items),
  );
  const [editor, setEditor] = useState<DepartmentEditorState>(null);
  const [search, setSearch] = useState('');

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const list = departments.data ?? [];
    return needle ? list.filter((department) => department.name.toLowerCase().includes(needle)) : list;
  }, [departments.data, search]);

  const columns: TableColumnsType<Department> = [
    {
      key: 'name',
      title: t('departments.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      key: 'head',
      title: t('departments.head'),
      dataIndex: 'headStaffName',
      render: (name: string | null) =>
        name ?? <Typography.Text type="secondary">{t('app:common.none')}</Typography.Text>,
    },
    {
      key: 'staffCount',
      title: t('departments.staffCount'),
      dataIndex: 'staffCount',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.staffCount - b.staffCount,
    },
    {
      key: 'actions',
      title: t('departments.actions'),
      width: 100,
      render: (_, department) => (
        <Button type="link" size="small" onClick={() => setEditor({ mode: 'edit', department })}>
          {t('app:actions.edit')}
        </Button>
      ),
    },
  ];

  const editing = editor?.mode === 'edit' ? editor.department : null;

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditor({ mode: 'create' })}
            data-testid="department-create"
          >
            {t('departments.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('departments.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 260 }}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={departments.reload}
            aria-label={t('app:actions.refresh')}
          />
        </Flex>
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={departments.loading}
          scroll={{ x: 640 }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (count) => t('app:common.total', { count }),
          }}
        />
      </Card>
      <FormModal<DepartmentFormValues>
        open={editor !== null}
        title={editing ? t('departments.edit') : t('departments.create')}
        initialValues={
          editing ? { name: editing.name, headStaffId: editing.headStaffId } : { name: '', headStaffId: null }
        }
        testId="department"
        onClose={() => setEditor(null)}
        onSubmit={async (values) => {
          const input = { name: values.name.trim(), headStaffId: values.headStaffId ?? null };
          const saved = editing
            ? await orgApi.updateDepartment(editing.id, input)
            : await orgApi.createDepartment(input);
          departments.setData((current) => {
            const list = current ?? [];
            return list.some((item) => item.id === saved.id)
              ? list.map((item) => (item.id === saved.id ? saved : item))
              : [...list, saved];
          });
          void message.success(editing ? t('app:common.updated') : t('app:common.created'));
        }}
      >
        <Form.Item
          name="name"
          label={t('departments.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('app:common.required', { field: t('departments.name') }),
            },
            {
              max: nameMaxLength,
              message: t('app:common.maxLength', { field: t('departments.name'), max: nameMaxLength }),
            },
          ]}
        >
          <Input maxLength={nameMaxLength} data-testid="department-name" />
        </Form.Item>
        <Form.Item name="headStaffId" label={t('departments.head')}>
          <StaffSelect initialLabel={editing?.headStaffName} placeholder={t('departments.headPlaceholder')} />
        </Form.Item>
      </FormModal>
    </>
  );
}
