import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatTime } from '../../../app/format';
import { yuan } from '../../inventory';
import type { SalesDashboard } from '../dashboard.api';

type Hold = SalesDashboard['holdsExpiring'][number];
type Deposit = SalesDashboard['depositsAwaiting'][number];
type Overdue = SalesDashboard['overduePayments'][number];

/** What needs someone today: each row opens the record it is about. */
export function AttentionLists({ data, holdHours }: { data: SalesDashboard; holdHours: number }) {
  const { t } = useTranslation('dashboard');
  const empty = { emptyText: t('attention.empty') };
  const common = {
    size: 'small' as const,
    pagination: false as const,
    scroll: { x: 'max-content' },
    locale: empty,
  };
  return (
    <>
      <Card size="small" title={t('attention.holds', { hours: holdHours })} data-testid="dashboard-holds">
        <Table<Hold>
          {...common}
          rowKey="unitId"
          dataSource={data.holdsExpiring}
          columns={[
            {
              key: 'unit',
              title: t('attention.unit'),
              render: (_: unknown, row) => <Link to="/deals?tab=held">{row.unitLabel}</Link>,
            },
            { key: 'holder', title: t('attention.holder'), dataIndex: 'holderName' },
            {
              key: 'expires',
              title: t('attention.expiresAt'),
              render: (_: unknown, row) => formatTime(row.expiresAt, 'MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('attention.deposits')}
        style={{ marginTop: 12 }}
        data-testid="dashboard-deposits"
      >
        <Table<Deposit>
          {...common}
          rowKey="depositId"
          dataSource={data.depositsAwaiting}
          columns={[
            {
              key: 'unit',
              title: t('attention.unit'),
              render: (_: unknown, row) => (
                <Link
                  to={row.planId ? `/deals/plans/${encodeURIComponent(row.planId)}` : '/deals?tab=deposits'}
                >
                  {row.unitNumber}
                </Link>
              ),
            },
            { key: 'customer', title: t('attention.customer'), dataIndex: 'customerName' },
            { key: 'consultant', title: t('attention.consultant'), dataIndex: 'consultantName' },
            {
              key: 'amount',
              title: t('attention.amount'),
              align: 'right',
              render: (_: unknown, row) => yuan(row.amountFen),
            },
            {
              key: 'at',
              title: t('attention.requestedAt'),
              render: (_: unknown, row) => formatTime(row.requestedAt, 'MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('attention.overdue')}
        style={{ marginTop: 12 }}
        data-testid="dashboard-overdue"
      >
        <Table<Overdue>
          {...common}
          rowKey="paymentItemId"
          dataSource={data.overduePayments}
          columns={[
            {
              key: 'unit',
              title: t('attention.unit'),
              render: (_: unknown, row) => (
                <Link to={`/deals/files/${encodeURIComponent(row.transactionFileId)}`}>{row.unitNumber}</Link>
              ),
            },
            { key: 'item', title: t('attention.item'), dataIndex: 'label' },
            { key: 'customer', title: t('attention.customer'), dataIndex: 'customerName' },
            {
              key: 'outstanding',
              title: t('attention.outstanding'),
              align: 'right',
              render: (_: unknown, row) => yuan(row.outstandingFen),
            },
            { key: 'due', title: t('attention.dueOn'), dataIndex: 'dueOn' },
          ]}
        />
      </Card>
    </>
  );
}

type Consultant = SalesDashboard['consultants'][number];

export function RankingTable({ data }: { data: SalesDashboard }) {
  const { t } = useTranslation('dashboard');
  return (
    <Card size="small" title={t('ranking.title')} data-testid="dashboard-ranking">
      <Table<Consultant>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey="staffId"
        locale={{ emptyText: t('attention.empty') }}
        dataSource={data.consultants}
        columns={[
          {
            key: 'rank',
            title: t('ranking.rank'),
            width: 56,
            render: (_: unknown, _row, index) => index + 1,
          },
          { key: 'name', title: t('ranking.name'), dataIndex: 'name', fixed: 'left' },
          { key: 'deals', title: t('ranking.deals'), dataIndex: 'deals', align: 'right' },
          {
            key: 'amount',
            title: t('ranking.amount'),
            align: 'right',
            render: (_: unknown, row) => yuan(row.amountFen),
          },
          { key: 'visits', title: t('ranking.visits'), dataIndex: 'visits', align: 'right' },
          { key: 'calls', title: t('ranking.calls'), dataIndex: 'calls', align: 'right' },
          {
            key: 'conversion',
            title: t('ranking.conversion'),
            align: 'right',
            render: (_: unknown, row) => (row.conversionPercent === null ? '—' : `${row.conversionPercent}%`),
          },
        ]}
      />
    </Card>
  );
}
