import { App, Button, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/export-button';
import { toRequestQuery, useServerTable } from '../../../app/components/use-server-table';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { StatusTag } from '../components/status-tag';
import { dealsApi, type Receipt, yuan } from '../deals.api';

/** The receipts tab (SA-12): print, ask for a void with a reason, decide a void. */

export function ReceiptsTable({ projectId }: { projectId: string }) {
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
