import { App, Button, Form, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { FormModal } from '../../../app/components/form-modal';
import { toRequestQuery, useServerTable } from '../../../app/components/use-server-table';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { ConformancePanel } from '../../conformance';
import { StatusTag } from '../components/status-tag';
import { CollectModal } from '../components/witness-modal';
import { type Deposit, dealsApi, yuan } from '../deals.api';

/** The deposits tab (SA-12): confirm, collect with a witness, cancel with a reason. */

export function DepositsTable({ projectId }: { projectId: string }) {
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
  // A deal is scored as its deposit: a row opens its conformance checks; `?depositId=` opens one.
  const [params] = useSearchParams();
  const linked = params.get('depositId');
  const [expanded, setExpanded] = useState<readonly React.Key[]>(linked ? [linked] : []);
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
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: setExpanded,
          expandedRowRender: (deposit) => <ConformancePanel kind="deal" id={deposit.id} />,
        }}
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
