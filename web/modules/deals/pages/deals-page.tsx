import {
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnType,
  Tabs,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { ExportButton } from '../../../app/components/export-button';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { toRequestQuery, useServerTable } from '../../../app/components/use-server-table';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useSalesProject } from '../../inventory/components/use-sales-project';
import { inventoryApi } from '../../inventory/inventory.api';
import { StatusTag } from '../components/status-tag';
import { CollectModal } from '../components/witness-modal';
import {
  type Agreement,
  type Deposit,
  dealsApi,
  type FileListItem,
  type Plan,
  type Receipt,
  yuan,
} from '../deals.api';

type TabKey = 'held' | 'plans' | 'deposits' | 'agreements' | 'files' | 'receipts';

function HeldUnits({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const board = useRequest((signal) => inventoryApi.board(projectId, signal), projectId);
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

function PlansTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const table = useServerTable<Plan, { projectId: string; q?: string }>(
    (query, signal) => dealsApi.findPlans(toRequestQuery(query), signal),
    { filters: { projectId } },
  );
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

function DepositsTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  const mayConfirm = canAccess(user.roles, ['controller', 'manager']);
  const mayCollect = canAccess(user.roles, ['finance', 'manager']);
  const mayCancel = canAccess(user.roles, ['consultant', 'controller', 'manager']);
  const [cancelling, setCancelling] = useState<Deposit | null>(null);
  const table = useServerTable<Deposit, { projectId: string }>(
    (query, signal) => dealsApi.findDeposits(toRequestQuery(query), signal),
    { filters: { projectId }, order: 'desc' },
  );
  const [collecting, setCollecting] = useState<Deposit | null>(null);
  const confirm = async (deposit: Deposit) => {
    try {
      await dealsApi.confirmDeposit(deposit.id);
      message.success(t('deposit.confirmed'));
      table.reload();
    } catch (error) {
      showError(error);
      table.reload();
    }
  };
  return (
    <>
      <Table<Deposit>
        rowKey="id"
        size="middle"
        {...table.tableProps}
        columns={[
          { title: t('common.unit'), dataIndex: 'unitNumber' },
          { title: t('common.customer'), dataIndex: 'customerName' },
          { title: t('common.amount'), align: 'right', render: (_, deposit) => yuan(deposit.amountFen) },
          {
            title: t('common.status'),
            render: (_, deposit) => <StatusTag kind="deposit" status={deposit.status} />,
          },
          { title: t('deposit.confirmedBy'), dataIndex: 'confirmedByName' },
          {
            title: t('common.updatedAt'),
            render: (_, deposit) => formatTime(deposit.updatedAt, 'MM-DD HH:mm'),
          },
          {
            title: t('common.actions'),
            render: (_, deposit) => (
              <Space>
                {deposit.status === 'requested' && mayConfirm ? (
                  <ActionButton
                    size="small"
                    data-testid={`confirm-deposit-${deposit.unitNumber}`}
                    onClick={() => confirm(deposit)}
                  >
                    {t('deposit.confirm')}
                  </ActionButton>
                ) : null}
                {deposit.status === 'confirmed' && mayCollect ? (
                  <Button
                    type="primary"
                    size="small"
                    data-testid={`collect-deposit-${deposit.unitNumber}`}
                    onClick={() => setCollecting(deposit)}
                  >
                    {t('deposit.collect')}
                  </Button>
                ) : null}
                {(deposit.status === 'requested' || deposit.status === 'confirmed') && mayCancel ? (
                  <Button
                    size="small"
                    data-testid={`cancel-deposit-${deposit.unitNumber}`}
                    onClick={() => setCancelling(deposit)}
                  >
                    {t('deposit.cancel')}
                  </Button>
                ) : null}
                {deposit.receiptId ? (
                  <a
                    href={dealsApi.receiptPdfUrl(deposit.receiptId)}
                    target="_blank"
                    rel="noreferrer"
                    data-testid={`receipt-pdf-${deposit.unitNumber}`}
                  >
                    {t('common.print')}
                  </a>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <CollectModal
        open={Boolean(collecting)}
        title={
          collecting
            ? t('deposit.collectTitle', { amount: yuan(collecting.amountFen), unit: collecting.unitNumber })
            : ''
        }
        onCancel={() => setCollecting(null)}
        onCollect={async (values) => {
          if (!collecting) return;
          const result = await dealsApi.collectDeposit(collecting.id, values);
          message.success(t('deposit.collected', { number: result.receipt.numberText }));
          setCollecting(null);
          table.reload();
        }}
      />
      <FormModal<{ reason: string }>
        open={Boolean(cancelling)}
        title={cancelling ? t('deposit.cancelTitle', { unit: cancelling.unitNumber }) : ''}
        testId="deposit-cancel"
        onClose={() => setCancelling(null)}
        onSubmit={async (values) => {
          await dealsApi.cancelDeposit(cancelling!.id, values.reason);
          setCancelling(null);
          message.success(t('common.done'));
          table.reload();
        }}
      >
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}

/** The agreed price, sorted by the server: the same column in the agreement and transaction-file lists. */
function priceColumn<Row extends { priceFen: number }>(title: string): TableColumnType<Row> {
  return { title, align: 'right', key: 'priceFen', sorter: true, render: (_, row) => yuan(row.priceFen) };
}

function AgreementsTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const table = useServerTable<Agreement, { projectId: string; q?: string }>(
    (query, signal) => dealsApi.findAgreements(toRequestQuery(query), signal),
    { filters: { projectId }, order: 'desc' },
  );
  return (
    <Table<Agreement>
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

function FilesTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const table = useServerTable<FileListItem, { projectId: string; q?: string }>(
    (query, signal) => dealsApi.findFiles(toRequestQuery(query), signal),
    { filters: { projectId }, order: 'desc' },
  );
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

function ReceiptsTable({ projectId }: { projectId: string }) {
  const { t } = useTranslation('deals');
  const { message, modal } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  const table = useServerTable<Receipt, { projectId: string; q?: string; status?: string }>(
    (query, signal) => dealsApi.findReceipts(toRequestQuery(query), signal),
    { filters: { projectId }, sort: 'number', order: 'desc' },
  );
  const [voiding, setVoiding] = useState<Receipt | null>(null);
  const [reason, setReason] = useState('');
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(t('common.done'));
      table.reload();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={`${t('receipt.payer')} / ${t('common.unit')}`}
          onSearch={(q) => table.setFilters({ q })}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.status')}
          onChange={(status) => table.setFilters({ status })}
          options={(['valid', 'void_requested', 'voided'] as const).map((value) => ({
            value,
            label: t(`status.receipt.${value}`),
          }))}
        />
        <ExportButton
          path="/deals/receipts/export"
          query={table.exportQuery}
          fallbackFileName={t('receipt.exportName')}
        />
      </Space>
      <Table<Receipt>
        rowKey="id"
        size="middle"
        {...table.tableProps}
        columns={[
          { title: t('receipt.number'), dataIndex: 'numberText', key: 'number', sorter: true },
          { title: t('receipt.purpose'), render: (_, row) => t(`receipt.purposes.${row.purpose}`) },
          { title: t('common.unit'), dataIndex: 'unitNumber' },
          { title: t('receipt.payer'), dataIndex: 'payerName' },
          {
            title: t('common.amount'),
            align: 'right',
            key: 'amountFen',
            sorter: true,
            render: (_, row) => yuan(row.amountFen),
          },
          {
            title: `${t('receipt.collectedBy')} / ${t('receipt.witness')}`,
            render: (_, row) => `${row.collectedByName} / ${row.witnessName}`,
          },
          { title: t('common.status'), render: (_, row) => <StatusTag kind="receipt" status={row.status} /> },
          {
            title: t('receipt.issuedAt'),
            key: 'issuedAt',
            sorter: true,
            render: (_, row) => formatTime(row.issuedAt, 'MM-DD HH:mm'),
          },
          {
            title: t('common.actions'),
            render: (_, row) => (
              <Space>
                <a href={dealsApi.receiptPdfUrl(row.id)} target="_blank" rel="noreferrer">
                  {t('common.print')}
                </a>
                {row.status === 'valid' && canAccess(user.roles, ['finance', 'manager']) ? (
                  <Button type="link" size="small" onClick={() => setVoiding(row)}>
                    {t('receipt.requestVoid')}
                  </Button>
                ) : null}
                {row.status === 'void_requested' &&
                canAccess(user.roles, ['manager']) &&
                row.voidRequestedBy !== user.id ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      modal.confirm({
                        title: `${t('receipt.approveVoid')} ${row.numberText}`,
                        content: `${t('receipt.voidReason')}:${row.voidReason}`,
                        okText: t('receipt.approveVoid'),
                        cancelText: t('receipt.rejectVoid'),
                        onOk: () => run(() => dealsApi.decideVoid(row.id, 'approve')),
                        onCancel: () => run(() => dealsApi.decideVoid(row.id, 'reject')),
                      })
                    }
                  >
                    {t('receipt.approveVoid')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(voiding)}
        title={`${t('receipt.requestVoid')} ${voiding?.numberText ?? ''}`}
        onCancel={() => setVoiding(null)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() =>
          voiding && run(() => dealsApi.requestVoid(voiding.id, reason)).then(() => setVoiding(null))
        }
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder={t('receipt.voidReason')}
          maxLength={200}
        />
      </Modal>
    </>
  );
}

export default function DealsPage() {
  const { t } = useTranslation('deals');
  const [params, setParams] = useSearchParams();
  const { salesProjects, projectId, setProjectId } = useSalesProject();
  const tab = (params.get('tab') as TabKey | null) ?? 'held';
  const tabs: Array<{ key: TabKey; label: string; render: (projectId: string) => React.ReactNode }> = [
    { key: 'held', label: t('tabs.held'), render: (id) => <HeldUnits projectId={id} /> },
    { key: 'plans', label: t('tabs.plans'), render: (id) => <PlansTable projectId={id} /> },
    { key: 'deposits', label: t('tabs.deposits'), render: (id) => <DepositsTable projectId={id} /> },
    { key: 'agreements', label: t('tabs.agreements'), render: (id) => <AgreementsTable projectId={id} /> },
    { key: 'files', label: t('tabs.files'), render: (id) => <FilesTable projectId={id} /> },
    { key: 'receipts', label: t('tabs.receipts'), render: (id) => <ReceiptsTable projectId={id} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('menu.deals')}
        subtitle={t('menu.dealsDescription')}
        extra={
          <Select
            style={{ width: 200 }}
            value={projectId}
            onChange={setProjectId}
            options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
            data-testid="deals-project"
          />
        }
      />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams({ tab: key })}
        items={tabs.map((item) => ({
          key: item.key,
          label: <span data-testid={`deals-tab-${item.key}`}>{item.label}</span>,
          children: projectId ? item.render(projectId) : null,
        }))}
      />
    </>
  );
}
