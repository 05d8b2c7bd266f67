import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ActionButton, ConfirmAction } from '../../../app/components/action-button';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { nameMaxLength } from '../../../app/validation';
import { type Company, orgApi, type Project, type ProjectKind, projectKinds } from '../org.api';

interface ProjectFormValues {
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
  isArchived: boolean;
}

type ProjectEditorState = { mode: 'create' } | { mode: 'edit'; project: Project } | null;

function CompanyCard() {
  const { t } = useTranslation(['org', 'app']);
  const { message } = App.useApp();
  const company = useApiQuery<Company>(['org', 'company'], (signal) => orgApi.getCompany(signal));
  const [isEditing, setEditing] = useState(false);

  return (
    <Card
      title={t('company.title')}
      loading={company.loading && !company.data}
      extra={
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} disabled={!company.data}>
          {t('company.edit')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('company.name'), children: company.data?.name },
          { key: 'shortName', label: t('company.shortName'), children: company.data?.shortName },
        ]}
      />
      <FormModal<{ name: string; shortName: string }>
        open={isEditing}
        title={t('company.edit')}
        initialValues={company.data}
        testId="company"
        onClose={() => setEditing(false)}
        onSubmit={async (values) => {
          const saved = await orgApi.updateCompany(values);
          company.setData(saved);
          void message.success(t('app:common.saved'));
        }}
      >
        <Form.Item
          name="name"
          label={t('company.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('app:common.required', { field: t('company.name') }),
            },
            {
              max: nameMaxLength,
              message: t('app:common.maxLength', { field: t('company.name'), max: nameMaxLength }),
            },
          ]}
        >
          <Input maxLength={nameMaxLength} />
        </Form.Item>
        <Form.Item
          name="shortName"
          label={t('company.shortName')}
          extra={t('company.shortNameHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('app:common.required', { field: t('company.shortName') }),
            },
            { max: 20, message: t('app:common.maxLength', { field: t('company.shortName'), max: 20 }) },
          ]}
        >
          <Input maxLength={20} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function ProjectFormModal({
  state,
  onClose,
  onSaved,
}: {
  state: ProjectEditorState;
  onClose(): void;
  onSaved(project: Project): void;
}) {
  const { t } = useTranslation(['org', 'app']);
  const { message } = App.useApp();
  const isEdit = state?.mode === 'edit';
  const initialValues: Partial<ProjectFormValues> =
    state?.mode === 'edit'
      ? state.project
      : { kind: 'sales', isArchived: false, name: '', city: '', address: '' };

  const text = (field: string, max: number, required = true) => [
    ...(required ? [{ required: true, whitespace: true, message: t('app:common.required', { field }) }] : []),
    { max, message: t('app:common.maxLength', { field, max }) },
  ];

  return (
    <FormModal<ProjectFormValues>
      open={state !== null}
      title={isEdit ? t('projects.edit') : t('projects.create')}
      initialValues={initialValues}
      testId="project"
      onClose={onClose}
      onSubmit={async (values) => {
        const input = { name: values.name.trim(), city: values.city.trim(), address: values.address.trim() };
        const saved =
          state?.mode === 'edit'
            ? await orgApi.updateProject(state.project.id, { ...input, isArchived: values.isArchived })
            : await orgApi.createProject({ ...input, kind: values.kind });
        onSaved(saved);
        void message.success(isEdit ? t('app:common.updated') : t('app:common.created'));
      }}
    >
      <Form.Item name="name" label={t('projects.name')} rules={text(t('projects.name'), nameMaxLength)}>
        <Input maxLength={nameMaxLength} data-testid="project-name" />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('projects.kind')}
        extra={isEdit ? t('projects.kindLocked') : undefined}
        rules={[{ required: true, message: t('app:common.required', { field: t('projects.kind') }) }]}
      >
        <Select
          disabled={isEdit}
          options={projectKinds.map((kind) => ({ value: kind, label: t(`projects.kinds.${kind}`) }))}
          data-testid="project-kind"
        />
      </Form.Item>
      <Form.Item name="city" label={t('projects.city')} rules={text(t('projects.city'), 30, false)}>
        <Input maxLength={30} data-testid="project-city" />
      </Form.Item>
      <Form.Item name="address" label={t('projects.address')} rules={text(t('projects.address'), 200, false)}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="project-address" />
      </Form.Item>
      {isEdit ? (
        <Form.Item
          name="isArchived"
          label={t('projects.isArchived')}
          valuePropName="checked"
          extra={t('projects.archivedHint')}
        >
          <Switch />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

export default function ProjectsPage() {
  const { t } = useTranslation(['org', 'app']);
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const projects = useApiQuery<Project[]>(['org', 'projects', 'all'], (signal) =>
    orgApi.findProjects(signal).then((result) => result.items),
  );
  const [editor, setEditor] = useState<ProjectEditorState>(null);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<ProjectKind | undefined>(undefined);
  const [showArchived, setShowArchived] = useState(false);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (projects.data ?? []).filter(
      (project) =>
        (showArchived || !project.isArchived) &&
        (!kind || project.kind === kind) &&
        (!needle ||
          [project.name, project.city, project.address].some((value) =>
            value.toLowerCase().includes(needle),
          )),
    );
  }, [projects.data, search, kind, showArchived]);

  const queryClient = useQueryClient();
  const replaceProject = (saved: Project) => {
    projects.setData((current) => {
      const list = current ?? [];
      return list.some((project) => project.id === saved.id)
        ? list.map((project) => (project.id === saved.id ? saved : project))
        : [saved, ...list];
    });
    // The app's shared project list (pickers, names) is stale now.
    void queryClient.invalidateQueries({ queryKey: ['org', 'projects'] });
  };

  const toggleArchived = async (project: Project) => {
    try {
      const saved = await orgApi.updateProject(project.id, {
        name: project.name,
        city: project.city,
        address: project.address,
        isArchived: !project.isArchived,
      });
      replaceProject(saved);
      void message.success(
        t(saved.isArchived ? 'projects.archivedOk' : 'projects.restoredOk', { name: saved.name }),
      );
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<Project> = [
    {
      key: 'name',
      title: t('projects.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 200,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, project) => (
        <Link to={`/org/projects/${project.id}`} data-testid={`project-link-${project.id}`}>
          {name}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('projects.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (value: ProjectKind) => (
        <Tag color={value === 'sales' ? 'blue' : 'green'}>{t(`projects.kinds.${value}`)}</Tag>
      ),
    },
    {
      key: 'city',
      title: t('projects.city'),
      dataIndex: 'city',
      width: 110,
      sorter: (a, b) => a.city.localeCompare(b.city, 'zh-CN'),
    },
    { key: 'address', title: t('projects.address'), dataIndex: 'address', ellipsis: true, width: 260 },
    {
      key: 'buildingCount',
      title: t('projects.buildings'),
      dataIndex: 'buildingCount',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.buildingCount - b.buildingCount,
    },
    {
      key: 'deskCount',
      title: t('projects.desks'),
      dataIndex: 'deskCount',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.deskCount - b.deskCount,
    },
    {
      key: 'status',
      title: t('projects.status'),
      dataIndex: 'isArchived',
      width: 100,
      render: (isArchived: boolean) =>
        isArchived ? (
          <Tag>{t('app:common.archived')}</Tag>
        ) : (
          <Tag color="success">{t('app:common.active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('projects.actions'),
      fixed: 'right',
      width: 220,
      render: (_, project) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditor({ mode: 'edit', project })}>
            {t('app:actions.edit')}
          </Button>
          <Link to={`/org/projects/${project.id}`}>
            <Button type="link" size="small">
              {t('projects.open')}
            </Button>
          </Link>
          {project.isArchived ? (
            <ActionButton type="link" size="small" onClick={() => toggleArchived(project)}>
              {t('projects.restore')}
            </ActionButton>
          ) : (
            <ConfirmAction
              title={t('projects.archiveConfirm', { name: project.name })}
              description={t('projects.archiveConfirmHint')}
              onConfirm={() => toggleArchived(project)}
              okText={t('projects.archive')}
              cancelText={t('app:actions.cancel')}
            >
              <Button type="link" size="small" danger>
                {t('projects.archive')}
              </Button>
            </ConfirmAction>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('menu.projects')} subtitle={t('projects.subtitle')} />
      <CompanyCard />
      <Card
        title={t('projects.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditor({ mode: 'create' })}
            data-testid="project-create"
          >
            {t('projects.create')}
          </Button>
        }
      >
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('projects.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 280 }}
          />
          <Select
            allowClear
            placeholder={t('projects.kind')}
            value={kind}
            onChange={setKind}
            options={projectKinds.map((value) => ({ value, label: t(`projects.kinds.${value}`) }))}
            style={{ width: 160 }}
          />
          <Space>
            <Switch size="small" checked={showArchived} onChange={setShowArchived} />
            <Typography.Text>{t('projects.showArchived')}</Typography.Text>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={projects.reload} aria-label={t('app:actions.refresh')} />
        </Flex>
        <Table<Project>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={projects.loading}
          scroll={{ x: 1200 }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (count) => t('app:common.total', { count }),
          }}
        />
      </Card>
      <ProjectFormModal state={editor} onClose={() => setEditor(null)} onSaved={replaceProject} />
    </>
  );
}
