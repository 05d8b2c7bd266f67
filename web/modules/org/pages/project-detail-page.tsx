import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  type InputRef,
  Result,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useErrorHandler } from '../../../app/errors';
import { nameMaxLength } from '../../../app/validation';
import { type Building, type BuildingInput, type Desk, type Door, orgApi } from '../org.api';
import { useProjects } from '../use-projects';

type BuildingEditorState = { mode: 'create' } | { mode: 'edit'; building: Building } | null;

interface BuildingFormValues {
  name: string;
  floorCount: number | null;
  sortOrder: number;
}

/** Doors of one building as tags: click a tag to rename it, "+" to add one, both inline. */
function DoorEditor({ building, onChange }: { building: Building; onChange(doors: Door[]): void }) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [editingId, setEditingId] = useState<string | 'new' | null>(null);
  const [draft, setDraft] = useState('');
  const [isSaving, setSaving] = useState(false);
  const inputRef = useRef<InputRef>(null);
  const savingRef = useRef(false);

  useEffect(() => {
    if (editingId) inputRef.current?.focus();
  }, [editingId]);

  const start = (id: string | 'new', name: string) => {
    setEditingId(id);
    setDraft(name);
  };

  const commit = async () => {
    // Enter then the blur that follows (the input disables while saving) must not post twice.
    if (savingRef.current) return;
    const name = draft.trim();
    const original = building.doors.find((door) => door.id === editingId);
    if (!name || name.length > nameMaxLength || (original && original.name === name)) {
      setEditingId(null);
      return;
    }
    savingRef.current = true;
    setSaving(true);
    try {
      if (editingId === 'new') {
        const door = await orgApi.createDoor(building.id, name);
        onChange([...building.doors, door]);
      } else if (editingId) {
        const door = await orgApi.updateDoor(editingId, name);
        onChange(building.doors.map((item) => (item.id === door.id ? door : item)));
      }
      void message.success(t('projectDetail.doorSaved'));
      setEditingId(null);
    } catch (error) {
      showError(error);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  const editor = (key: string) => (
    <Input
      key={key}
      ref={inputRef}
      size="small"
      style={{ width: 120 }}
      value={draft}
      maxLength={nameMaxLength}
      disabled={isSaving}
      placeholder={t('projectDetail.doorPlaceholder')}
      onChange={(event) => setDraft(event.target.value)}
      onPressEnter={() => void commit()}
      onBlur={() => void commit()}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setEditingId(null);
      }}
      data-testid={`door-input-${building.id}`}
    />
  );

  return (
    <Flex gap={6} wrap align="center">
      {building.doors.map((door) =>
        editingId === door.id ? (
          editor(door.id)
        ) : (
          <Tag
            key={door.id}
            style={{ cursor: 'pointer', marginInlineEnd: 0 }}
            onClick={() => start(door.id, door.name)}
            title={t('projectDetail.renameDoor')}
          >
            {door.name}
          </Tag>
        ),
      )}
      {editingId === 'new' ? (
        editor('new')
      ) : (
        <Tag
          style={{ borderStyle: 'dashed', cursor: 'pointer', background: 'transparent', marginInlineEnd: 0 }}
          onClick={() => start('new', '')}
          data-testid={`door-add-${building.id}`}
        >
          <PlusOutlined /> {t('projectDetail.addDoor')}
        </Tag>
      )}
    </Flex>
  );
}

function BuildingFormModal({
  projectId,
  state,
  nextSortOrder,
  onClose,
  onSaved,
}: {
  projectId: string;
  state: BuildingEditorState;
  nextSortOrder: number;
  onClose(): void;
  onSaved(building: Building): void;
}) {
  const { t } = useTranslation('org');
  const { message } = App.useApp();
  const isEdit = state?.mode === 'edit';
  const initialValues: BuildingFormValues =
    state?.mode === 'edit'
      ? {
          name: state.building.name,
          floorCount: state.building.floorCount,
          sortOrder: state.building.sortOrder,
        }
      : { name: '', floorCount: null, sortOrder: nextSortOrder };

  return (
    <FormModal<BuildingFormValues>
      open={state !== null}
      title={isEdit ? t('projectDetail.editBuilding') : t('projectDetail.addBuilding')}
      initialValues={initialValues}
      testId="building"
      onClose={onClose}
      onSubmit={async (values) => {
        const input: BuildingInput = {
          name: values.name.trim(),
          floorCount: values.floorCount ?? null,
          sortOrder: values.sortOrder ?? 0,
        };
        const saved =
          state?.mode === 'edit'
            ? await orgApi.updateBuilding(state.building.id, input)
            : await orgApi.createBuilding(projectId, input);
        // PUT may answer without doors; keep the ones we already show.
        onSaved({ ...saved, doors: saved.doors ?? (state?.mode === 'edit' ? state.building.doors : []) });
        void message.success(isEdit ? t('app:common.updated') : t('app:common.created'));
      }}
    >
      <Form.Item
        name="name"
        label={t('projectDetail.buildingName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('app:common.required', { field: t('projectDetail.buildingName') }),
          },
          {
            max: nameMaxLength,
            message: t('app:common.maxLength', {
              field: t('projectDetail.buildingName'),
              max: nameMaxLength,
            }),
          },
        ]}
      >
        <Input
          maxLength={nameMaxLength}
          placeholder={t('projectDetail.buildingNamePlaceholder')}
          data-testid="building-name"
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          name="floorCount"
          label={t('projectDetail.floorCount')}
          extra={t('projectDetail.floorCountHint')}
          style={{ flex: 1 }}
        >
          <InputNumber
            min={1}
            max={200}
            precision={0}
            style={{ width: '100%' }}
            data-testid="building-floorCount"
          />
        </Form.Item>
        <Form.Item
          name="sortOrder"
          label={t('projectDetail.sortOrder')}
          extra={t('projectDetail.sortOrderHint')}
          style={{ flex: 1 }}
        >
          <InputNumber
            min={0}
            max={9999}
            precision={0}
            style={{ width: '100%' }}
            data-testid="building-sortOrder"
          />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}

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
