import { FullscreenExitOutlined, FullscreenOutlined, SoundFilled, SoundOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Empty, Grid, Row, Select, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useLiveEvents } from '../../../app/live';
import { wallboardApi } from '../components/wallboard.api';
import { useAlertSound, useServerNow } from '../components/wallboard-clock';
import {
  ActivePanel,
  AgentsPanel,
  OrderPanel,
  OverduePanel,
  RingingPanel,
  TodayPanel,
} from '../components/wallboard-panels';

/** A board the caller cannot hear live (administrators: the desk topic is for those who staff it) is polled. */
const pollSeconds = 2;
/** Presence has no live event: even a live board reads it again this often. */
const refreshSeconds = 15;
/** Live news arriving together cause one read, at most this often. */
const reloadGapMs = 100;

/** The supervisor's live wallboard of one desk (issue 16): fits a 1920×1080 wall screen and a phone. */
export default function WallboardPage() {
  const { t } = useTranslation(['app', 'calls']);
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const desks = useApiQuery(['calls', 'wallboard', 'desks'], (signal) => wallboardApi.findDesks(signal));
  const deskList = desks.data?.items ?? [];
  const deskId = params.get('desk') ?? deskList[0]?.id ?? null;
  const [isFullscreen, setIsFullscreen] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  const [isLive, setIsLive] = useState(false);
  const board = useApiQuery(
    deskId ? ['calls', 'wallboard', 'board', deskId] : null,
    (signal) => wallboardApi.getBoard(deskId ?? '', signal),
    { keepPrevious: true, refetchIntervalMs: (isLive ? refreshSeconds : pollSeconds) * 1000 },
  );
  const data = board.data?.desk.id === deskId ? board.data : undefined;
  useEffect(() => setIsLive((data?.liveTopics.length ?? 0) > 0), [data?.liveTopics.length]);

  // A PBX event (or a turn taken on the sales line) reads the board again at once; a burst, once.
  const lastReload = useRef(0);
  const trailing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload } = board;
  useLiveEvents(data?.liveTopics ?? [], () => {
    const wait = lastReload.current + reloadGapMs - Date.now();
    if (wait <= 0) {
      lastReload.current = Date.now();
      reload();
    } else if (!trailing.current)
      trailing.current = setTimeout(() => {
        trailing.current = null;
        lastReload.current = Date.now();
        reload();
      }, wait);
  });
  useEffect(() => () => (trailing.current ? clearTimeout(trailing.current) : undefined), []);

  const isTicking = Boolean(
    data && (data.ringing.length > 0 || data.active.length > 0 || data.overdueMessages.length),
  );
  const now = useServerNow(data?.serverTime, isTicking);
  const alerting = (data?.ringing ?? []).filter((call) => now >= Date.parse(call.alertAt));

  // The audible alert: once for every call that reaches the limit, again every 10 s while one waits.
  const sound = useAlertSound();
  const heard = useRef(new Set<string>());
  const lastSound = useRef(0);
  const { play } = sound;
  useEffect(() => {
    const fresh = alerting.some((call) => !heard.current.has(call.callId));
    for (const call of alerting) heard.current.add(call.callId);
    if (alerting.length > 0 && (fresh || Date.now() - lastSound.current > 10_000)) {
      lastSound.current = Date.now();
      play();
    }
  }, [alerting, play]);

  useEffect(() => {
    const onChange = () => setIsFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void container.current?.requestFullscreen();
  };

  const big = Boolean(screens.xxl) || isFullscreen;
  const panelProps = data ? { board: data, now, big } : null;

  return (
    <div
      ref={container}
      data-testid="wallboard"
      style={{
        background: isFullscreen ? '#f5f5f5' : undefined,
        padding: isFullscreen ? 16 : 0,
        minHeight: '100%',
      }}
    >
      <PageHeader
        title={t('calls:wallboard.title')}
        subtitle={
          data ? (
            <Space size={8} wrap>
              <span>
                {data.desk.projectName} · {t(`calls:wallboard.kinds.${data.desk.kind}`)}
              </span>
              {data.policy ? (
                <span>
                  {t('calls:wallboard.limit', {
                    max: data.policy.maxRings,
                    cadence: data.policy.cadenceSeconds,
                  })}
                </span>
              ) : null}
              <Tag color={isLive ? 'green' : 'default'}>
                {isLive ? t('calls:wallboard.live') : t('calls:wallboard.polling', { seconds: pollSeconds })}
              </Tag>
            </Space>
          ) : null
        }
        extra={
          <Space wrap>
            <Select
              style={{ width: 220 }}
              placeholder={t('calls:wallboard.pickDesk')}
              value={deskId ?? undefined}
              onChange={(value: string) => setParams({ desk: value }, { replace: true })}
              options={deskList.map((desk) => ({
                value: desk.id,
                label: `${desk.name} · ${desk.projectName}`,
              }))}
              data-testid="wallboard-desk"
            />
            <Button icon={sound.isOn ? <SoundFilled /> : <SoundOutlined />} onClick={sound.toggle}>
              {sound.isOn ? t('calls:wallboard.soundOff') : t('calls:wallboard.soundOn')}
            </Button>
            {screens.md ? (
              <Button
                icon={isFullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
                onClick={toggleFullscreen}
              >
                {isFullscreen ? t('calls:wallboard.exitFullscreen') : t('calls:wallboard.fullscreen')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {desks.data && deskList.length === 0 ? <Empty description={t('calls:wallboard.noDesk')} /> : null}
      {data?.policy && alerting.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="wallboard-alert"
          style={{ marginBottom: 12, fontSize: big ? 26 : 16, fontWeight: 600 }}
          message={t('calls:wallboard.alertBanner', { count: alerting.length, max: data.policy.maxRings })}
        />
      ) : null}
      {panelProps ? (
        <Row gutter={[12, 12]}>
          {data?.policy ? (
            <>
              <Col xs={24} md={12} xl={8}>
                <RingingPanel {...panelProps} />
              </Col>
              <Col xs={24} md={12} xl={8}>
                <TodayPanel {...panelProps} />
              </Col>
              <Col xs={24} md={12} xl={8}>
                <ActivePanel {...panelProps} />
              </Col>
              <Col xs={24} md={12} xl={12}>
                <AgentsPanel {...panelProps} />
              </Col>
              <Col xs={24} xl={12}>
                <OverduePanel {...panelProps} />
              </Col>
            </>
          ) : (
            <>
              <Col xs={24} md={12}>
                <OrderPanel {...panelProps} />
              </Col>
              <Col xs={24} md={12}>
                <TodayPanel {...panelProps} />
              </Col>
              <Col xs={24}>
                <AgentsPanel {...panelProps} />
              </Col>
            </>
          )}
        </Row>
      ) : null}
    </div>
  );
}
