import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Result,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { type BuildingEditorState, BuildingFormModal } from '../components/building-form-modal';
import { DoorEditor } from '../components/door-editor';
import { type Building, type Desk, orgApi } from '../org.api';
import { useProjects } from '../use-projects';

export default function ProjectDetailPage() {
  const { t } = useTranslation('org');
  const { projectId = '' } = useParams();
  const { projects, loading: isProjectsLoading } = useProjects();
  const project = projects.find((item) => item.id === projectId);
  const buildings = useRequest<Building[]>(
    (signal) => orgApi.findBuildings(projectId, signal).then((result) => result.items),
    projectId,
  );
  const desks = useRequest<Desk[]>(
    (signal) => orgApi.findDesks(projectId, signal).then((result) => result.items),
    projectId,
  );
  const [editor, setEditor] = useState<BuildingEditorState>(null);

  const sorted = [...(buildings.data ?? [])].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const nextSortOrder = sorted.length ? Math.max(...sorted.map((building) => building.sortOrder)) + 10 : 10;

  const replaceBuilding = (saved: Building) =>
    buildings.setData((current) => {
      const list = current ?? [];
      return list.some((item) => item.id === saved.id)
        ? list.map((item) => (item.id === saved.id ? saved : item))
        : [...list, saved];
    });

  if (!isProjectsLoading && !project) {
    return (
      <Result
        status="404"
        title={t('projectDetail.notFound')}
        extra={
          <Link to="/org/projects">
            <Button type="primary">{t('projectDetail.back')}</Button>
          </Link>
        }
      />
    );
  }

  const columns: TableColumnsType<Building> = [
    {
      key: 'sortOrder',
      title: t('projectDetail.sortOrder'),
      dataIndex: 'sortOrder',
      width: 80,
      align: 'right',
    },
    { key: 'name', title: t('projectDetail.buildingName'), dataIndex: 'name', width: 160 },
    {
      key: 'floorCount',
      title: t('projectDetail.floorCount'),
      dataIndex: 'floorCount',
      width: 110,
      render: (count: number | null) =>
        count === null ? (
          <Typography.Text type="secondary">{t('projectDetail.unknownFloors')}</Typography.Text>
        ) : (
          t('projectDetail.floors', { count })
        ),
    },
    {
      key: 'doors',
      title: t('projectDetail.doors'),
      render: (_, building) => (
        <DoorEditor building={building} onChange={(doors) => replaceBuilding({ ...building, doors })} />
      ),
    },
    {
      key: 'actions',
      title: t('projects.actions'),
      width: 90,
      fixed: 'right',
      render: (_, building) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditor({ mode: 'edit', building })}
        >
          {t('app:actions.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link to="/org/projects">
            <ArrowLeftOutlined /> {t('projectDetail.back')}
          </Link>
        }
        title={project ? project.name : <Skeleton.Input active size="small" />}
        subtitle={project ? `${project.city} · ${project.address}` : undefined}
      />
      {project ? (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'kind',
                label: t('projects.kind'),
                children: (
                  <Tag color={project.kind === 'sales' ? 'blue' : 'green'}>
                    {t(`projects.kinds.${project.kind}`)}
                  </Tag>
                ),
              },
              { key: 'city', label: t('projects.city'), children: project.city },
              {
                key: 'status',
                label: t('projects.status'),
                children: project.isArchived ? (
                  <Tag>{t('app:common.archived')}</Tag>
                ) : (
                  <Tag color="success">{t('app:common.active')}</Tag>
                ),
              },
              { key: 'address', label: t('projects.address'), children: project.address, span: 3 },
            ]}
          />
        </Card>
      ) : null}
      <Card
        title={t('projectDetail.buildings')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditor({ mode: 'create' })}
            data-testid="building-create"
          >
            {t('projectDetail.addBuilding')}
          </Button>
        }
        style={{ marginBottom: 16 }}
      >
        <Typography.Paragraph type="secondary">{t('projectDetail.buildingsHint')}</Typography.Paragraph>
        <Table<Building>
          rowKey="id"
          columns={columns}
          dataSource={sorted}
          loading={buildings.loading}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty description={t('projectDetail.noBuildings')} /> }}
        />
      </Card>
      <Card
        title={t('projectDetail.desks')}
        extra={
          <Link to={`/org/desks?projectId=${encodeURIComponent(projectId)}`}>
            <Button>{t('projectDetail.manageDesks')}</Button>
          </Link>
        }
      >
        <Table<Desk>
          rowKey="id"
          size="small"
          loading={desks.loading}
          dataSource={desks.data ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectDetail.noDesks')} />
            ),
          }}
          columns={[
            { key: 'name', title: t('desks.name'), dataIndex: 'name' },
            {
              key: 'kind',
              title: t('desks.kind'),
              dataIndex: 'kind',
              render: (kind: Desk['kind']) => <Tag>{t(`desks.kinds.${kind}`)}</Tag>,
            },
            {
              key: 'phone',
              title: t('desks.phone'),
              dataIndex: 'phone',
              render: (phone: string) => (
                <Typography.Text copyable={phone ? { text: phone } : false}>{phone}</Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <BuildingFormModal
        projectId={projectId}
        state={editor}
        nextSortOrder={nextSortOrder}
        onClose={() => setEditor(null)}
        onSaved={replaceBuilding}
      />
    </>
  );
}
