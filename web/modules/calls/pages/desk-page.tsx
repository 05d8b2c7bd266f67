import { Alert, App, Card, Col, Empty, Flex, Result, Row, Select, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { useErrorHandler } from '../../../app/errors';
import { useLiveEvents } from '../../../app/live';
import { WorkOrderFromCall } from '../../workorders';
import {
  type Call,
  type ConductStep,
  callsApi,
  conductSteps,
  type DirectoryEntry,
  type ReleasedBy,
} from '../calls.api';
import { MessageModal } from '../components/call-forms';
import { ActiveCallCard } from '../components/desk/active-call-card';
import { CallQueue } from '../components/desk/call-queue';
import { CallTabs } from '../components/desk/call-tabs';
import { useActiveCall } from '../components/desk/use-active-call';
import { useCallDesk } from '../components/desk/use-call-desk';

export default function DeskPage() {
  const { t } = useTranslation(['app', 'calls']);
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const { desks, deskList, desk, setDeskId, queue, calls, policy, purposes } = useCallDesk();
  const { activeId, setActiveId, detail, detailQuery } = useActiveCall();
  const [personSought, setPersonSought] = useState<DirectoryEntry | null>(null);
  const [messageFor, setMessageFor] = useState<DirectoryEntry | null>(null);
  const [releasedBy, setReleasedBy] = useState<ReleasedBy>('caller');
  const [busy, setBusy] = useState(false);
  const reloadDetail = detailQuery.reload;

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
      if (activeId && (touchesActive || !isCall)) reloadDetail();
    },
  );

  const active = calls.find((call) => call.id === activeId) ?? detail?.call ?? null;
  // CS-1 / SEC-2: once the greeting of a ringing or live call is on screen, say so (once per call);
  // the conformance check reads when the screen showed it against when the call was answered.
  const greetingReported = useRef(new Set<string>());
  const greetingCallId =
    active &&
    detail?.call.id === active.id &&
    detail.greeting &&
    active.status !== 'ended' &&
    active.status !== 'missed'
      ? active.id
      : null;
  const greetingStatus = active?.status;
  useEffect(() => {
    if (!greetingCallId || greetingStatus === undefined || greetingReported.current.has(greetingCallId))
      return;
    // Reported when answered (or shown while live): a ringing call may never be taken at this screen.
    if (greetingStatus === 'ringing') return;
    greetingReported.current.add(greetingCallId);
    callsApi.reportGreetingShown(greetingCallId).catch(() => greetingReported.current.delete(greetingCallId));
  }, [greetingCallId, greetingStatus]);
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
      if (!(action === 'answer' || action === 'resume') || call.id === activeId) reloadDetail();
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
      reloadDetail();
    } catch (error) {
      showError(error);
    }
  };

  // SEC-8: each step the agent keeps to is ticked and saved on the call at once.
  const saveConduct = async (steps: ConductStep[]) => {
    if (!active || !detail) return;
    const ordered = conductSteps.filter((step) => steps.includes(step));
    detailQuery.setData({ ...detail, call: { ...detail.call, conductSteps: ordered } });
    try {
      await callsApi.saveDetails(active.id, { conductSteps: ordered });
      void message.success(t('calls:desk.conductSaved'));
    } catch (error) {
      showError(error);
      reloadDetail();
    }
  };

  const startManual = async (callerNumber: string) => {
    if (!desk) return false;
    try {
      const call = await callsApi.startCall(desk.id, callerNumber);
      queue.reload();
      setActiveId(call.id);
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  };

  if (desks.data && deskList.length === 0) return <Result status="info" title={t('calls:desk.noDesk')} />;

  const isLive = Boolean(active && (active.status === 'answered' || active.status === 'on_hold'));

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
      {/* On a phone the call panel goes below the queue: side by side they overflow 375 px. */}
      <Row gutter={[12, 12]}>
        <Col xs={{ flex: '100%' }} sm={{ flex: '300px' }} style={{ minWidth: 0 }}>
          <CallQueue
            calls={calls}
            activeId={activeId}
            policy={policy}
            busy={busy}
            onSelect={setActiveId}
            onAct={act}
            onStartManual={startManual}
          />
        </Col>
        <Col xs={{ flex: '100%' }} sm={{ flex: '1' }} style={{ minWidth: 0 }}>
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
              <ActiveCallCard
                active={active}
                detail={detail}
                purposes={purposes}
                busy={busy}
                releasedBy={releasedBy}
                onReleasedByChange={setReleasedBy}
                onAct={act}
              />
              {desk ? (
                <WorkOrderFromCall
                  key={active.id}
                  callId={active.id}
                  projectId={desk.projectId}
                  callerName={detail.call.callerName}
                  callerPhone={detail.call.callerNumberDisplay}
                />
              ) : null}
              <CallTabs
                active={active}
                detail={detail}
                projectId={desk?.projectId ?? ''}
                personSought={personSought}
                isLive={isLive}
                onPick={setPersonSought}
                onTransfer={transfer}
                onMessage={(entry) => {
                  setPersonSought(entry);
                  setMessageFor(entry);
                }}
                onConduct={saveConduct}
                onSaved={reloadDetail}
              />
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
          if (saved && active) detailQuery.reload();
        }}
      />
    </>
  );
}
