import {
  App,
  Button,
  Card,
  ConfigProvider,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../../app/api';
import { ActionButton } from '../../../app/components/action-button';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { useApiQuery } from '../../../app/data/use-api-query';
import { compactPrice, formatTime } from '../../../app/format';
import { type BuyerOverview, buyerApi, type OfferedUnit } from '../opening.api';

const noUnits: OfferedUnit[] = [];
const m2 = (dm2: number) => (dm2 / 100).toFixed(2);
const yuanText = (fen: number | null) =>
  fen === null ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 });

function useServerClock(serverTime: string | undefined) {
  // Offset between the server's clock and this phone's, so the countdown follows the server.
  const offset = useRef(0);
  useEffect(() => {
    if (serverTime) offset.current = Date.parse(serverTime) - Date.now();
  }, [serverTime]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return now + offset.current;
}

function Countdown({ to, now, label }: { to: string; now: number; label: string }) {
  const { t } = useTranslation('opening');
  const left = Math.max(0, Date.parse(to) - now);
  const days = Math.floor(left / 86_400_000);
  const clock = new Date(left % 86_400_000).toISOString().slice(11, 19);
  return (
    <div style={{ textAlign: 'center' }} data-testid="buyer-countdown">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 32, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
        {days > 0 ? `${t('buyer.days', { count: days })} ` : ''}
        {clock}
      </div>
    </div>
  );
}

export default function BuyerPage() {
  const { eventId = '' } = useParams();
  const { t, i18n } = useTranslation('opening');
  const { message } = App.useApp();
  const eventQuery = useApiQuery(
    ['opening', 'public-event', eventId],
    (signal) => buyerApi.event(eventId, signal),
    { quiet: true },
  );
  const event = eventQuery.data ?? null;
  const loadError = eventQuery.error
    ? isApiError(eventQuery.error)
      ? eventQuery.error.message
      : String(eventQuery.error)
    : null;
  // Signed in or not: a buyer without a session reads as null, not as an error.
  const meQuery = useApiQuery(
    ['opening', 'buyer-me', eventId],
    (signal) => buyerApi.me(eventId, signal).catch((): BuyerOverview | null => null),
    { quiet: true },
  );
  const me = meQuery.data ?? null;
  const { setData: setMe } = meQuery;
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<OfferedUnit | null>(null);
  const now = useServerClock(me?.serverTime ?? event?.serverTime);

  const fail = useCallback(
    (error: unknown) => message.error(isApiError(error) ? error.message : String(error)),
    [message],
  );

  // Availability: pushed live (units.taken), with a slow poll as a safety net. A failed read keeps
  // what the buyer sees (quiet: the next poll tries again).
  const offered = useApiQuery(
    me ? ['opening', 'buyer-units', eventId] : null,
    (signal) => buyerApi.units(eventId, signal).then((result) => result.units),
    { quiet: true, refetchIntervalMs: 5000 },
  );
  const units = offered.data ?? noUnits;
  const { reload: refreshUnits, setData: setUnits } = offered;
  useEffect(() => {
    if (!me) return undefined;
    const source = new EventSource(`/api/public/openings/${eventId}/live`);
    source.addEventListener('message', (message) => {
      const data = JSON.parse(message.data) as { type: string; payload: { unitIds?: string[] } };
      if (data.type === 'units.taken' && data.payload.unitIds) {
        const taken = new Set(data.payload.unitIds);
        setUnits((current) =>
          current?.map((unit) => (taken.has(unit.id) ? { ...unit, isAvailable: false } : unit)),
        );
      } else refreshUnits();
    });
    return () => source.close();
  }, [me, eventId, refreshUnits, setUnits]);

  const requestCode = async () => {
    setBusy(true);
    try {
      await buyerApi.requestCode(eventId, phone);
      message.success(t('buyer.codeSent'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const signIn = async () => {
    setBusy(true);
    try {
      await buyerApi.signIn(eventId, phone, code);
      setMe(await buyerApi.me(eventId));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const pick = async (unit: OfferedUnit) => {
    setBusy(true);
    try {
      await buyerApi.pick(eventId, unit.id);
      message.success(t('buyer.success'));
      setConfirming(null);
      setMe(await buyerApi.me(eventId));
      refreshUnits();
    } catch (error) {
      setConfirming(null);
      fail(error);
      refreshUnits();
    } finally {
      setBusy(false);
    }
  };

  const phase = useMemo(() => {
    if (!event) return null;
    if (event.phase === 'cancelled') return 'cancelled';
    const at = new Date(now).toISOString();
    if (at < event.startsAt) return 'upcoming';
    if (at >= event.endsAt) return 'closed';
    return 'open';
  }, [event, now]);

  const byBuilding = useMemo(() => {
    const groups = new Map<string, OfferedUnit[]>();
    for (const unit of units) groups.set(unit.buildingName, [...(groups.get(unit.buildingName) ?? []), unit]);
    return [...groups];
  }, [units]);

  const limitReached = me ? me.pickCount >= me.perBuyerLimit : false;
  const availableCount = units.filter((unit) => unit.isAvailable).length;

  return (
    <ConfigProvider theme={{ token: { fontSize: 15 } }}>
      <div
        style={{ maxWidth: 480, margin: '0 auto', padding: 12, minHeight: '100vh', background: '#f5f5f5' }}
        data-testid="buyer-page"
      >
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {event?.projectName ?? t('buyer.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{event?.name}</Typography.Text>
          </div>
          <LanguageSwitch compact />
        </Flex>
        {loadError ? <Result status="warning" title={loadError} /> : null}
        {event && phase === 'cancelled' ? <Result status="info" title={t('buyer.cancelled')} /> : null}

        {event && !me && phase !== 'cancelled' ? (
          <Card>
            <Form layout="vertical" onFinish={() => void signIn()}>
              <Form.Item label={t('buyer.phone')}>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    inputMode="tel"
                    maxLength={11}
                    value={phone}
                    onChange={(e) => setPhone(e.target.value)}
                    placeholder={t('buyer.phonePlaceholder')}
                    data-testid="buyer-phone"
                  />
                  <ActionButton
                    onClick={() => requestCode()}
                    loading={busy}
                    disabled={phone.length < 11}
                    data-testid="buyer-get-code"
                  >
                    {t('buyer.getCode')}
                  </ActionButton>
                </Space.Compact>
              </Form.Item>
              <Form.Item label={t('buyer.code')}>
                <Input
                  inputMode="numeric"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  data-testid="buyer-code"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                size="large"
                loading={busy}
                disabled={code.length !== 6}
                data-testid="buyer-sign-in"
              >
                {t('buyer.signIn')}
              </Button>
            </Form>
          </Card>
        ) : null}

        {event && me ? (
          <Flex vertical gap={12}>
            <Card size="small">
              <Flex justify="space-between" align="center">
                <Typography.Text data-testid="buyer-welcome">
                  {t('buyer.welcome', { name: me.name, pledge: me.pledgeNumber })}
                </Typography.Text>
                <ActionButton
                  size="small"
                  type="link"
                  onClick={() => buyerApi.signOut(eventId).then(() => setMe(null))}
                >
                  {t('buyer.signOut')}
                </ActionButton>
              </Flex>
              {phase === 'upcoming' ? (
                <Countdown to={event.startsAt} now={now} label={t('buyer.startsIn')} />
              ) : null}
              {phase === 'open' ? <Countdown to={event.endsAt} now={now} label={t('buyer.endsIn')} /> : null}
              {phase === 'closed' ? (
                <Typography.Paragraph style={{ textAlign: 'center', margin: 8 }}>
                  {t('buyer.closed')}
                </Typography.Paragraph>
              ) : null}
            </Card>

            {me.picks.length ? (
              <Card size="small" title={t('buyer.yourPicks')} data-testid="buyer-picks">
                {me.picks.map((pick) => (
                  <Result
                    key={pick.id}
                    status="success"
                    title={pick.label}
                    subTitle={`${pick.layout} · ${m2(pick.buildingAreaDm2)}㎡ · ${pick.listTotalFen === null ? t('buyer.unpriced') : `${yuanText(pick.listTotalFen)} 元`} · ${formatTime(pick.pickedAt, 'HH:mm:ss')}`}
                    style={{ padding: 8 }}
                  />
                ))}
              </Card>
            ) : null}

            <Card size="small" title={t('buyer.available', { count: availableCount })}>
              {units.length === 0 ? <Empty /> : null}
              {byBuilding.map(([name, list]) => (
                <div key={name} style={{ marginBottom: 12 }}>
                  <Typography.Text
                    strong
                  >{`${name}(${list.filter((unit) => unit.isAvailable).length}/${list.length})`}</Typography.Text>
                  <Flex wrap gap={6} style={{ marginTop: 6 }}>
                    {list.map((unit) => (
                      <Button
                        key={unit.id}
                        style={{
                          width: 'calc(33% - 4px)',
                          height: 'auto',
                          padding: '6px 2px',
                          whiteSpace: 'normal',
                          lineHeight: 1.3,
                          // a tile reads top to bottom on a phone: number, layout, area, price
                          flexDirection: 'column',
                          gap: 0,
                        }}
                        disabled={!unit.isAvailable || phase !== 'open' || limitReached}
                        onClick={() => setConfirming(unit)}
                        data-testid={`buyer-unit-${unit.label}`}
                        data-available={unit.isAvailable ? '1' : '0'}
                      >
                        <div style={{ fontWeight: 600 }}>{unit.number}</div>
                        <div style={{ fontSize: 12 }}>{unit.layout}</div>
                        <div style={{ fontSize: 12 }}>{`${m2(unit.buildingAreaDm2)}㎡`}</div>
                        <div style={{ fontSize: 12 }}>
                          {unit.isAvailable ? (
                            unit.listTotalFen === null ? (
                              t('buyer.unpriced')
                            ) : (
                              compactPrice(unit.listTotalFen, i18n.language)
                            )
                          ) : (
                            <Tag color="red">{t('buyer.taken')}</Tag>
                          )}
                        </div>
                      </Button>
                    ))}
                  </Flex>
                </div>
              ))}
              {limitReached ? (
                <Typography.Text type="secondary">
                  {t('buyer.limitReached', { limit: me.perBuyerLimit })}
                </Typography.Text>
              ) : null}
            </Card>
          </Flex>
        ) : null}

        <Modal
          open={Boolean(confirming)}
          title={confirming ? t('buyer.confirmTitle', { label: confirming.label }) : ''}
          onCancel={() => setConfirming(null)}
          onOk={() => confirming && void pick(confirming)}
          okText={t('buyer.confirm')}
          confirmLoading={busy}
          okButtonProps={{ 'data-testid': 'buyer-confirm' } as never}
        >
          {confirming
            ? t('buyer.confirmBody', {
                layout: confirming.layout,
                area: m2(confirming.buildingAreaDm2),
                total: yuanText(confirming.listTotalFen),
              })
            : null}
        </Modal>
      </div>
    </ConfigProvider>
  );
}
