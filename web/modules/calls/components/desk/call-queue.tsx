import { PhoneOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../../app/components/action-button';
import type { Call, RingPolicy } from '../../calls.api';
import { HoldTimer, RingCounter } from '../ring-counter';
import { statusColour } from './status-colour';

/** The desk's queue (SEC-7: ringing, in progress, on hold) and a call logged by hand. */
export function CallQueue({
  calls,
  activeId,
  policy,
  busy,
  onSelect,
  onAct,
  onStartManual,
}: {
  calls: Call[];
  activeId: string | null;
  policy: RingPolicy | undefined;
  busy: boolean;
  onSelect: (callId: string) => void;
  onAct: (call: Call, action: 'answer' | 'resume') => Promise<void>;
  /** Answers true once the call is logged. */
  onStartManual: (callerNumber: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [manualNumber, setManualNumber] = useState('');
  const startManual = async () => {
    if (await onStartManual(manualNumber)) setManualNumber('');
  };
  return (
    <>
      <Card
        size="small"
        title={
          <Space>
            {t('calls:desk.queue')}
            <Badge count={calls.filter((call) => call.status === 'ringing').length} />
          </Space>
        }
        styles={{ body: { padding: 8 } }}
      >
        <Flex vertical gap={8} data-testid="call-queue">
          {calls.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calls:desk.queueEmpty')} />
          ) : null}
          {calls.map((call) => (
            <Card
              key={call.id}
              size="small"
              hoverable
              onClick={() => onSelect(call.id)}
              style={{ borderColor: call.id === activeId ? '#1677ff' : undefined }}
              data-testid="queue-item"
              data-call-id={call.id}
              data-status={call.status}
            >
              <Flex justify="space-between" align="center" gap={4}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong style={{ fontSize: 15 }}>
                    {call.callerNumberDisplay || '—'}
                  </Typography.Text>
                  {!call.isCallerNumberValid && call.callerNumber ? (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      {t('calls:desk.invalidNumber')}
                    </Tag>
                  ) : null}
                  <div>
                    <Badge status={statusColour[call.status]} text={t(`calls:status.${call.status}`)} />
                  </div>
                </div>
                <Flex vertical align="end" gap={4}>
                  {call.status === 'ringing' && policy ? (
                    <RingCounter
                      ringingAt={call.ringingAt}
                      cadenceSeconds={policy.cadenceSeconds}
                      maxRings={call.maxRings}
                    />
                  ) : null}
                  {call.status === 'on_hold' ? (
                    <HoldTimer since={call.heldSince} baseMs={call.holdMs} />
                  ) : null}
                  {call.status === 'ringing' ? (
                    <Button
                      type="primary"
                      size="small"
                      icon={<PhoneOutlined />}
                      loading={busy}
                      onClick={(event) => {
                        event.stopPropagation();
                        void onAct(call, 'answer');
                      }}
                      data-testid="answer-button"
                    >
                      {t('calls:desk.answer')}
                    </Button>
                  ) : null}
                  {call.status === 'on_hold' ? (
                    <Button
                      size="small"
                      icon={<PlayCircleOutlined />}
                      onClick={(event) => {
                        event.stopPropagation();
                        void onAct(call, 'resume');
                      }}
                      data-testid="resume-button"
                    >
                      {t('calls:desk.resume')}
                    </Button>
                  ) : null}
                </Flex>
              </Flex>
            </Card>
          ))}
        </Flex>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title={t('calls:desk.newCall')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('calls:desk.manualHint')}
        </Typography.Paragraph>
        <Space.Compact block>
          <Input
            placeholder={t('calls:desk.callerNumber')}
            value={manualNumber}
            onChange={(event) => setManualNumber(event.target.value)}
            onPressEnter={startManual}
            data-testid="manual-number"
          />
          <ActionButton onClick={startManual} data-testid="manual-start">
            {t('calls:desk.start')}
          </ActionButton>
        </Space.Compact>
      </Card>
    </>
  );
}
