import { App, Button, Empty, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useProjectSelection } from '../../../app/data/projects';
import { formatTime } from '../../../app/format';
import { CreateEventModal, phaseColor } from '../components/create-event-modal';
import { EventDrawer } from '../components/event-drawer';
import { type OpeningEvent, openingApi } from '../opening.api';

export default function OpeningsPage() {
  const { t } = useTranslation('opening');
  const { message } = App.useApp();
  const { projects: salesProjects, projectId, setProjectId } = useProjectSelection({ kind: 'sales' });
  const events = useRequest((signal) => openingApi.events(projectId!, signal), projectId);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title={t('staff.title')}
        extra={
          <Space>
            <Select
              style={{ minWidth: 160 }}
              value={projectId ?? undefined}
              onChange={setProjectId}
              options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
            />
            <Button
              type="primary"
              onClick={() => setCreating(true)}
              disabled={!projectId}
              data-testid="opening-create"
            >
              {t('staff.create')}
            </Button>
          </Space>
        }
      />
      <Table<OpeningEvent>
        rowKey="id"
        loading={events.loading}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('staff.empty')} /> }}
        pagination={false}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('staff.name'),
            dataIndex: 'name',
            render: (name: string, row) => <span data-testid={`opening-row-${row.id}`}>{name}</span>,
          },
          {
            title: t('staff.window'),
            render: (_, row) =>
              `${formatTime(row.startsAt, 'MM-DD HH:mm')} – ${formatTime(row.endsAt, 'MM-DD HH:mm')}`,
          },
          {
            title: '',
            dataIndex: 'phase',
            render: (phase: OpeningEvent['phase']) => (
              <Tag color={phaseColor[phase]}>{t(`phase.${phase}`)}</Tag>
            ),
          },
          { title: t('staff.units'), dataIndex: 'unitCount' },
          { title: t('staff.buyers'), dataIndex: 'buyerCount' },
          { title: t('staff.picks'), dataIndex: 'pickCount' },
        ]}
      />
      {projectId ? (
        <CreateEventModal
          projectId={projectId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            message.success(t('staff.created'));
            events.reload();
            setOpenId(id);
          }}
        />
      ) : null}
      <EventDrawer eventId={openId} onClose={() => setOpenId(null)} onChanged={events.reload} />
    </>
  );
}
