import { PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined, PoweroffOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useLiveEvents } from '../../../app/live';
import {
  type Call,
  type CallDetail,
  type ConductStep,
  callsApi,
  conductSteps,
  type DirectoryEntry,
  type ReleasedBy,
} from '../calls.api';
import { IncidentForm, LeaderCallForm, MessageModal } from '../components/call-forms';
import { DirectoryPanel } from '../components/directory-panel';
import { HoldTimer, RingCounter } from '../components/ring-counter';

const deskStorageKey = 'yk.calls.desk';
const statusColour = {
  ringing: 'processing',
  answered: 'success',
  on_hold: 'warning',
  ended: 'default',
  missed: 'error',
} as const;

function fill(template: string, person: string | null): string {
  return person ? template.replace(/他\(她\)|him or her/g, person) : template;
}

export default function DeskPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const desks = useRequest((signal) => callsApi.findDesks(signal));
  const [deskId, setDeskId] = useState<string | null>(() => window.localStorage.getItem(deskStorageKey));
  const [activeId, setActiveId] = useState<string | null>(null);
  const [detail, setDetail] = useState<CallDetail | null>(null);
  const [personSought, setPersonSought] = useState<DirectoryEntry | null>(null);
  const [messageFor, setMessageFor] = useState<DirectoryEntry | null>(null);
  const [releasedBy, setReleasedBy] = useState<ReleasedBy>('caller');
  const [manualNumber, setManualNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [notesForm] = Form.useForm<{ purposeId: string | null; callerName: string; notes: string }>();

  const user = useCurrentUser();
  const deskList = desks.data?.items ?? [];
  // Guards start at a post, service agents at the customer-service centre.
  const preferredKind =
    user.roles.some((grant) => grant.role === 'guard') && !user.roles.some((grant) => grant.role === 'agent')
      ? 'security_post'
      : 'service_centre';
  const desk =
    deskList.find((item) => item.id === deskId) ??
    deskList.find((item) => item.kind === preferredKind) ??
    deskList[0];
  useEffect(() => {
    if (desk && desk.id !== deskId) setDeskId(desk.id);
  }, [desk, deskId]);
  useEffect(() => {
    if (deskId) window.localStorage.setItem(deskStorageKey, deskId);
  }, [deskId]);

  const queue = useRequest((signal) => callsApi.getQueue(desk!.id, signal), desk ? desk.id : null);
  const purposes = useRequest((signal) => callsApi.findPurposes(signal));
  const calls = queue.data?.items ?? [];
  const policy = queue.data?.desk.policy;

  const loadDetail = useCallback(
    (callId: string) => {
      callsApi
        .getCall(callId)
        .then((result) => setDetail(result))
        .catch(showError);
    },
    [showError],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the language changes the phrases the server fills in.
  useEffect(() => {
    if (!activeId) {
      setDetail(null);
      return;
    }
    loadDetail(activeId);
  }, [activeId, loadDetail, i18n.language]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another call becomes active, so live updates never overwrite the agent's typing.
  useEffect(() => {
    if (detail && detail.call.id === activeId) {
      notesForm.setFieldsValue({
        purposeId: detail.call.purposeId,
        callerName: detail.call.callerName,
        notes: detail.call.notes,
      });
    }
    // Only when another call becomes active: the agent's typing is not overwritten by live updates.
  }, [detail?.call.id, activeId, notesForm]);

  // `call.updated` for one call (the agent's buttons), `calls.updated` for a batch of PBX events.
  useLiveEvents<{ callId?: string; calls?: Array<{ callId: string }> }>(
    desk ? [`desk:${desk.id}`] : [],
    (event) => {
      // The CTI badge follows the administrator's switch at once.
      if (event.type === 'desk.cti' || event.type === 'live.reset') desks.reload();
      const isCall = event.type.startsWith('call.') || event.type.startsWith('calls.');
      if (event.type === 'live.reset' || isCall) queue.reload();
      const touchesActive =
        event.payload?.callId === activeId || event.payload?.calls?.some((call) => call.callId === activeId);
      if (activeId && (touchesActive || !isCall)) loadDetail(activeId);
    },
  );

  const active = calls.find((call) => call.id === activeId) ?? detail?.call ?? null;
  const others = calls.filter((call) => call.id !== activeId);
  const anotherRinging =
    active &&
    (active.status === 'answered' || active.status === 'on_hold') &&
    others.some((call) => call.status === 'ringing');
  const phrase = (situation: string) =>
    detail?.scripts.find((script) => script.situation === situation)?.phrases ?? [];

  const act = async (
    call: Call,
    action: 'answer' | 'hold' | 'resume' | 'end',
    extra: { releasedBy?: ReleasedBy } = {},
  ) => {
    setBusy(true);
    try {
      // SEC-7: taking a second call puts the one in progress on hold first.
      if (action === 'answer' && active && active.id !== call.id && active.status === 'answered')
        await callsApi.act(active.id, { action: 'hold' });
      await callsApi.act(call.id, { action, ...extra });
      if (action === 'answer' || action === 'resume') {
        setActiveId(call.id);
        setPersonSought(null);
      }
      if (action === 'answer') setReleasedBy('caller');
      queue.reload();
      loadDetail(action === 'answer' || action === 'resume' ? call.id : (activeId ?? call.id));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const transfer = async (entry: DirectoryEntry, kind: 'transfer' | 'fetch') => {
    if (!active) return;
    setPersonSought(entry);
    try {
      await callsApi.act(active.id, { action: 'transfer', targetStaffId: entry.id, transferKind: kind });
      void message.success(
        t(kind === 'transfer' ? 'calls:directory.transferred' : 'calls:directory.fetched', {
          name: entry.displayName,
        }),
      );
      loadDetail(active.id);
    } catch (error) {
      showError(error);
    }
  };

  // SEC-8: each step the agent keeps to is ticked and saved on the call at once.
  const saveConduct = async (steps: ConductStep[]) => {
    if (!active || !detail) return;
    const ordered = conductSteps.filter((step) => steps.includes(step));
    setDetail({ ...detail, call: { ...detail.call, conductSteps: ordered } });
    try {
      await callsApi.saveDetails(active.id, { conductSteps: ordered });
      void message.success(t('calls:desk.conductSaved'));
    } catch (error) {
      showError(error);
      loadDetail(active.id);
    }
  };

  const saveNotes = async () => {
    if (!active) return;
    try {
      const values = notesForm.getFieldsValue();
      await callsApi.saveDetails(active.id, {
        purposeId: values.purposeId ?? null,
        callerName: values.callerName ?? '',
        notes: values.notes ?? '',
      });
      void message.success(t('calls:desk.saved'));
    } catch (error) {
      showError(error);
    }
  };

  const startManual = async () => {
    if (!desk) return;
    try {
      const call = await callsApi.startCall(desk.id, manualNumber);
      setManualNumber('');
      queue.reload();
      setActiveId(call.id);
    } catch (error) {
      showError(error);
    }
  };

  const purposeOptions = useMemo(
    () =>
      (purposes.data?.items ?? [])
        .filter((purpose) => purpose.isActive)
        .map((purpose) => ({ value: purpose.id, label: purpose.label })),
    [purposes.data],
  );

  if (desks.data && deskList.length === 0) return <Result status="info" title={t('calls:desk.noDesk')} />;

  const personName = personSought?.displayName ?? null;
  const isLive = active && (active.status === 'answered' || active.status === 'on_hold');

  return (
    <>
      <PageHeader
        title={t('calls:menu.desk')}
        subtitle={desk ? `${desk.projectName} · ${desk.name} · ${desk.phone}` : undefined}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 200 }}
              value={desk?.id}
              placeholder={t('calls:desk.pickDesk')}
              options={deskList.map((item) => ({
                value: item.id,
                label: `${item.projectName} · ${item.name}`,
              }))}
              onChange={(value) => {
                setDeskId(value);
                setActiveId(null);
              }}
              data-testid="desk-select"
            />
            {desk ? (
              <Tag color={desk.cti.isEnabled ? 'green' : 'default'}>
                {desk.cti.isEnabled ? t('calls:desk.ctiOn') : t('calls:desk.ctiOff')}
              </Tag>
            ) : null}
          </Space>
        }
      />
      <Row gutter={12}>
        <Col flex="300px">
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
                  onClick={() => setActiveId(call.id)}
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
                            void act(call, 'answer');
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
                            void act(call, 'resume');
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
        </Col>
        <Col flex="1" style={{ minWidth: 0 }}>
          {!active || !detail || detail.call.id !== active.id ? (
            <Card>
              <Empty description={t('calls:desk.activeNone')} />
            </Card>
          ) : (
            <Flex vertical gap={12}>
              {isLive || active.status === 'ringing' ? (
                <Alert
                  type="success"
                  showIcon
                  title={<span data-testid="greeting">{detail.greeting}</span>}
                  description={`${t('calls:desk.greeting')} · ${detail.scripts.find((s) => s.situation === 'greeting')?.rule ?? ''}`}
                />
              ) : null}
              {anotherRinging ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('calls:desk.holdApology')}
                  description={<span data-testid="hold-apology">{phrase('hold_apology')[0]}</span>}
                />
              ) : null}
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
                        onClick={() => act(active, 'answer')}
                        loading={busy}
                        data-testid="active-answer"
                      >
                        {t('calls:desk.answer')}
                      </ActionButton>
                    ) : null}
                    {active.status === 'answered' ? (
                      <ActionButton
                        icon={<PauseCircleOutlined />}
                        onClick={() => act(active, 'hold')}
                        loading={busy}
                        data-testid="hold-button"
                      >
                        {t('calls:desk.hold')}
                      </ActionButton>
                    ) : null}
                    {active.status === 'on_hold' ? (
                      <ActionButton
                        icon={<PlayCircleOutlined />}
                        onClick={() => act(active, 'resume')}
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
                          onClick={() => act(active, 'end', { releasedBy })}
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
                <Row gutter={12}>
                  <Col span={12}>
                    <Typography.Text type="secondary">{t('calls:desk.screenPop')}</Typography.Text>
                    <div data-testid="screen-pop" style={{ marginTop: 4 }}>
                      {detail.caller.staff ? (
                        <Space wrap>
                          <Tag color="blue">{t('calls:desk.staffCaller')}</Tag>
                          <Typography.Text strong>{detail.caller.staff.displayName}</Typography.Text>
                          <Typography.Text type="secondary">
                            {[detail.caller.staff.departmentName, detail.caller.staff.title]
                              .filter(Boolean)
                              .join(' · ')}
                          </Typography.Text>
                        </Space>
                      ) : detail.caller.customers.length === 0 ? (
                        <Typography.Text>
                          {detail.call.callerName || t('calls:desk.unknownCaller')}
                        </Typography.Text>
                      ) : null}
                      {detail.caller.customers.map((customer) => (
                        <div key={customer.id} data-testid="screen-pop-customer">
                          <Space wrap>
                            <Tag color={customer.category === 'key' ? 'gold' : 'green'}>
                              {customer.category === 'key'
                                ? t('calls:desk.keyCustomer')
                                : t('calls:desk.customerCaller')}
                            </Tag>
                            <Typography.Text strong>{customer.name}</Typography.Text>
                            <Typography.Text type="secondary">
                              {[
                                customer.projectName,
                                customer.phoneMasked,
                                customer.ownerName
                                  ? t('calls:desk.customerOwner', { name: customer.ownerName })
                                  : t('calls:desk.customerNoOwner'),
                              ]
                                .filter(Boolean)
                                .join(' · ')}
                            </Typography.Text>
                          </Space>
                        </div>
                      ))}
                      <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
                        <Descriptions.Item label={t('calls:desk.recentCalls')}>
                          {detail.caller.recentCalls.length
                            ? detail.caller.recentCalls
                                .map(
                                  (call) =>
                                    `${formatTime(call.ringingAt, 'MM-DD HH:mm')} ${t(`calls:status.${call.status}`)}${call.notes ? ` · ${call.notes}` : ''}`,
                                )
                                .join(';')
                            : t('calls:desk.none')}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('calls:desk.recentMessages')}>
                          {detail.caller.recentMessages.length
                            ? detail.caller.recentMessages
                                .map((row) => `${row.recipientName}:${row.content}`)
                                .join(';')
                            : t('calls:desk.none')}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('calls:desk.recentIncidents')}>
                          {detail.caller.recentIncidents.length
                            ? detail.caller.recentIncidents.map((row) => row.account).join(';')
                            : t('calls:desk.none')}
                        </Descriptions.Item>
                      </Descriptions>
                    </div>
                  </Col>
                  <Col span={12}>
                    <Form form={notesForm} layout="vertical" size="small" onFinish={saveNotes}>
                      <Space.Compact block>
                        <Form.Item name="purposeId" label={t('calls:desk.purpose')} style={{ flex: 1 }}>
                          <Select allowClear options={purposeOptions} data-testid="purpose-select" />
                        </Form.Item>
                        <Form.Item name="callerName" label={t('calls:desk.callerName')} style={{ flex: 1 }}>
                          <Input maxLength={60} />
                        </Form.Item>
                      </Space.Compact>
                      <Form.Item name="notes" label={t('calls:desk.notes')}>
                        <Input.TextArea rows={2} maxLength={4000} data-testid="call-notes" />
                      </Form.Item>
                      <Button size="small" htmlType="submit" data-testid="save-notes">
                        {t('calls:desk.saveNotes')}
                      </Button>
                    </Form>
                  </Col>
                </Row>
                {detail.links.messages.length +
                  detail.links.incidents.length +
                  detail.links.leaderCalls.length >
                0 ? (
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
                      detail.call.transferKind === 'fetch'
                        ? 'calls:directory.fetched'
                        : 'calls:directory.transferred',
                      { name: detail.call.transferredToName },
                    )}
                  </Typography.Text>
                ) : null}
              </Card>
              <Card size="small" styles={{ body: { paddingTop: 0 } }}>
                <Tabs
                  size="small"
                  items={[
                    {
                      key: 'script',
                      label: t('calls:desk.script'),
                      children: (
                        <Flex vertical gap={6} data-testid="script-panel">
                          {detail.scripts
                            .filter((script) => script.situation === 'manner' && script.phrases.length > 0)
                            .map((script) => (
                              // SEC-8: not words to say but steps to keep, ticked during the call and kept on its record.
                              <Alert
                                key={script.situation}
                                type="info"
                                showIcon
                                style={{ marginTop: 8 }}
                                title={
                                  <Space size={4} wrap>
                                    <Tag>{script.rule}</Tag>
                                    <Typography.Text strong>{t('calls:desk.conductTitle')}</Typography.Text>
                                    <span data-testid="script-manner">{script.phrases.join(' ')}</span>
                                  </Space>
                                }
                                description={
                                  <Flex vertical gap={4}>
                                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                      {t('calls:desk.conductHint')}
                                    </Typography.Text>
                                    <Checkbox.Group
                                      value={detail.call.conductSteps}
                                      disabled={active.status === 'ringing' || active.status === 'missed'}
                                      onChange={(steps) => void saveConduct(steps as ConductStep[])}
                                      options={conductSteps.map((step, index) => ({
                                        value: step,
                                        label: `${index + 1}. ${t(`calls:conduct.${step}`)}`,
                                      }))}
                                      data-testid="conduct-steps"
                                    />
                                  </Flex>
                                }
                              />
                            ))}
                          {detail.scripts
                            .filter((script) => script.situation !== 'manner')
                            .map((script) => (
                              <div key={script.situation}>
                                <Space size={4}>
                                  <Tag>{script.rule}</Tag>
                                  <Typography.Text type="secondary">
                                    {t(`calls:situations.${script.situation}`)}
                                  </Typography.Text>
                                </Space>
                                {script.phrases.map((text) => (
                                  <Typography.Paragraph
                                    key={text}
                                    copyable
                                    style={{ margin: '2px 0 0 8px', fontSize: 15 }}
                                    data-testid={`script-${script.situation}`}
                                  >
                                    {fill(text, personName)}
                                  </Typography.Paragraph>
                                ))}
                              </div>
                            ))}
                        </Flex>
                      ),
                    },
                    {
                      key: 'directory',
                      label: <span data-testid="tab-directory">{t('calls:desk.directory')}</span>,
                      children: (
                        <>
                          {personSought && personSought.presence !== 'at_desk' ? (
                            <Alert
                              type="info"
                              showIcon
                              style={{ marginBottom: 8 }}
                              title={
                                <span data-testid="not-at-seat-phrase">
                                  {fill(phrase('not_at_seat')[0] ?? '', personSought.displayName)}
                                </span>
                              }
                            />
                          ) : null}
                          <DirectoryPanel
                            canTransfer={Boolean(isLive)}
                            onPick={setPersonSought}
                            onTransfer={transfer}
                            onMessage={(entry) => {
                              setPersonSought(entry);
                              setMessageFor(entry);
                            }}
                          />
                        </>
                      ),
                    },
                    {
                      key: 'leader',
                      label: t('calls:desk.leaderCall'),
                      children: (
                        <>
                          <Typography.Paragraph strong>
                            {phrase('leader_verification')[0]}
                          </Typography.Paragraph>
                          <LeaderCallForm
                            deskId={active.deskId}
                            callId={active.id}
                            defaultNumber={detail.call.callerNumberDisplay}
                            onSaved={() => loadDetail(active.id)}
                          />
                        </>
                      ),
                    },
                    {
                      key: 'emergency',
                      label: <span style={{ color: '#cf1322' }}>{t('calls:desk.emergency')}</span>,
                      children: (
                        <>
                          <Typography.Paragraph strong>{phrase('emergency')[0]}</Typography.Paragraph>
                          <IncidentForm
                            deskId={active.deskId}
                            projectId={desk?.projectId ?? ''}
                            callId={active.id}
                            defaultNumber={detail.call.callerNumberDisplay}
                            onSaved={() => loadDetail(active.id)}
                          />
                        </>
                      ),
                    },
                  ]}
                />
              </Card>
            </Flex>
          )}
        </Col>
      </Row>
      <MessageModal
        recipient={messageFor}
        deskId={desk?.id ?? ''}
        callId={active?.id ?? null}
        defaults={{
          callerName: detail?.call.callerName ?? '',
          callbackNumber: detail?.call.callerNumberDisplay ?? '',
        }}
        onClose={(saved) => {
          setMessageFor(null);
          if (saved && active) loadDetail(active.id);
        }}
      />
    </>
  );
}
