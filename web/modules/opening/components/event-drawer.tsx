import { App, Button, Checkbox, Drawer, Flex, Form, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { useRequest } from '../../../app/components/use-request';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useLiveEvents } from '../../../app/live';
import { foldWidth, residentIdRule } from '../../../app/validation';
import { yuan } from '../../inventory';
import { type BuyerInput, type OpeningBuyer, type OpeningPick, openingApi } from '../opening.api';
import { phaseColor } from './create-event-modal';

export function EventDrawer({
  eventId,
  onClose,
  onChanged,
}: {
  eventId: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation('opening');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const detail = useRequest((signal) => openingApi.event(eventId!, signal), eventId);
  const [form] = Form.useForm<BuyerInput>();
  const [busy, setBusy] = useState(false);
  const projectId = detail.data?.event.projectId;
  const { reload } = detail;
  // New codes and picks appear at once (they are published on the project's board topic).
  const onLive = useCallback(
    (event: { type: string }) => {
      if (event.type === 'opening.code_sent' || event.type === 'units.changed') reload();
    },
    [reload],
  );
  useLiveEvents(projectId ? [`board:${projectId}`] : [], onLive);
  const link = eventId ? `${window.location.origin}/open/${eventId}` : '';
  const register = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await openingApi.registerBuyer(eventId!, { ...values, idVerified: Boolean(values.idVerified) });
      message.success(t('staff.registered'));
      form.resetFields();
      detail.reload();
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const event = detail.data?.event;
  return (
    <Drawer open={Boolean(eventId)} onClose={onClose} width={860} title={event?.name} destroyOnHidden>
      {event ? (
        <Flex vertical gap={12}>
          <Space wrap>
            <Tag color={phaseColor[event.phase]}>{t(`phase.${event.phase}`)}</Tag>
            <span>{`${formatTime(event.startsAt, 'MM-DD HH:mm')} – ${formatTime(event.endsAt, 'MM-DD HH:mm')}`}</span>
            <span>{t('staff.unitCount', { count: detail.data?.unitIds.length ?? 0 })}</span>
          </Space>
          <Space>
            <Typography.Text>{t('staff.link')}:</Typography.Text>
            <Typography.Link href={link} target="_blank" copyable data-testid="opening-link">
              {link}
            </Typography.Link>
            {event.phase === 'upcoming' || event.phase === 'open' ? (
              <Button
                danger
                size="small"
                onClick={() =>
                  void openingApi.cancel(event.id).then(() => {
                    detail.reload();
                    onChanged();
                  }, showError)
                }
              >
                {t('staff.cancel')}
              </Button>
            ) : null}
          </Space>
          <Tabs
            items={[
              {
                key: 'buyers',
                label: `${t('staff.buyers')} (${detail.data?.buyers.length ?? 0})`,
                children: (
                  <>
                    <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
                      <Form.Item name="name" rules={[{ required: true, max: 40 }]}>
                        <Input
                          placeholder={t('staff.buyerName')}
                          style={{ width: 100 }}
                          data-testid="buyer-form-name"
                        />
                      </Form.Item>
                      <Form.Item name="phone" rules={[{ required: true }]} normalize={foldWidth}>
                        <Input
                          placeholder={t('staff.phone')}
                          style={{ width: 130 }}
                          data-testid="buyer-form-phone"
                        />
                      </Form.Item>
                      <Form.Item
                        name="idNumber"
                        rules={[{ required: true }, residentIdRule()]}
                        normalize={foldWidth}
                      >
                        <Input
                          placeholder={t('staff.idNumber')}
                          style={{ width: 190 }}
                          data-testid="buyer-form-id-number"
                        />
                      </Form.Item>
                      <Form.Item name="pledgeNumber" rules={[{ required: true }]}>
                        <Input
                          placeholder={t('staff.pledgeNumber')}
                          style={{ width: 100 }}
                          data-testid="buyer-form-pledge"
                        />
                      </Form.Item>
                      <Form.Item name="idVerified" valuePropName="checked">
                        <Checkbox>{t('staff.idVerified')}</Checkbox>
                      </Form.Item>
                      <ActionButton
                        type="primary"
                        loading={busy}
                        onClick={() => register()}
                        data-testid="buyer-form-submit"
                      >
                        {t('staff.registerBuyer')}
                      </ActionButton>
                    </Form>
                    <Table<OpeningBuyer>
                      rowKey="id"
                      size="small"
                      dataSource={detail.data?.buyers ?? []}
                      pagination={{ pageSize: 20 }}
                      data-testid="opening-buyers"
                      columns={[
                        { title: t('staff.pledgeNumber'), dataIndex: 'pledgeNumber' },
                        { title: t('staff.buyerName'), dataIndex: 'name' },
                        { title: t('staff.phone'), dataIndex: 'phone' },
                        { title: t('staff.idNumber'), dataIndex: 'idNumberMasked' },
                        {
                          title: t('staff.verified'),
                          render: (_, buyer) =>
                            buyer.idVerified ? (
                              <Tag color="green">{t('staff.verified')}</Tag>
                            ) : (
                              <Button
                                size="small"
                                onClick={() =>
                                  void openingApi.verifyBuyer(buyer.id).then(detail.reload, showError)
                                }
                              >
                                {t('staff.verify')}
                              </Button>
                            ),
                        },
                        { title: t('staff.pickCount'), dataIndex: 'pickCount', width: 60 },
                        {
                          title: t('staff.demoCode'),
                          dataIndex: 'demoCode',
                          render: (code: string | null, buyer) =>
                            code ? (
                              <Typography.Text code data-testid={`demo-code-${buyer.pledgeNumber}`}>
                                {code}
                              </Typography.Text>
                            ) : (
                              '—'
                            ),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'picks',
                label: `${t('staff.picks')} (${detail.data?.picks.length ?? 0})`,
                children: (
                  <Table<OpeningPick>
                    rowKey="id"
                    size="small"
                    dataSource={detail.data?.picks ?? []}
                    pagination={{ pageSize: 50 }}
                    columns={[
                      {
                        title: t('staff.pickedAt'),
                        dataIndex: 'pickedAt',
                        render: (at: string) => formatTime(at, 'HH:mm:ss'),
                      },
                      { title: t('staff.unit'), dataIndex: 'label' },
                      { title: t('staff.buyerName'), dataIndex: 'buyerName' },
                      { title: t('staff.pledgeNumber'), dataIndex: 'pledgeNumber' },
                      { title: t('staff.total'), dataIndex: 'listTotalFen', align: 'right', render: yuan },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}
