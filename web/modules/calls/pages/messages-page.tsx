import { App, Badge, Button, Card, Empty, Flex, Input, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useLiveEvents } from '../../../app/live';
import { callsApi, type Message } from '../calls.api';

const statusColour = { new: 'red', read: 'blue', handled: 'default' } as const;

/** CS-3 from the recipient's side: messages arrive live; new → read → handled, each step timed. */
export default function MessagesPage() {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  const [status, setStatus] = useState<'all' | Message['status']>('all');
  const [handling, setHandling] = useState<Message | null>(null);
  const [note, setNote] = useState('');
  const list = useApiQuery(['calls', 'messages', 'mine', status], (signal) =>
    callsApi.findMessages(
      { box: 'mine', status: status === 'all' ? undefined : status, pageSize: 100 },
      signal,
    ),
  );

  useLiveEvents<{ messageId: string }>([`staff:${user.id}`], (event) => {
    if (event.type === 'message.created')
      void notification.info({ title: t('calls:inbox.arrived'), placement: 'bottomRight' });
    if (event.type.startsWith('message.') || event.type === 'live.reset') list.reload();
  });

  const step = async (row: Message, action: 'read' | 'handle', text = '') => {
    try {
      if (action === 'read') await callsApi.readMessage(row.id);
      else await callsApi.handleMessage(row.id, text);
      setHandling(null);
      setNote('');
      list.reload();
    } catch (error) {
      showError(error);
    }
  };

  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={
          <Space>
            {t('calls:inbox.title')}
            <Badge count={list.data?.unhandled ?? 0} data-testid="unhandled-count" />
          </Space>
        }
        extra={
          <Segmented
            value={status}
            onChange={(value) => setStatus(value as typeof status)}
            options={[
              { value: 'all', label: t('calls:history.all') },
              ...(['new', 'read', 'handled'] as const).map((value) => ({
                value,
                label: t(`calls:inbox.status.${value}`),
              })),
            ]}
          />
        }
      />
      <Flex vertical gap={8} data-testid="inbox">
        {items.length === 0 && !list.loading ? <Empty description={t('calls:inbox.empty')} /> : null}
        {items.map((row) => (
          <Card key={row.id} size="small" data-testid="inbox-item" data-status={row.status}>
            <Flex justify="space-between" gap={12} wrap>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Space wrap>
                  <Tag color={statusColour[row.status]}>{t(`calls:inbox.status.${row.status}`)}</Tag>
                  <Tag>{t(`calls:message.kinds.${row.kind}`)}</Tag>
                  {row.urgency === 'urgent' ? (
                    <Tag color="red">{t('calls:message.urgencies.urgent')}</Tag>
                  ) : null}
                  <Typography.Text strong>{row.callerName}</Typography.Text>
                  <Typography.Text copyable>{row.callbackNumberDisplay}</Typography.Text>
                  {!row.isCallbackNumberValid ? (
                    <Tag color="orange">{t('calls:desk.invalidNumber')}</Tag>
                  ) : null}
                </Space>
                <Typography.Paragraph style={{ margin: '6px 0', fontSize: 15 }} data-testid="inbox-content">
                  {row.content}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(row.createdAt)} · {row.createdByName}
                  {row.readAt ? ` · ${t('calls:inbox.status.read')} ${formatTime(row.readAt, 'HH:mm')}` : ''}
                  {row.handledAt
                    ? ` · ${t('calls:inbox.status.handled')} ${formatTime(row.handledAt, 'HH:mm')} ${row.handledNote}`
                    : ''}
                  {row.escalatedToName
                    ? ` · ${t('calls:inbox.escalated', { name: row.escalatedToName })}`
                    : ''}
                </Typography.Text>
              </div>
              <Space>
                {row.status === 'new' ? (
                  <ActionButton onClick={() => step(row, 'read')} data-testid="inbox-read">
                    {t('calls:inbox.read')}
                  </ActionButton>
                ) : null}
                {row.status !== 'handled' ? (
                  <Button type="primary" onClick={() => setHandling(row)} data-testid="inbox-handle">
                    {t('calls:inbox.handle')}
                  </Button>
                ) : null}
              </Space>
            </Flex>
          </Card>
        ))}
      </Flex>
      <Modal
        open={Boolean(handling)}
        title={t('calls:inbox.handle')}
        onCancel={() => setHandling(null)}
        onOk={() => handling && step(handling, 'handle', note)}
        destroyOnHidden
        afterClose={() => void message.destroy()}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={t('calls:inbox.handleNote')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </Modal>
    </>
  );
}
