import { Button, Empty, Input, Space, Table, type TableColumnType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Query } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/export-button';
import {
  type ServerPage,
  type SortDirection,
  toRequestQuery,
  useServerTable,
} from '../../../app/components/use-server-table';
import { useApiQuery } from '../../../app/data/use-api-query';
import { formatTime } from '../../../app/format';
import { inventoryApi } from '../../inventory';
import { StatusTag } from '../components/status-tag';
import { type AgreementListItem, dealsApi, type FileListItem, type Plan, yuan } from '../deals.api';

/** The tabs of the deals page that list and link: units held, plans, agreements, transaction files. */

type DealListFilters = { projectId: string; q?: string };

/**
 * One project's deal list, paged by the server under the data layer key `['deals', list]`, so an
 * action that invalidates `['deals']` (a review, a signature, a move-in) refreshes every list.
 */
function useDealList<Row>(
  list: 'plans' | 'agreements' | 'files',
  fetcher: (query: Query, signal: AbortSignal) => Promise<ServerPage<Row>>,
  projectId: string,
  order?: SortDirection,
) {
  return useServerTable<Row, DealListFilters>((query, signal) => fetcher(toRequestQuery(query), signal), {
    filters: { projectId },
    order,
    queryKey: ['deals', list],
  });
}

export function HeldUnits({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const board = useApiQuery(['inventory', 'board', projectId], (signal) =>
    inventoryApi.board(projectId, signal),
  );
  const held = useMemo(
    () =>
      (board.data?.buildings ?? []).flatMap((building) =>
        building.units
          .filter((cell) => cell.s === 'held' && cell.hs === user.id)
          .map((cell) => ({ ...cell, building: building.name })),
      ),
    [board.data, user.id],
  );
  if (!board.loading && held.length === 0) return <Empty description={t('held.empty')} />;
  return (
    <Table
      rowKey="i"
      size="middle"
      loading={board.loading}
      dataSource={held}
      pagination={false}
      columns={[
        { title: t('common.unit'), render: (_, cell) => `${cell.building}-${cell.n}` },
        { title: t('plan.listPrice'), render: (_, cell) => yuan(cell.tp) },
        { title: t('held.expires'), render: (_, cell) => formatTime(cell.he, 'MM-DD HH:mm') },
        {
          title: t('common.actions'),
          render: (_, cell) => (
            <Button
              type="primary"
              size="small"
              data-testid={`make-plan-${cell.n}`}
              onClick={() => navigate(`/deals/plans/new?unitId=${cell.i}`)}
            >
              {t('held.makePlan')}
            </Button>
          ),
        },
      ]}
    />
  );
}

export function PlansTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const table = useDealList<Plan>('plans', dealsApi.findPlans, projectId);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={`${t('common.unit')} / ${t('common.customer')}`}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 260 }}
        />
        <ExportButton path="/deals/plans/export" query={table.exportQuery} fallbackFileName="plans.xlsx" />
      </Space>
      <Table<Plan>
        rowKey="id"
        size="middle"
        {...table.tableProps}
        columns={[
          {
            title: t('common.unit'),
            dataIndex: 'unitNumber',
            render: (value, plan) => <Link to={`/deals/plans/${plan.id}`}>{value}</Link>,
          },
          { title: t('common.customer'), dataIndex: 'customerName' },
          {
            title: t('plan.finalPrice'),
            align: 'right',
            key: 'finalTotalFen',
            sorter: true,
            render: (_, plan) => yuan(plan.result.finalTotalFen),
          },
          {
            title: t('plan.discount'),
            align: 'right',
            render: (_, plan) => `${Number(plan.result.discountPercent).toFixed(2)}%`,
          },
          {
            title: t('plan.paymentMethod'),
            render: (_, plan) => t(`plan.methods.${plan.input.paymentMethod}`),
          },
          { title: t('common.status'), render: (_, plan) => <StatusTag kind="plan" status={plan.status} /> },
          {
            title: t('common.updatedAt'),
            key: 'updatedAt',
            sorter: true,
            render: (_, plan) => formatTime(plan.updatedAt, 'MM-DD HH:mm'),
          },
        ]}
      />
    </>
  );
}

/** The agreed price, sorted by the server: the same column in the agreement and transaction-file lists. */
function priceColumn<Row extends { priceFen: number }>(title: string): TableColumnType<Row> {
  return { title, align: 'right', key: 'priceFen', sorter: true, render: (_, row) => yuan(row.priceFen) };
}

export function AgreementsTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const table = useDealList<AgreementListItem>('agreements', dealsApi.findAgreements, projectId, 'desc');
  return (
    <Table<AgreementListItem>
      rowKey="id"
      size="middle"
      {...table.tableProps}
      columns={[
        {
          title: t('agreement.formNumber'),
          dataIndex: 'formNumber',
          key: 'formNumber',
          sorter: true,
          render: (value, row) => (
            <Link to={`/deals/agreements/${row.id}`} data-testid={`agreement-${row.unitNumber}`}>
              {value}
            </Link>
          ),
        },
        { title: t('common.unit'), dataIndex: 'unitNumber' },
        { title: t('common.customer'), dataIndex: 'customerName' },
        priceColumn(t('agreement.price')),
        { title: t('common.status'), render: (_, row) => <StatusTag kind="agreement" status={row.status} /> },
        { title: t('agreement.reviewer'), dataIndex: 'reviewerName' },
        {
          title: t('common.updatedAt'),
          key: 'updatedAt',
          sorter: true,
          render: (_, row) => formatTime(row.updatedAt, 'MM-DD HH:mm'),
        },
      ]}
    />
  );
}

export function FilesTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const table = useDealList<FileListItem>('files', dealsApi.findFiles, projectId, 'desc');
  return (
    <Table<FileListItem>
      rowKey="id"
      size="middle"
      {...table.tableProps}
      columns={[
        {
          title: t('common.unit'),
          dataIndex: 'unitNumber',
          key: 'unitNumber',
          sorter: true,
          render: (value, row) => <Link to={`/deals/files/${row.id}`}>{value}</Link>,
        },
        { title: t('common.customer'), dataIndex: 'customerName' },
        priceColumn(t('agreement.price')),
        { title: t('common.status'), render: (_, row) => <StatusTag kind="file" status={row.status} /> },
        {
          title: t('common.updatedAt'),
          key: 'openedAt',
          sorter: true,
          render: (_, row) => formatTime(row.openedAt, 'YYYY-MM-DD HH:mm'),
        },
      ]}
    />
  );
}
