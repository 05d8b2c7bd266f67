import { WarningOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '../../../app/components/action-button';
import { ExportButton } from '../../../app/components/export-button';
import { useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime, shanghaiDayRange } from '../../../app/format';
import {
  type Attempt,
  type Channel,
  type Delivery,
  type DeliveryFilters,
  type DeliveryStatus,
  notifyApi,
} from '../notify.api';

export const statusColours: Record<DeliveryStatus, string> = {
  pending: 'blue',
  sending: 'gold',
  sent: 'green',
  failed: 'orange',
  dead: 'red',
  skipped: 'default',
};
const statuses: DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead', 'skipped'];
const channelList: Channel[] = ['inapp', 'email', 'sms', 'wecom'];

function DeliveryDrawer({
  id,
  onClose,
  onResent,
}: {
  id: string | null;
  onClose: () => void;
  onResent: () => void;
}) {
  const { t } = useTranslation();
  const detail = useApiQuery(id ? ['notify', 'deliveries', id] : null, (signal) =>
    notifyApi.delivery(id ?? '', signal),
  );
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const row = detail.data;
  const attemptColumns: TableColumnsType<Attempt> = [
    { title: t('notify:columns.attemptNo'), dataIndex: 'attemptNo', width: 70 },
    {
      title: t('notify:columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (value: Attempt['status']) => (
        <Tag color={statusColours[value]}>{t(`notify:status.${value}`)}</Tag>
      ),
    },
    {
      title: t('notify:columns.startedAt'),
      dataIndex: 'startedAt',
      width: 160,
      render: (value: string) => formatTime(value),
    },
    { title: t('notify:columns.instance'), dataIndex: 'instanceId', width: 140, ellipsis: true },
    {
      title: t('notify:columns.answer'),
      key: 'answer',
      render: (_, attempt) => attempt.errorMessage ?? attempt.providerAnswer ?? '',
    },
  ];
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={720}
      title={t('notify:deliveries.detail')}
      loading={detail.loading}
      data-testid="delivery-drawer"
      extra={
        row && row.status !== 'pending' && row.status !== 'sending' ? (
          <ConfirmAction
            title={t('notify:deliveries.resendConfirm')}
            onConfirm={() =>
              notifyApi
                .resend(row.id)
                .then(() => {
                  void message.success(t('notify:deliveries.resent'));
                  onResent();
                })
                .catch(showError)
            }
          >
            <Button type="primary" data-testid="delivery-resend">
              {t('notify:deliveries.resend')}
            </Button>
          </ConfirmAction>
        ) : null
      }
    >
      {row ? (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('notify:columns.event')}>{row.eventLabel}</Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.status')}>
              <Tag color={statusColours[row.status]}>{t(`notify:status.${row.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.channel')}>
              {t(`notify:channel.${row.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.recipient')}>
              {row.recipientName} {row.address && row.channel !== 'inapp' ? `(${row.address})` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.dueAt')}>{formatTime(row.dueAt)}</Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.sentAt')}>{formatTime(row.sentAt)}</Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.version')}>
              {row.templateVersion || t('notify:templates.shipped')}
            </Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.attempts')}>{row.attempts}</Descriptions.Item>
            <Descriptions.Item label={t('notify:columns.body')} span={2}>
              <Typography.Text type="secondary" data-testid="delivery-content-hidden">
                {t('notify:deliveries.contentHidden')}
              </Typography.Text>
            </Descriptions.Item>
            {row.errorMessage ? (
              <Descriptions.Item label={t('notify:columns.error')} span={2}>
                <Typography.Text type="danger">{row.errorMessage}</Typography.Text>
              </Descriptions.Item>
            ) : null}
            {row.resendOf ? (
              <Descriptions.Item label={t('notify:deliveries.resendOf')} span={2}>
                {row.resendOf}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {row.isPossibleDuplicate ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
              <WarningOutlined /> {t('notify:deliveries.duplicateHint')}
            </Typography.Paragraph>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('notify:deliveries.attempts')}
          </Typography.Title>
          <Table<Attempt>
            rowKey="id"
            size="small"
            pagination={false}
            columns={attemptColumns}
            dataSource={row.attemptLog}
            data-testid="attempt-table"
          />
        </>
      ) : null}
    </Drawer>
  );
}

export function DeliveriesTab() {
  const { t } = useTranslation();
  const [searchText, setSearchText] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const table = useServerTable<Delivery, DeliveryFilters>(
    (query, signal) =>
      notifyApi.deliveries(
        {
          ...query.filters,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
          order: query.order,
        },
        signal,
      ),
    { filters: {}, pageSize: 20, queryKey: ['notify', 'deliveries', 'list'] },
  );
  const columns: TableColumnsType<Delivery> = [
    {
      title: t('notify:columns.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      sorter: true,
      sortOrder: table.sortOrderFor('createdAt'),
      render: (value: string) => formatTime(value, 'MM-DD HH:mm:ss'),
    },
    { title: t('notify:columns.event'), dataIndex: 'eventLabel', width: 170, ellipsis: true },
    {
      title: t('notify:columns.channel'),
      dataIndex: 'channel',
      width: 80,
      render: (value: Channel) => t(`notify:channel.${value}`),
    },
    {
      title: t('notify:columns.recipient'),
      key: 'recipient',
      width: 170,
      render: (_, row) => (
        <span>
          {row.recipientName} <Typography.Text type="secondary">{row.address}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('notify:columns.status'),
      dataIndex: 'status',
      key: 'status',
      width: 120,
      sorter: true,
      sortOrder: table.sortOrderFor('status'),
      render: (value: DeliveryStatus, row) => (
        <Flex gap={4} align="center">
          <Tooltip title={row.errorMessage}>
            <Tag color={statusColours[value]}>{t(`notify:status.${value}`)}</Tag>
          </Tooltip>
          {row.isPossibleDuplicate ? (
            <Tooltip title={t('notify:deliveries.duplicateHint')}>
              <WarningOutlined style={{ color: '#faad14' }} />
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('notify:columns.attempts'),
      dataIndex: 'attempts',
      key: 'attempts',
      width: 70,
      sorter: true,
      sortOrder: table.sortOrderFor('attempts'),
    },
    {
      title: t('notify:columns.dueAt'),
      dataIndex: 'dueAt',
      key: 'dueAt',
      width: 130,
      sorter: true,
      sortOrder: table.sortOrderFor('dueAt'),
      render: (value: string) => formatTime(value, 'MM-DD HH:mm'),
    },
    {
      title: t('notify:columns.sentAt'),
      dataIndex: 'sentAt',
      key: 'sentAt',
      width: 130,
      sorter: true,
      sortOrder: table.sortOrderFor('sentAt'),
      render: (value: string | null) => formatTime(value, 'MM-DD HH:mm:ss'),
    },
    {
      title: t('notify:columns.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => setOpenId(row.id)} data-testid="delivery-open">
          {t('notify:deliveries.detail')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <Flex gap={12} wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            value={searchText}
            placeholder={t('notify:deliveries.search')}
            onChange={(event) => {
              setSearchText(event.target.value);
              if (!event.target.value) table.setFilters({ q: undefined });
            }}
            onSearch={(value) => table.setFilters({ q: value.trim() || undefined })}
            data-testid="delivery-search"
          />
          <Select<DeliveryStatus | 'all'>
            style={{ width: 140 }}
            value={table.query.filters.status ?? 'all'}
            onChange={(value) => table.setFilters({ status: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: t('notify:deliveries.allStatuses') },
              ...statuses.map((value) => ({ value, label: t(`notify:status.${value}`) })),
            ]}
            data-testid="delivery-status-filter"
          />
          <Select<Channel | 'all'>
            style={{ width: 120 }}
            value={table.query.filters.channel ?? 'all'}
            onChange={(value) => table.setFilters({ channel: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: t('notify:deliveries.allChannels') },
              ...channelList.map((value) => ({ value, label: t(`notify:channel.${value}`) })),
            ]}
          />
          <ZonedRangePicker
            onChange={(range) => table.setFilters(shanghaiDayRange(range))}
            style={{ width: 240 }}
          />
          <Checkbox
            checked={Boolean(table.query.filters.possibleDuplicate)}
            onChange={(event) => table.setFilters({ possibleDuplicate: event.target.checked || undefined })}
          >
            {t('notify:deliveries.possibleDuplicate')}
          </Checkbox>
        </Flex>
        <ExportButton
          path="/notify/deliveries/export"
          query={table.exportQuery}
          fallbackFileName={t('notify:deliveries.fileName')}
        />
      </Flex>
      <Table<Delivery>
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 1250 }}
        onRow={(row) => ({ onDoubleClick: () => setOpenId(row.id) })}
        {...table.tableProps}
        data-testid="delivery-table"
      />
      <DeliveryDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onResent={() => {
          setOpenId(null);
          table.reload();
        }}
      />
    </>
  );
}
