import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { foldWidth, nameMaxLength, phonePattern } from '../../../app/validation';
import { type Desk, type DeskKind, deskKinds, orgApi } from '../org.api';
import { deskKindsFor } from '../org.rules';
import { useProjects } from '../use-projects';

type DeskEditorState = { mode: 'create' } | { mode: 'edit'; desk: Desk } | null;

interface DeskFormValues {
  projectId: string;
  name: string;
  kind: DeskKind;
  phone: string;
}

const kindColors: Record<DeskKind, string> = {
  service_centre: 'blue',
  security_post: 'green',
  sales_line: 'orange',
};

export default function DesksPage() {
  const { t } = useTranslation(['org', 'app']);
  const { message } = App.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const projectId = searchParams.get('projectId') ?? undefined;
  const { projects } = useProjects();
  const desks = useApiQuery<Desk[]>(['org', 'desks', projectId ?? '*'], (signal) =>
    orgApi.findDesks(projectId, signal).then((result) => result.items),
  );
  const [editor, setEditor] = useState<DeskEditorState>(null);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<DeskKind | undefined>(undefined);
  const editing = editor?.mode === 'edit' ? editor.desk : null;
  const [deskForm] = Form.useForm<DeskFormValues>();
  const formProjectId = Form.useWatch('projectId', deskForm);
  const kindOf = (id: string | undefined) => projects.find((project) => project.id === id)?.kind;
  const allowedKinds = deskKindsFor(kindOf(formProjectId ?? editing?.projectId));

  const rows = (desks.data ?? []).filter((desk) => !kind || desk.kind === kind);
  const projectOptions = projects
    .filter((project) => !project.isArchived || project.id === projectId)
    .map((project) => ({ value: project.id, label: project.name }));

  const columns: TableColumnsType<Desk> = [
    {
      key: 'name',
      title: t('desks.name'),
      dataIndex: 'name',
      width: 180,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      key: 'projectName',
      title: t('desks.project'),
      dataIndex: 'projectName',
      width: 180,
      sorter: (a, b) => a.projectName.localeCompare(b.projectName, 'zh-CN'),
    },
    {
      key: 'kind',
      title: t('desks.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (value: DeskKind) => <Tag color={kindColors[value]}>{t(`desks.kinds.${value}`)}</Tag>,
    },
    {
      key: 'phone',
      title: t('desks.phone'),
      dataIndex: 'phone',
      width: 200,
      render: (phone: string) => (
        <Typography.Text copyable={phone ? { text: phone } : false}>{phone}</Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: t('desks.actions'),
      width: 100,
      fixed: 'right',
      render: (_, desk) => (
        <Button type="link" size="small" onClick={() => setEditor({ mode: 'edit', desk })}>
          {t('app:actions.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('desks.title')}
        subtitle={t('desks.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditor({ mode: 'create' })}
            data-testid="desk-create"
          >
            {t('desks.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('desks.projectFilter')}
            value={projectId}
            onChange={(value?: string) =>
              setSearchParams(value ? { projectId: value } : {}, { replace: true })
            }
            options={projectOptions}
            style={{ width: 220 }}
            data-testid="desk-project-filter"
          />
          <Select
            allowClear
            placeholder={t('desks.kind')}
            value={kind}
            onChange={setKind}
            options={deskKinds.map((value) => ({ value, label: t(`desks.kinds.${value}`) }))}
            style={{ width: 160 }}
          />
          <Button icon={<ReloadOutlined />} onClick={desks.reload} aria-label={t('app:actions.refresh')} />
        </Flex>
        <Table<Desk>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={desks.loading}
          scroll={{ x: 800 }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (count) => t('app:common.total', { count }),
          }}
        />
      </Card>
      <FormModal<DeskFormValues>
        open={editor !== null}
        title={editing ? t('desks.edit') : t('desks.create')}
        initialValues={
          editing
            ? { projectId: editing.projectId, name: editing.name, kind: editing.kind, phone: editing.phone }
            : { projectId, kind: deskKindsFor(kindOf(projectId))[0], name: '', phone: '' }
        }
        form={deskForm}
        testId="desk"
        onClose={() => setEditor(null)}
        onSubmit={async (values) => {
          const input = { name: values.name.trim(), kind: values.kind, phone: values.phone.trim() };
          const saved = editing
            ? await orgApi.updateDesk(editing.id, input)
            : await orgApi.createDesk({ ...input, projectId: values.projectId });
          desks.setData((current) => {
            const list = current ?? [];
            return list.some((item) => item.id === saved.id)
              ? list.map((item) => (item.id === saved.id ? saved : item))
              : [...list, saved];
          });
          void queryClient.invalidateQueries({ queryKey: ['org', 'desks'] });
          void message.success(editing ? t('app:common.updated') : t('app:common.created'));
        }}
      >
        <Form.Item
          name="projectId"
          label={t('desks.project')}
          extra={editing ? t('desks.projectLocked') : undefined}
          rules={[{ required: true, message: t('app:common.required', { field: t('desks.project') }) }]}
        >
          <Select
            disabled={Boolean(editing)}
            showSearch={{ optionFilterProp: 'label' }}
            options={projectOptions}
            onChange={(value: string) => {
              const kinds = deskKindsFor(kindOf(value));
              if (!kinds.includes(deskForm.getFieldValue('kind'))) deskForm.setFieldValue('kind', kinds[0]);
            }}
            data-testid="desk-projectId"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('desks.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('app:common.required', { field: t('desks.name') }),
            },
            {
              max: nameMaxLength,
              message: t('app:common.maxLength', { field: t('desks.name'), max: nameMaxLength }),
            },
          ]}
        >
          <Input maxLength={nameMaxLength} placeholder={t('desks.namePlaceholder')} data-testid="desk-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('desks.kind')}
          rules={[{ required: true, message: t('app:common.required', { field: t('desks.kind') }) }]}
        >
          <Select
            options={allowedKinds.map((value) => ({ value, label: t(`desks.kinds.${value}`) }))}
            data-testid="desk-kind"
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('desks.phone')}
          normalize={foldWidth}
          extra={t('desks.phoneHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('app:common.required', { field: t('desks.phone') }),
            },
            { pattern: phonePattern, message: t('app:common.invalidPhone') },
            { max: 30, message: t('app:common.maxLength', { field: t('desks.phone'), max: 30 }) },
          ]}
        >
          <Input maxLength={30} inputMode="tel" data-testid="desk-phone" />
        </Form.Item>
      </FormModal>
    </>
  );
}
