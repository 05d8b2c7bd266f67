import { Card, Empty, Flex, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProjectSelection } from '../../../app/data/projects';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useLiveInvalidation } from '../../../app/data/use-live-invalidation';
import { PhotoButton, PhotoStrip, StatusTag, StepButtons } from '../components/detail-drawer';
import { SlaTimer } from '../components/sla-timer';
import { type WorkOrderSummary, workOrdersApi } from '../workorders.api';

function OrderCard({
  summary,
  expanded,
  onToggle,
}: {
  summary: WorkOrderSummary;
  expanded: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation('workorders');
  const detail = useApiQuery(keyed(['workorders', 'detail'], expanded ? summary.id : null), (signal) =>
    workOrdersApi.get(summary.id, signal),
  );
  const order = detail.data;
  return (
    <Card
      size="small"
      data-testid="my-order"
      data-number={summary.number}
      onClick={expanded ? undefined : onToggle}
    >
      <Flex justify="space-between" align="center" wrap gap={4}>
        <strong>{summary.number}</strong>
        <Space size={4} wrap>
          {summary.urgency === 'urgent' ? <Tag color="red">{t('urgencies.urgent')}</Tag> : null}
          <StatusTag status={summary.status} />
        </Space>
      </Flex>
      <div style={{ margin: '4px 0', wordBreak: 'break-word' }}>{summary.location}</div>
      <div style={{ wordBreak: 'break-word' }}>{summary.description}</div>
      <div style={{ margin: '4px 0' }}>
        {summary.callerName}{' '}
        <a href={`tel:${summary.callerPhone.replace(/\s/g, '')}`}>{summary.callerPhone}</a>
      </div>
      <SlaTimer order={summary} />
      {expanded && order ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <PhotoStrip order={order} />
          {order.can.upload && order.status === 'on_site' ? <PhotoButton order={order} stage="done" /> : null}
          <StepButtons order={order} block />
        </Flex>
      ) : null}
    </Card>
  );
}

/** The engineer's phone: their open orders and their team's, with the next step one tap away. */
export default function MyOrdersPage() {
  const { t } = useTranslation('workorders');
  const { projectId } = useProjectSelection({ kind: 'estate' });
  const [expanded, setExpanded] = useState<string | null>(null);
  const orders = useApiQuery(keyed(['workorders', 'mine'], projectId), (signal) =>
    workOrdersApi.find(
      { projectId: projectId ?? '', openOnly: 'true', sort: 'dueAt', order: 'asc', pageSize: 100 },
      signal,
    ),
  );
  useLiveInvalidation(projectId ? [`project:${projectId}`] : [], [['workorders']], (event) =>
    event.type.startsWith('workorder.'),
  );
  const items = orders.data?.items ?? [];
  return (
    <Flex vertical gap={8} style={{ maxWidth: 560, margin: '0 auto', width: '100%' }} data-testid="my-orders">
      <h2 style={{ margin: '4px 0' }}>{t('mine.title')}</h2>
      {items.length === 0 && !orders.loading ? <Empty description={t('mine.empty')} /> : null}
      {items.map((summary) => (
        <OrderCard
          key={summary.id}
          summary={summary}
          expanded={expanded === summary.id}
          onToggle={() => setExpanded(summary.id)}
        />
      ))}
    </Flex>
  );
}
