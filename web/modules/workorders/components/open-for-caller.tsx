import { Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkOrderSummary } from '../workorders.api';
import { StatusTag } from './detail-drawer';
import { SlaTimer } from './sla-timer';

/**
 * The caller pop's "open work orders": what the server's `findOpenWorkOrdersForCaller` found for
 * the caller's numbers or the resident the register recognised, each with its running SLA clock.
 */
export function OpenWorkOrdersForCaller({
  orders,
  onOpen,
  testId = 'caller-open-work-orders',
  titleKey = 'fromCall.openOrders',
}: {
  orders: readonly WorkOrderSummary[];
  onOpen?: (workOrderId: string) => void;
  testId?: string;
  titleKey?: 'fromCall.openOrders' | 'fromCall.callerOrders';
}) {
  const { t } = useTranslation('workorders');
  if (orders.length === 0) return null;
  return (
    <Card size="small" title={t(titleKey)} data-testid={testId}>
      <List
        size="small"
        dataSource={[...orders]}
        renderItem={(order) => (
          <List.Item
            onClick={onOpen ? () => onOpen(order.id) : undefined}
            style={{ cursor: onOpen ? 'pointer' : undefined }}
          >
            <Space wrap size={4}>
              <strong>{order.number}</strong>
              <Tag>{t(`categories.${order.category}`)}</Tag>
              <StatusTag status={order.status} />
              <span>{order.location}</span>
              <span>{order.description}</span>
              <SlaTimer order={order} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
