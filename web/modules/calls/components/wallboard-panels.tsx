import { Badge, Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PresenceBadge } from '../../../app/components/presence-badge';
import { formatTime } from '../../../app/format';
import type { Wallboard } from './wallboard.api';
import { formatDuration } from './wallboard-clock';

// The wallboard's panels. `big` is the wall screen's type (1920×1080 seen from across a room); the
// same panels stack in one column on a phone.

export interface PanelProps {
  board: Wallboard;
  /** The server's clock now (ms). */
  now: number;
  big: boolean;
}

const cardBody = { body: { padding: 12 } };

function Panel({
  title,
  children,
  big,
  extra,
}: {
  title: ReactNode;
  children: ReactNode;
  big: boolean;
  extra?: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={<span style={{ fontSize: big ? 22 : 15 }}>{title}</span>}
      extra={extra}
      styles={cardBody}
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

/** Ring k starts (k − 1) × cadence after alerting (CS-1 / SEC-1), counted on the server's clock. */
export function ringsAt(ringingAt: string, cadenceSeconds: number, now: number): number {
  return Math.floor(Math.max(0, now - Date.parse(ringingAt)) / (cadenceSeconds * 1000)) + 1;
}

export function RingingPanel({ board, now, big }: PanelProps) {
  const { t } = useTranslation(['app', 'calls']);
  const policy = board.policy;
  if (!policy) return null;
  return (
    <Panel big={big} title={t('calls:wallboard.ringing')} extra={<Tag>{board.ringing.length}</Tag>}>
      {board.ringing.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls:wallboard.ringingEmpty')} />
      ) : (
        <Flex vertical gap={8}>
          {board.ringing.slice(0, 6).map((call) => {
            const rings = ringsAt(call.ringingAt, policy.cadenceSeconds, now);
            const isAlert = now >= Date.parse(call.alertAt);
            const style: CSSProperties = {
              padding: big ? '10px 16px' : '6px 10px',
              borderRadius: 8,
              background: isAlert ? '#fff1f0' : '#e6f4ff',
              border: `2px solid ${isAlert ? '#ff4d4f' : '#91caff'}`,
            };
            return (
              <Flex
                key={call.callId}
                justify="space-between"
                align="center"
                wrap
                gap={4}
                style={style}
                data-testid="wallboard-ringing"
                data-rings={rings}
                data-alert={isAlert ? 'true' : 'false'}
              >
                <span
                  style={{ fontSize: big ? 44 : 26, fontWeight: 700, color: isAlert ? '#cf1322' : '#0958d9' }}
                >
                  {t('calls:wallboard.ring', { count: rings })}
                </span>
                <Flex vertical align="end">
                  <span style={{ fontSize: big ? 20 : 14 }}>
                    {t('calls:wallboard.ringingFor', {
                      seconds: Math.floor(Math.max(0, now - Date.parse(call.ringingAt)) / 1000),
                    })}
                  </span>
                  {isAlert ? (
                    <Tag color="red" style={{ fontSize: big ? 18 : 13, marginInlineEnd: 0 }}>
                      {t('calls:wallboard.alert', { max: policy.maxRings })}
                    </Tag>
                  ) : null}
                </Flex>
              </Flex>
            );
          })}
        </Flex>
      )}
    </Panel>
  );
}

export function ActivePanel({ board, now, big }: PanelProps) {
  const { t } = useTranslation(['app', 'calls']);
  if (!board.policy) return null;
  return (
    <Panel big={big} title={t('calls:wallboard.active')} extra={<Tag>{board.active.length}</Tag>}>
      {board.active.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls:wallboard.activeEmpty')} />
      ) : (
        <Flex vertical gap={6}>
          {board.active.slice(0, 8).map((call) => {
            const isHeld = call.status === 'on_hold';
            const holdMs = call.holdMs + (call.heldSince ? Math.max(0, now - Date.parse(call.heldSince)) : 0);
            const talkMs = call.answeredAt ? now - Date.parse(call.answeredAt) : 0;
            return (
              <Flex
                key={call.callId}
                justify="space-between"
                align="center"
                gap={8}
                style={{ fontSize: big ? 22 : 14 }}
                data-testid="wallboard-active"
                data-status={call.status}
              >
                <span>{call.agentName ?? t('calls:wallboard.noAgent')}</span>
                <Tag
                  color={isHeld ? 'gold' : 'green'}
                  style={{ fontSize: big ? 18 : 13, marginInlineEnd: 0 }}
                >
                  {isHeld
                    ? t('calls:wallboard.holdFor', { time: formatDuration(holdMs) })
                    : t('calls:wallboard.talkFor', { time: formatDuration(talkMs) })}
                </Tag>
              </Flex>
            );
          })}
        </Flex>
      )}
    </Panel>
  );
}

