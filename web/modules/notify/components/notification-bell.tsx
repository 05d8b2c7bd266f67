import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useLiveInvalidation } from '../../../app/data/use-live-invalidation';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type LiveStatus, useLiveStatus } from '../../../app/live';
import { type InboxItem, notifyApi } from '../notify.api';

const statusColours: Record<LiveStatus, string> = {
  open: '#52c41a',
  connecting: '#faad14',
  reconnecting: '#ff4d4f',
  idle: '#bfbfbf',
};

/** Header bell: unread count and the latest unread items, updated live from the `staff:<me>` topic. */
export function NotificationBell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { showError } = useErrorHandler();
  const liveStatus = useLiveStatus();
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  // The bell's few latest unread items; a failure only leaves it empty (the inbox page shows errors).
  const bell = useApiQuery(
    ['notify', 'inbox', 'bell'],
    (signal) => notifyApi.inbox({ unreadOnly: true, page: 1, pageSize: 6 }, signal),
    { quiet: true },
  );
  const unread = bell.data?.unread ?? 0;
  const items = bell.data?.items ?? [];
  useLiveInvalidation(
    [`staff:${user.id}`],
    [['notify', 'inbox']],
    (event) => event.type === 'notify.inbox' || event.type === 'notify.read',
  );
  const refresh = () => client.invalidateQueries({ queryKey: ['notify', 'inbox'] });

  const markAll = () => {
    notifyApi.markRead({ all: true }).then(refresh).catch(showError);
  };
  const openItem = (item: InboxItem) => {
    setOpen(false);
    notifyApi
      .markRead({ ids: [item.id] })
      .then(refresh)
      .catch(showError);
    navigate(item.link ?? '/notifications');
  };

  const content = (
    <div style={{ width: 340 }} data-testid="notification-popover">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify:bell.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => openItem(item)}
              data-testid="notification-item"
            >
              <List.Item.Meta
                title={
                  <Typography.Text strong ellipsis>
                    {item.title}
                  </Typography.Text>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 2 }}>
                      {item.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(item.createdAt, 'MM-DD HH:mm')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Flex justify="space-between" style={{ marginTop: 8 }}>
        <ActionButton
          size="small"
          type="link"
          onClick={markAll}
          disabled={unread === 0}
          data-testid="notification-mark-all"
        >
          {t('notify:bell.markAll')}
        </ActionButton>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
          data-testid="notification-view-all"
        >
          {t('notify:bell.viewAll')}
        </Button>
      </Flex>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <Flex justify="space-between" align="center">
          <span>{t('notify:bell.title')}</span>
          <Tooltip title={t(`notify:bell.live.${liveStatus}`)}>
            <span
              data-testid="live-status"
              data-status={liveStatus}
              style={{
                display: 'inline-block',
                width: 8,
                height: 8,
                borderRadius: 4,
                background: statusColours[liveStatus],
              }}
            />
          </Tooltip>
        </Flex>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={t('notify:bell.unread', { count: unread })}
        data-testid="notification-bell"
        data-live-status={liveStatus}
        style={{ height: 40 }}
      >
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
