import {
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { workOrderCategories, workOrderStatuses, workOrderUrgencies } from '../../../../contracts/workorders';
import { useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { useApiMutation } from '../../../app/data/use-api-mutation';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useLiveInvalidation } from '../../../app/data/use-live-invalidation';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useLiveEvents } from '../../../app/live';
import { StatusTag, WorkOrderDrawer } from '../components/detail-drawer';
import { SlaTimer } from '../components/sla-timer';
import { emptyWorkOrder, WorkOrderFields, type WorkOrderFormValues } from '../components/work-order-form';
import { type WorkOrderSummary, workOrdersApi } from '../workorders.api';

interface Filters {
  q?: string;
  status?: string;
  category?: string;
  urgency?: string;
  breachedOnly?: string;
}

function CreateModal({
  projectId,
  open,
  onClose,
}: {
  projectId: string;
  open: boolean;
  onClose: (id?: string) => void;
}) {
  const { t } = useTranslation('workorders');
  const [form] = Form.useForm<WorkOrderFormValues>();
  const { applyFormErrors } = useErrorHandler();
  const create = useApiMutation(
    async (values: WorkOrderFormValues) =>
      onClose((await workOrdersApi.create({ ...values, projectId, source: 'walk_in' })).id),
    { invalidates: [['workorders']] },
  );
  return (
    <Modal
      open={open}
      title={t('page.create')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={create.isRunning}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={emptyWorkOrder}
        onFinish={(values) => create.run(values).catch((error) => applyFormErrors(form, error))}
      >
        <WorkOrderFields />
      </Form>
    </Modal>
  );
}

function Board({ projectId, onOpen }: { projectId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation('workorders');
  const board = useApiQuery(keyed(['workorders', 'board'], projectId), (signal) =>
    workOrdersApi.board(projectId, signal),
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <Row gutter={8} wrap={false} style={{ minWidth: 7 * 220 }}>
        {(board.data?.columns ?? []).map((column) => (
          <Col key={column.status} flex="220px">
            <Card
              size="small"
              title={
                <Space>
                  {t(`statuses.${column.status}`)}
                  <Badge count={column.total} showZero color="#8c8c8c" />
                </Space>
              }
              data-testid={`board-${column.status}`}
              styles={{ body: { padding: 8, minHeight: 120 } }}
            >
              <Space direction="vertical" style={{ width: '100%' }}>
                {column.items.map((item) => (
                  <Card
                    key={item.id}
                    size="small"
                    hoverable
                    onClick={() => onOpen(item.id)}
                    data-testid="board-card"
                  >
                    <div>
                      <strong>{item.number}</strong>{' '}
                      {item.urgency === 'urgent' ? <Tag color="red">{t('urgencies.urgent')}</Tag> : null}
                    </div>
                    <div style={{ fontSize: 12 }}>{item.location}</div>
                    <div
                      style={{
                        fontSize: 12,
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                        whiteSpace: 'nowrap',
                      }}
                    >
                      {item.description}
                    </div>
                    <SlaTimer order={item} />
                  </Card>
                ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

export default function WorkOrdersPage() {
  const { t } = useTranslation('workorders');
  const { notification } = App.useApp();
  const me = useCurrentUser();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'estate' });
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  const setOpen = (id: string | null) => setParams(id ? { open: id } : {});
  const [creating, setCreating] = useState(false);
  const table = useServerTable<WorkOrderSummary, Filters>(
    (query, signal) =>
      projectId
        ? workOrdersApi.find(
            {
              projectId,
              ...query.filters,
              sort: query.sort,
              order: query.order,
              page: query.page,
              pageSize: query.pageSize,
            },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: projectId, queryKey: ['workorders', 'list'] },
  );
  useLiveInvalidation(projectId ? [`project:${projectId}`] : [], [['workorders']], (event) =>
    event.type.startsWith('workorder.'),
  );
  // A department head hears of a breach the moment the sweep finds it.
  useLiveEvents<{ workOrderId: string }>([`staff:${me.id}`], (event) => {
    if (event.type !== 'workorder.breached') return;
    void workOrdersApi.get(event.payload.workOrderId).then((order) =>
      notification.warning({
        key: `breach-${order.id}`,
        message: <span data-testid="breach-alert">{t('page.breachAlert', { number: order.number })}</span>,
        description: t('page.breachAlertBody'),
        duration: 0,
        onClick: () => setOpen(order.id),
      }),
    );
    table.reload();
  });
  if (!projectId) return <PageHeader title={t('page.title')} subtitle={t('page.none')} />;
  const columns = [
    { key: 'number', title: t('fields.number'), dataIndex: 'number', sorter: true, width: 110 },
    {
      key: 'createdAt',
      title: t('fields.createdAt'),
      sorter: true,
      render: (_: unknown, row: WorkOrderSummary) => formatTime(row.createdAt, 'MM-DD HH:mm'),
    },
    {
      key: 'category',
      title: t('fields.category'),
      render: (_: unknown, row: WorkOrderSummary) => t(`categories.${row.category}`),
    },
    {
      key: 'urgency',
      title: t('fields.urgency'),
      render: (_: unknown, row: WorkOrderSummary) =>
        row.urgency === 'urgent' ? <Tag color="red">{t('urgencies.urgent')}</Tag> : t('urgencies.normal'),
    },
    {
      key: 'status',
      title: t('fields.status'),
      render: (_: unknown, row: WorkOrderSummary) => <StatusTag status={row.status} />,
    },
    { key: 'location', title: t('fields.location'), dataIndex: 'location' },
    { key: 'description', title: t('fields.description'), dataIndex: 'description', ellipsis: true },
    {
      key: 'assignee',
      title: t('fields.assignee'),
      render: (_: unknown, row: WorkOrderSummary) =>
        [row.teamName, row.assigneeName].filter(Boolean).join(' · '),
    },
    {
      key: 'dueAt',
      title: t('fields.due'),
      sorter: true,
      render: (_: unknown, row: WorkOrderSummary) => <SlaTimer order={row} />,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('page.title')}
        subtitle={t('page.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-work-order">
              {t('page.create')}
            </Button>
          </>
        }
      />
      <Tabs
        items={[
          {
            key: 'list',
            label: t('page.list'),
            children: (
              <Card size="small">
                <Space wrap style={{ marginBottom: 12 }}>
                  <Input.Search
                    allowClear
                    placeholder={t('page.search')}
                    style={{ width: 260 }}
                    onSearch={(q) => table.setFilters({ q: q || undefined })}
                  />
                  {(
                    [
                      ['status', workOrderStatuses, 'statuses'],
                      ['category', workOrderCategories, 'categories'],
                      ['urgency', workOrderUrgencies, 'urgencies'],
                    ] as const
                  ).map(([field, values, labels]) => (
                    <Select
                      key={field}
                      allowClear
                      style={{ width: 120 }}
                      placeholder={t(`fields.${field}`)}
                      options={values.map((value) => ({ value, label: t(`${labels}.${value}` as never) }))}
                      onChange={(value?: string) => table.setFilters({ [field]: value })}
                    />
                  ))}
                  <Checkbox
                    onChange={(event) =>
                      table.setFilters({ breachedOnly: event.target.checked ? 'true' : undefined })
                    }
                  >
                    {t('page.breachedOnly')}
                  </Checkbox>
                  <ExportButton
                    path="/work-orders/export"
                    query={{ projectId, ...table.exportQuery }}
                    fallbackFileName={t('page.exportFileName')}
                  />
                </Space>
                <Table<WorkOrderSummary>
                  rowKey="id"
                  size="middle"
                  scroll={{ x: 1100 }}
                  {...table.tableProps}
                  columns={columns.map((column) => ({
                    ...column,
                    sortOrder: column.sorter ? table.sortOrderFor(column.key) : undefined,
                  }))}
                  onRow={(row) => ({ onClick: () => setOpen(row.id), style: { cursor: 'pointer' } })}
                  data-testid="work-orders-table"
                />
              </Card>
            ),
          },
          {
            key: 'board',
            label: t('page.board'),
            children: <Board projectId={projectId} onOpen={setOpen} />,
          },
        ]}
      />
      <CreateModal
        projectId={projectId}
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) setOpen(id);
        }}
      />
      <WorkOrderDrawer workOrderId={openId} onClose={() => setOpen(null)} />
    </>
  );
}