export function TodayPanel({ board, big }: PanelProps) {
  const { t } = useTranslation(['app', 'calls']);
  const { today, policy } = board;
  const figure = (label: string, value: ReactNode) => (
    <Flex vertical align="center" style={{ minWidth: 72 }}>
      <span style={{ fontSize: big ? 36 : 22, fontWeight: 600 }}>{value}</span>
      <Typography.Text type="secondary" style={{ fontSize: big ? 16 : 12 }}>
        {label}
      </Typography.Text>
    </Flex>
  );
  return (
    <Panel big={big} title={t('calls:wallboard.today', { day: today.day })}>
      <Flex align="center" justify="space-around" gap={12} wrap>
        {policy ? (
          <Flex vertical align="center" data-testid="wallboard-answer-rate">
            <Progress
              type="dashboard"
              size={big ? 150 : 96}
              percent={today.answerRate === null ? 0 : Math.round(today.answerRate * 100)}
              format={() => (today.answerRate === null ? '—' : `${Math.round(today.answerRate * 100)}%`)}
              status={today.answerRate !== null && today.answerRate < 0.9 ? 'exception' : 'normal'}
            />
            <Typography.Text style={{ fontSize: big ? 16 : 12 }}>
              {t('calls:wallboard.answerRate', { max: policy.maxRings })}
            </Typography.Text>
          </Flex>
        ) : null}
        <Flex gap={12} wrap justify="center">
          {figure(t('calls:wallboard.calls'), today.calls)}
          {policy
            ? figure(t('calls:wallboard.answeredWithin', { max: policy.maxRings }), today.answeredWithinLimit)
            : null}
          {policy ? figure(t('calls:wallboard.missed'), today.missed) : null}
          {today.visits !== null ? figure(t('calls:wallboard.visits'), today.visits) : null}
        </Flex>
      </Flex>
    </Panel>
  );
}

export function AgentsPanel({ board, big }: PanelProps) {
  const { t } = useTranslation(['app', 'calls']);
  return (
    <Panel big={big} title={t('calls:wallboard.agents')} extra={<Tag>{board.agents.length}</Tag>}>
      {board.agents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls:wallboard.agentsEmpty')} />
      ) : (
        <Flex wrap gap={big ? 16 : 10}>
          {board.agents.slice(0, 24).map((agent) => (
            <Flex
              key={agent.staffId}
              vertical
              style={{ minWidth: big ? 150 : 110, fontSize: big ? 20 : 14 }}
              data-testid="wallboard-agent"
            >
              <span style={{ fontWeight: 600 }}>{agent.displayName}</span>
              <span>
                {agent.isOnCall ? (
                  <Badge status="processing" text={t('calls:wallboard.onCall')} />
                ) : (
                  <PresenceBadge presence={agent.presence} />
                )}
              </span>
            </Flex>
          ))}
        </Flex>
      )}
    </Panel>
  );
}

export function OverduePanel({ board, now, big }: PanelProps) {
  const { t } = useTranslation(['app', 'calls']);
  if (!board.policy) return null;
  const items = board.overdueMessages;
  return (
    <Panel
      big={big}
      title={t('calls:wallboard.overdue')}
      extra={<Tag color={items.length ? 'red' : undefined}>{items.length}</Tag>}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls:wallboard.overdueEmpty')} />
      ) : (
        <Flex vertical gap={6}>
          {items.slice(0, 6).map((item) => (
            <Flex
              key={item.messageId}
              justify="space-between"
              gap={8}
              wrap
              style={{ fontSize: big ? 18 : 13 }}
            >
              <span>
                {t(`calls:wallboard.kindsOfMessage.${item.kind}`)} ·{' '}
                {t('calls:wallboard.forRecipient', { name: item.recipientName })}
                {item.urgency === 'urgent' ? (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {t('calls:wallboard.urgent')}
                  </Tag>
                ) : null}
              </span>
              <span>
                {formatTime(item.createdAt, 'HH:mm')} ·{' '}
                <Typography.Text type="danger">
                  {t('calls:wallboard.overdueBy', {
                    minutes: Math.floor((now - Date.parse(item.dueAt)) / 60_000),
                  })}
                </Typography.Text>
              </span>
            </Flex>
          ))}
        </Flex>
      )}
    </Panel>
  );
}

export function OrderPanel({ board, big }: PanelProps) {
  const { t } = useTranslation(['app', 'calls']);
  if (board.desk.kind !== 'sales_line') return null;
  const order = board.answeringOrder;
  return (
    <Panel big={big} title={t('calls:wallboard.order')}>
      {!order ? (
        <Typography.Text type="secondary">{t('calls:wallboard.orderHidden')}</Typography.Text>
      ) : (
        <Flex vertical gap={6}>
          <span style={{ fontSize: big ? 32 : 20, fontWeight: 700 }} data-testid="wallboard-next">
            {order.nextName
              ? t('calls:wallboard.nextUp', { name: order.nextName })
              : t('calls:wallboard.nobodyNext')}
          </span>
          {order.members.map((member) => (
            <Flex key={member.staffId} justify="space-between" gap={8} style={{ fontSize: big ? 20 : 14 }}>
              <span style={{ fontWeight: member.isNext ? 700 : 400 }}>
                {member.position}. {member.displayName}
              </span>
              <PresenceBadge presence={member.presence} />
              <Typography.Text type="secondary">
                {t('calls:wallboard.callsVisits', { calls: member.calls, visits: member.visits })}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Panel>
  );
}
