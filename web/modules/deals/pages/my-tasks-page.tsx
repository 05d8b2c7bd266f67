import { App, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { toRequestQuery, useServerTable } from '../../../app/components/use-server-table';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { withDataKeys } from '../../../app/i18n-keys';
import { dealsApi, type MyTask, type TaskKind } from '../deals.api';
import { taskTitle } from '../task-title';

type StatusFilter = 'open' | 'done' | 'all';
interface TaskFilters {
  status?: 'open' | 'done';
  kind?: TaskKind;
  q?: string;
}

const taskKinds: TaskKind[] = ['down_payment_follow_up', 'move_in_accompany'];

/** The signed-in consultant's tasks across every deal, paged, sorted and filtered by the server. */
export default function MyTasksPage() {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [completing, setCompleting] = useState<string | null>(null);
  const table = useServerTable<MyTask, TaskFilters>(
    (query, signal) => dealsApi.findMyTasks(toRequestQuery(query), signal),
    { filters: { status: 'open' }, sort: 'dueAt', order: 'asc' },
  );
  const now = Date.now();

  const complete = async (task: MyTask) => {
    setCompleting(task.id);
    try {
      await dealsApi.completeTask(task.id);
      message.success(t('tasks.completed'));
      table.reload();
    } catch (error) {
      showError(error);
    } finally {
      setCompleting(null);
    }
  };

  return (
    <>
      <PageHeader title={t('tasks.title')} subtitle={t('tasks.subtitle')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<StatusFilter>
          value={status}
          data-testid="my-tasks-status"
          onChange={(value) => {
            setStatus(value);
            table.setFilters({ status: value === 'all' ? undefined : value });
          }}
          options={(['open', 'done', 'all'] as const).map((value) => ({
            value,
            label: t(`tasks.statusFilter.${value}`),
          }))}
        />
        <Select<TaskKind>
          allowClear
          style={{ width: 200 }}
          placeholder={t('tasks.kind')}
          data-testid="my-tasks-kind"
          onChange={(kind) => table.setFilters({ kind })}
          options={taskKinds.map((kind) => ({ value: kind, label: t(`tasks.kinds.${kind}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('tasks.search')}
          onSearch={(q) => table.setFilters({ q: q || undefined })}
          style={{ width: 240 }}
          data-testid="my-tasks-search"
        />
      </Space>
      <Table<MyTask>
        rowKey="id"
        size="middle"
        data-testid="my-tasks"
        locale={{ emptyText: t('tasks.empty') }}
        {...table.tableProps}
        columns={[
          {
            title: t('tasks.dueAt'),
            key: 'dueAt',
            sorter: true,
            sortOrder: table.sortOrderFor('dueAt'),
            width: 150,
            render: (_, task) => (
              <Space size={4} wrap>
                <span>{formatTime(task.dueAt, 'YYYY-MM-DD HH:mm')}</span>
                {task.status === 'open' && Date.parse(task.dueAt) < now ? (
                  <Tag color="red">{t('tasks.overdue')}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('tasks.task'),
            render: (_, task) => (
              <Space direction="vertical" size={0}>
                <Tag color={task.kind === 'move_in_accompany' ? 'green' : 'blue'}>
                  {t(`tasks.kinds.${task.kind}`)}
                </Tag>
                <Typography.Text
                  type="secondary"
                  ellipsis={{ tooltip: taskTitle(task, withDataKeys(t)) }}
                  style={{ maxWidth: 320 }}
                  data-testid={`my-task-title-${task.id}`}
                >
                  {taskTitle(task, withDataKeys(t))}
                </Typography.Text>
                {task.checklist.length ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('tasks.checklist', { count: task.checklist.length })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('common.unit'),
            key: 'unitNumber',
            sorter: true,
            sortOrder: table.sortOrderFor('unitNumber'),
            width: 110,
            render: (_, task) => (
              <Link to={`/deals/files/${task.transactionFileId}`} data-testid={`my-task-file-${task.id}`}>
                {task.unitNumber}
              </Link>
            ),
          },
          {
            title: t('common.customer'),
            key: 'customerName',
            dataIndex: 'customerName',
            sorter: true,
            sortOrder: table.sortOrderFor('customerName'),
            width: 120,
          },
          {
            title: t('common.actions'),
            width: 170,
            render: (_, task) => (
              <Space size={4}>
                <Link to={`/deals/files/${task.transactionFileId}`}>{t('tasks.openFile')}</Link>
                {task.status === 'open' ? (
                  <ActionButton
                    size="small"
                    type="primary"
                    loading={completing === task.id}
                    data-testid={`my-task-done-${task.id}`}
                    onClick={() => complete(task)}
                  >
                    {t('tasks.done')}
                  </ActionButton>
                ) : (
                  <Typography.Text type="secondary">
                    {t('tasks.doneAt')} {formatTime(task.doneAt, 'MM-DD HH:mm')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
