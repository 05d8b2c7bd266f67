import { PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Col, Radio, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../../app/components/action-button';
import type { Call, CallDetail, Purpose, ReleasedBy } from '../../calls.api';
import { HoldTimer } from '../ring-counter';
import { CallNotesForm } from './call-notes-form';
import { ScreenPop } from './screen-pop';
import { statusColour } from './status-colour';

/** The call in progress: its buttons (SEC-6 who hangs up first), screen pop, notes and what came of it. */
export function ActiveCallCard({
  active,
  detail,
  purposes,
  busy,
  releasedBy,
  onReleasedByChange,
  onAct,
}: {
  active: Call;
  detail: CallDetail;
  purposes: Purpose[];
  busy: boolean;
  releasedBy: ReleasedBy;
  onReleasedByChange: (value: ReleasedBy) => void;
  onAct: (
    call: Call,
    action: 'answer' | 'hold' | 'resume' | 'end',
    extra?: { releasedBy?: ReleasedBy },
  ) => Promise<void>;
}) {
  const { t } = useTranslation(['app', 'calls']);
  const setReleasedBy = onReleasedByChange;
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Typography.Text strong>{detail.call.callerNumberDisplay || '—'}</Typography.Text>
          <Badge
            status={statusColour[active.status]}
            text={t(`calls:status.${active.status}`)}
            data-testid="active-status"
          />
          {detail.call.rings ? (
            <Tag color={detail.call.isAnsweredWithinLimit ? 'green' : 'red'}>
              {t('calls:desk.rings', { rings: detail.call.rings })}
            </Tag>
          ) : null}
          {active.status === 'on_hold' || active.holdMs > 0 ? (
            <HoldTimer since={active.heldSince} baseMs={active.holdMs} />
          ) : null}
        </Space>
      }
      extra={
        <Space wrap>
          {active.status === 'ringing' ? (
            <ActionButton
              type="primary"
              icon={<PhoneOutlined />}
              onClick={() => onAct(active, 'answer')}
              loading={busy}
              data-testid="active-answer"
            >
              {t('calls:desk.answer')}
            </ActionButton>
          ) : null}
          {active.status === 'answered' ? (
            <ActionButton
              icon={<PauseCircleOutlined />}
              onClick={() => onAct(active, 'hold')}
              loading={busy}
              data-testid="hold-button"
            >
              {t('calls:desk.hold')}
            </ActionButton>
          ) : null}
          {active.status === 'on_hold' ? (
            <ActionButton
              icon={<PlayCircleOutlined />}
              onClick={() => onAct(active, 'resume')}
              loading={busy}
            >
              {t('calls:desk.resume')}
            </ActionButton>
          ) : null}
          {active.status !== 'ended' && active.status !== 'missed' ? (
            <Space.Compact>
              <Radio.Group
                size="small"
                optionType="button"
                value={releasedBy}
                onChange={(event) => setReleasedBy(event.target.value)}
                options={[
                  { value: 'caller', label: t('calls:desk.callerHungUp') },
                  { value: 'agent', label: t('calls:desk.agentHungUp') },
                ]}
              />
              <ActionButton
                danger
                icon={<PoweroffOutlined />}
                onClick={() => onAct(active, 'end', { releasedBy })}
                loading={busy}
                data-testid="end-button"
              >
                {releasedBy === 'agent' ? t('calls:desk.endAgentFirst') : t('calls:desk.end')}
              </ActionButton>
            </Space.Compact>
          ) : null}
          {active.status === 'ended' && detail.call.releasedBy ? (
            <Tag data-testid="released-by">
              {t('calls:incident.labelled', {
                label: t('calls:history.hungUpFirst'),
                value: t(`calls:released.${detail.call.releasedBy}`),
              })}
            </Tag>
          ) : null}
        </Space>
      }
    >
      {releasedBy === 'agent' && active.status !== 'ended' && active.status !== 'missed' ? (
        // SEC-6: the caller hangs up first; the agent is reminded before ending, and the record says who did.
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('calls:desk.hangUpHint')}
          description={<span data-testid="hang-up-reminder">{t('calls:desk.hangUpReminder')}</span>}
        />
      ) : null}

      {/* On a phone the notes go below the caller's history: side by side both are squeezed. */}
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12}>
          <Typography.Text type="secondary">{t('calls:desk.screenPop')}</Typography.Text>
          <div data-testid="screen-pop" style={{ marginTop: 4 }}>
            <ScreenPop detail={detail} />
          </div>
        </Col>
        <Col xs={24} sm={12}>
          <CallNotesForm call={detail.call} purposes={purposes} />
        </Col>
      </Row>
      {detail.links.messages.length + detail.links.incidents.length + detail.links.leaderCalls.length > 0 ? (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('calls:desk.links')}:</Typography.Text>{' '}
          {detail.links.messages.map((row) => (
            <Tag key={row.id} color="blue" data-testid="linked-message">
              {t(`calls:message.kinds.${row.kind}`)} → {row.recipientName} ·{' '}
              {t(`calls:inbox.status.${row.status}`)}
            </Tag>
          ))}
          {detail.links.leaderCalls.map((row) => (
            <Tag key={row.id} color="purple">
              {t('calls:desk.leaderCall')} {row.claimedName}
              {row.claimedTitle} · {t(`calls:leader.status.${row.status}`)}
            </Tag>
          ))}
          {detail.links.incidents.map((row) => (
            <Tag key={row.id} color={row.isEmergency ? 'red' : 'default'}>
              {row.account} · {t(`calls:incident.status.${row.status}`)}
            </Tag>
          ))}
        </div>
      ) : null}
      {detail.call.transferredToName ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t(
            detail.call.transferKind === 'fetch' ? 'calls:directory.fetched' : 'calls:directory.transferred',
            { name: detail.call.transferredToName },
          )}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
