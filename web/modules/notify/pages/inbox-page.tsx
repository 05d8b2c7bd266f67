import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  List,
  Row,
  Switch,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useLiveInvalidation } from '../../../app/data/use-live-invalidation';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type Channel, notifyApi } from '../notify.api';

const channelOrder: Channel[] = ['inapp', 'email', 'sms', 'wecom'];

function PreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const [form] = Form.useForm<{ channels: Channel[]; email: string }>();
  const [saving, setSaving] = useState(false);
  const preferences = useApiQuery(['notify', 'preferences'], (signal) => notifyApi.preferences(signal));
  const selected = Form.useWatch('channels', form) ?? [];

  useEffect(() => {
    if (!preferences.data) return;
    form.setFieldsValue({
      channels: channelOrder.filter((channel) => preferences.data?.channels[channel]),
      email: preferences.data.email,
    });
  }, [preferences.data, form]);

  const save = async (values: { channels: Channel[]; email: string }) => {
    setSaving(true);
    try {
      await notifyApi.savePreferences({
        channels: Object.fromEntries(
          channelOrder.map((channel) => [channel, values.channels.includes(channel)]),
        ) as Record<Channel, boolean>,
        email: values.email ?? '',
      });
      void message.success(t('notify:inbox.saved'));
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  const mobile = preferences.data?.mobile;
  return (
    <Card
      title={t('notify:inbox.preferences')}
      loading={preferences.loading}
      data-testid="notify-preferences"
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="channels">
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {channelOrder.map((channel) => (
              <Checkbox key={channel} value={channel} data-testid={`pref-${channel}`}>
                {t(`notify:inbox.channels.${channel}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="email" label={t('notify:inbox.email')} hidden={!selected.includes('email')}>
          <Input type="email" maxLength={120} data-testid="pref-email-address" />
        </Form.Item>
        {selected.includes('sms') || selected.includes('wecom') ? (
          <Typography.Paragraph type={mobile ? 'secondary' : 'warning'}>
            {mobile ? t('notify:inbox.mobileHint', { mobile }) : t('notify:inbox.noMobile')}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="pref-save">
          {t('app:actions.save')}
        </Button>
      </Form>
    </Card>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { showError } = useErrorHandler();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const inbox = useApiQuery(
    ['notify', 'inbox', unreadOnly, page],
    (signal) => notifyApi.inbox({ unreadOnly, page, pageSize }, signal),
    { keepPrevious: true },
  );
  useLiveInvalidation(
    [`staff:${user.id}`],
    [['notify', 'inbox']],
    (event) => event.type === 'notify.inbox' || event.type === 'notify.read',
  );

  const client = useQueryClient();
  const mark = useCallback(
    (body: { ids?: string[]; all?: boolean }) => {
      notifyApi
        .markRead(body)
        .then(() => client.invalidateQueries({ queryKey: ['notify', 'inbox'] }))
        .catch(showError);
    },
    [client, showError],
  );

  return (
    <>
      <PageHeader
        title={t('notify:inbox.title')}
        subtitle={t('notify:inbox.subtitle')}
        extra={
          <>
            <Flex align="center" gap={6}>
              <Switch
                size="small"
                checked={unreadOnly}
                onChange={(value) => {
                  setUnreadOnly(value);
                  setPage(1);
                }}
                data-testid="inbox-unread-only"
              />
              {t('notify:inbox.unreadOnly')}
            </Flex>
            <ActionButton
              onClick={() => mark({ all: true })}
              disabled={!inbox.data?.unread}
              data-testid="inbox-mark-all"
            >
              {t('notify:inbox.markAll')}
            </ActionButton>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <List
              loading={inbox.loading}
              dataSource={inbox.data?.items ?? []}
              locale={{ emptyText: t('notify:inbox.empty') }}
              data-testid="inbox-list"
              pagination={{
                current: page,
                pageSize,
                total: inbox.data?.total ?? 0,
                onChange: setPage,
                hideOnSinglePage: true,
                showSizeChanger: false,
              }}
              renderItem={(item) => (
                <List.Item
                  data-testid="inbox-item"
                  actions={[
                    item.link ? (
                      <Button
                        key="open"
                        type="link"
                        size="small"
                        onClick={() => {
                          mark({ ids: [item.id] });
                          navigate(item.link ?? '/');
                        }}
                      >
                        {t('notify:inbox.open')}
                      </Button>
                    ) : null,
                    !item.readAt ? (
                      <ActionButton
                        key="read"
                        type="link"
                        size="small"
                        onClick={() => mark({ ids: [item.id] })}
                      >
                        {t('notify:inbox.markRead')}
                      </ActionButton>
                    ) : null,
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    avatar={<Badge status={item.readAt ? 'default' : 'processing'} />}
                    title={<Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>}
                    description={
                      <>
                        <div style={{ color: 'rgba(0,0,0,0.75)' }}>{item.body}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatTime(item.createdAt, 'YYYY-MM-DD HH:mm')}
                        </Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <PreferencesCard />
        </Col>
      </Row>
    </>
  );
}
