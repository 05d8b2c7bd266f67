import { Alert, App, Flex, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type Job, type JobStatus, notifyApi } from '../notify.api';

const statusList: JobStatus[] = ['dead', 'pending', 'running', 'done', 'cancelled'];
const colours: Record<JobStatus, string> = {
  dead: 'red',
  pending: 'blue',
  running: 'gold',
  done: 'green',
  cancelled: 'default',
};

export function JobsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [status, setStatus] = useState<JobStatus>('dead');
  const [page, setPage] = useState(1);
  const jobs = useApiQuery(
    ['notify', 'jobs', status ?? null, page],
    (signal) => notifyApi.jobs({ status, page, pageSize: 20 }, signal),
    { keepPrevious: true },
  );
  const retry = (job: Job) =>
    notifyApi
      .retryJob(job.id)
      .then(() => {
        void message.success(t('notify:jobs.retried'));
        jobs.reload();
      })
      .catch(showError);
  const columns: TableColumnsType<Job> = [
    {
      title: t('notify:jobs.kind'),
      dataIndex: 'kind',
      width: 160,
      // Kinds are dotted codes (notify.deliver); a kind without words reads as "other task", never as code.
      render: (kind: string) =>
        t(`notify:jobs.kinds.${kind}`, { defaultValue: t('notify:jobs.kinds.other') }),
    },
    {
      title: t('notify:columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (value: JobStatus) => <Tag color={colours[value]}>{t(`notify:jobs.status.${value}`)}</Tag>,
    },
    {
      title: t('notify:jobs.runAt'),
      dataIndex: 'runAt',
      width: 150,
      render: (value: string) => formatTime(value, 'MM-DD HH:mm:ss'),
    },
    {
      title: t('notify:jobs.attempts'),
      key: 'attempts',
      width: 80,
      render: (_, row) => `${row.attempts}/${row.maxAttempts}`,
    },
    {
      title: t('notify:jobs.lastError'),
      dataIndex: 'lastError',
      ellipsis: true,
      render: (value: string | null) => <Typography.Text type="danger">{value}</Typography.Text>,
    },
    {
      title: t('notify:jobs.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      render: (value: string) => formatTime(value, 'MM-DD HH:mm:ss'),
    },
    {
      title: t('notify:columns.actions'),
      key: 'actions',
      width: 100,
      render: (_, row) =>
        row.status === 'dead' ? (
          <ActionButton size="small" onClick={() => retry(row)} data-testid="job-retry">
            {t('notify:jobs.retry')}
          </ActionButton>
        ) : null,
    },
  ];
  const counts = jobs.data?.counts ?? {};
  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 16 }} wrap>
        <Segmented<JobStatus>
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={statusList.map((value) => ({
            value,
            label: `${t(`notify:jobs.status.${value}`)} ${counts[value] ?? 0}`,
          }))}
          data-testid="job-status"
        />
      </Flex>
      {status === 'dead' ? (
        <Alert type="info" showIcon message={t('notify:jobs.deadHint')} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<Job>
        rowKey="id"
        size="middle"
        loading={jobs.loading}
        columns={columns}
        dataSource={jobs.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: jobs.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="job-table"
      />
    </>
  );
}
