import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useRequest } from '../../../app/components/use-request';
import { useProjectSelection } from '../../../app/data/projects';
import { customersApi, type SourceChannel } from '../customers.api';

export default function SourcesPage() {
  const { t } = useTranslation('customers');
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const sources = useRequest(
    (signal) => customersApi.findSourceChannels(projectId ?? '', true, signal),
    projectId,
  );
  const [editing, setEditing] = useState<SourceChannel | 'new' | null>(null);
  const current = editing === 'new' ? null : editing;
  return (
    <>
      <PageHeader
        title={t('sources.title')}
        subtitle={t('sources.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('sources.add')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Table<SourceChannel>
          rowKey="id"
          size="middle"
          pagination={false}
          loading={sources.loading}
          dataSource={sources.data?.items ?? []}
          columns={[
            { key: 'sortOrder', title: t('sources.sortOrder'), dataIndex: 'sortOrder', width: 90 },
            { key: 'name', title: t('sources.name'), dataIndex: 'name' },
            {
              key: 'archived',
              title: t('sources.archived'),
              render: (_, row) => (row.isArchived ? t('app:common.yes') : t('app:common.no')),
            },
            {
              key: 'actions',
              title: '',
              render: (_, row) => (
                <Button size="small" onClick={() => setEditing(row)}>
                  {t('app:actions.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <FormModal<{ name: string; sortOrder: number; isArchived: boolean }>
        open={editing !== null}
        title={current ? current.name : t('sources.add')}
        initialValues={{
          name: current?.name ?? '',
          sortOrder: current?.sortOrder ?? sources.data?.items.length ?? 0,
          isArchived: current?.isArchived ?? false,
        }}
        onClose={() => setEditing(null)}
        onSubmit={async (values) => {
          if (!projectId) return;
          if (current) await customersApi.updateSourceChannel(current.id, values);
          else await customersApi.createSourceChannel(projectId, values.name, values.sortOrder);
          sources.reload();
        }}
      >
        <Form.Item
          name="name"
          label={t('sources.name')}
          rules={[{ required: true, whitespace: true }, { max: 40 }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('sources.sortOrder')}>
          <InputNumber min={0} max={999} precision={0} />
        </Form.Item>
        {current ? (
          <Form.Item name="isArchived" label={t('sources.archived')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </FormModal>
    </>
  );
}
