import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { inventoryApi, yuan } from '../inventory.api';
import { statusColors } from './status-colors';

export interface UnitDrawerProps {
  unitId: string | null;
  projectId: string;
  /** Bumped by the board when a live event touches this unit, so the drawer refetches. */
  version: number;
  onClose(): void;
}

export function UnitDrawer({ unitId, projectId, version, onClose }: UnitDrawerProps) {
  const { t } = useTranslation('inventory');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  const isControl = canAccess(user.roles, ['controller', 'manager']);
  const detail = useApiQuery(unitId ? ['inventory', 'unit', unitId, version] : null, (signal) =>
    inventoryApi.unit(unitId!, signal),
  );
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [minutes, setMinutes] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);

  const unit = detail.data?.unit;
  const customers = detail.data?.customers ?? {};
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      message.success(t('unit.done'));
      setReason('');
      detail.reload();
    } catch (error) {
      showError(error);
      detail.reload();
    } finally {
      setBusy(false);
    }
  };
  const searchCustomers = async (q: string) => {
    try {
      const result = await inventoryApi.customers(projectId, q, isControl ? 'all' : 'mine');
      setOptions(result.items.map((item) => ({ value: item.id, label: item.name })));
    } catch {
      setOptions([]);
    }
  };
  const customerName = (id: string | null) => (id ? (customers[id] ?? id.slice(0, 8)) : '—');

  return (
    <Drawer
      open={Boolean(unitId)}
      onClose={onClose}
      width={460}
      title={unit ? t('unit.title', { label: unit.label }) : ''}
      destroyOnHidden
      data-testid="unit-drawer"
    >
      {unit ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('unit.status')} span={2}>
              <Tag
                color={statusColors[unit.status].border}
                data-testid="unit-drawer-status"
                data-status={unit.status}
              >
                {t(`status.${unit.status}`)}
              </Tag>
              {unit.soldBeforeSystem ? (
                <Tooltip title={t('unit.soldBeforeHint')}>
                  <Tag color="purple" data-testid="unit-drawer-sold-before">
                    {t('unit.soldBefore')}
                  </Tag>
                </Tooltip>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('unit.layout')}>{unit.layout || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('unit.orientation')}>{unit.orientation || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('unit.buildingArea')}>{unit.buildingArea} ㎡</Descriptions.Item>
            <Descriptions.Item label={t('unit.innerArea')}>{unit.innerArea} ㎡</Descriptions.Item>
            <Descriptions.Item label={t('unit.unitPrice')}>{yuan(unit.listUnitPriceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.total')}>{yuan(unit.listTotalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('unit.priceList')} span={2}>
              {unit.priceListVersion ? t('unit.priceListVersion', { version: unit.priceListVersion }) : '—'}
            </Descriptions.Item>
            {unit.status === 'held' ? (
              <>
                <Descriptions.Item label={t('unit.holder')}>{unit.holderStaffName}</Descriptions.Item>
                <Descriptions.Item label={t('unit.holdCustomer')}>
                  {customerName(unit.holdCustomerId)}
                </Descriptions.Item>
                <Descriptions.Item label={t('unit.holdUntil')} span={2}>
                  {formatTime(unit.holdExpiresAt, 'MM-DD HH:mm')}
                </Descriptions.Item>
              </>
            ) : null}
            {unit.buyerCustomerId ? (
              <Descriptions.Item label={t('unit.buyer')} span={2}>
                {customerName(unit.buyerCustomerId)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>

          <Form layout="vertical" className="no-print">
            {unit.status === 'for_sale' ? (
              <>
                <Form.Item label={t('unit.customer')} required>
                  <Select
                    showSearch
                    value={customerId}
                    onChange={setCustomerId}
                    filterOption={false}
                    onSearch={(q) => void searchCustomers(q)}
                    onFocus={() => void searchCustomers('')}
                    options={options}
                    placeholder={t('unit.customerPlaceholder')}
                    data-testid="hold-customer"
                  />
                </Form.Item>
                {isControl ? (
                  <Form.Item label={t('unit.minutes')} extra={t('unit.minutesHint')}>
                    <InputNumber
                      min={1}
                      max={1440}
                      value={minutes}
                      onChange={setMinutes}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                ) : null}
              </>
            ) : null}
            {unit.status !== 'for_sale' && unit.status !== 'not_for_sale' ? (
              <Form.Item label={t('unit.reason')}>
                <Input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={200} />
              </Form.Item>
            ) : null}
            <Space wrap>
              {unit.status === 'for_sale' ? (
                <Button
                  type="primary"
                  loading={busy}
                  disabled={!customerId}
                  data-testid="unit-hold"
                  onClick={() =>
                    void run(() =>
                      inventoryApi.hold(unit.id, { customerId: customerId!, minutes: minutes ?? undefined }),
                    )
                  }
                >
                  {t('unit.hold')}
                </Button>
              ) : null}
              {unit.status === 'held' && (isControl || unit.holderStaffId === user.id) ? (
                <ActionButton
                  loading={busy}
                  data-testid="unit-release"
                  onClick={() => run(() => inventoryApi.release(unit.id, reason))}
                >
                  {t('unit.release')}
                </ActionButton>
              ) : null}
              {unit.status === 'held' && isControl ? (
                <ActionButton
                  loading={busy}
                  onClick={() => run(() => inventoryApi.extend(unit.id, minutes ?? undefined))}
                >
                  {t('unit.extend')}
                </ActionButton>
              ) : null}
              {isControl && unit.status === 'for_sale' ? (
                <>
                  <Button
                    loading={busy}
                    onClick={() =>
                      void run(() =>
                        inventoryApi.setStatus(unit.id, { from: 'for_sale', to: 'reserved', reason }),
                      )
                    }
                  >
                    {t('unit.reserve')}
                  </Button>
                  <Button
                    loading={busy}
                    onClick={() =>
                      void run(() =>
                        inventoryApi.setStatus(unit.id, { from: 'for_sale', to: 'not_for_sale', reason }),
                      )
                    }
                  >
                    {t('unit.withdraw')}
                  </Button>
                </>
              ) : null}
              {isControl && unit.status === 'reserved' ? (
                <Button
                  loading={busy}
                  onClick={() =>
                    void run(() =>
                      inventoryApi.setStatus(unit.id, { from: 'reserved', to: 'for_sale', reason }),
                    )
                  }
                >
                  {t('unit.unreserve')}
                </Button>
              ) : null}
              {isControl && unit.status === 'not_for_sale' ? (
                <Button
                  loading={busy}
                  onClick={() =>
                    void run(() =>
                      inventoryApi.setStatus(unit.id, { from: 'not_for_sale', to: 'for_sale', reason }),
                    )
                  }
                >
                  {t('unit.open')}
                </Button>
              ) : null}
            </Space>
          </Form>

          <div>
            <Typography.Title level={5}>{t('unit.history')}</Typography.Title>
            <Timeline
              data-testid="unit-history"
              items={(detail.data?.history ?? []).map((entry) => ({
                color: statusColors[entry.toStatus].border,
                children: (
                  <div>
                    <Typography.Text strong>
                      {t(`action.${entry.action}`, { defaultValue: entry.action })}
                    </Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {entry.fromStatus ? `${t(`status.${entry.fromStatus}`)} → ` : ''}
                      {t(`status.${entry.toStatus}`)}
                    </Typography.Text>
                    <div>
                      <Typography.Text type="secondary">
                        {formatTime(entry.at, 'MM-DD HH:mm:ss')} · {entry.actorName}
                        {entry.customerId ? ` · ${customerName(entry.customerId)}` : ''}
                        {entry.reason ? ` · ${entry.reason}` : ''}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              }))}
            />
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
