import { Card, Descriptions, Space, Table, Tabs, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { formatTime } from '../../../app/format';
import { withDataKeys } from '../../../app/i18n-keys';
import { DealFileLink } from '../components/deal-file-link';
import { StatusTag } from '../components/status-tag';
import { auditEntryLabel, reminderLabel, reminderRecipient } from '../deal-labels';
import type { TransactionFile } from '../deals.api';
import { dealsApi, yuan } from '../deals.api';
import { taskTitle } from '../task-title';
import type { Run } from './file-actions';

/** The file's side: where responsibility stands (SA-19), then reminders, documents, receipts, tasks and the audit trail. */
export function FileSidePanel({ view, run }: { view: TransactionFile; run: Run }) {
  const { t, i18n } = useTranslation('deals');
  const locale = i18n.language as 'zh-CN' | 'zh-TW' | 'en';
  const user = useCurrentUser();
  return (
    <>
      <Card size="small" title={t('file.responsibility')} style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('file.downPaymentPaid')}>
            {formatTime(view.responsibility.downPaymentPaidAt) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('file.contractSigned')}>
            {formatTime(view.responsibility.contractSignedAt) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('file.docsHandedIn')}>
            {view.responsibility.needsMortgageDocuments
              ? formatTime(view.responsibility.mortgageDocsHandedInAt) || '—'
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('file.ends')}>
            {formatTime(view.responsibility.endsAt) || t('file.running')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          {
            key: 'reminders',
            label: <span data-testid="file-tab-reminders">{t('file.reminders')}</span>,
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={view.reminders}
                data-testid="file-reminders"
                columns={[
                  { title: t('file.time'), render: (_, row) => formatTime(row.sendAt, 'MM-DD HH:mm') },
                  { title: t('file.recipient'), render: (_, row) => reminderRecipient(row, withDataKeys(t)) },
                  {
                    title: t('file.reminderKind'),
                    render: (_, row) => (
                      <span data-testid="reminder-row">
                        {reminderLabel(row, withDataKeys(t))}
                        {row.status === 'cancelled' ? ' ✕' : ''}
                      </span>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'documents',
            label: <span data-testid="file-tab-documents">{t('file.documentsTab')}</span>,
            children: (
              <Space direction="vertical" data-testid="file-documents">
                <Link to={`/deals/agreements/${view.agreement.id}`}>
                  {t('file.agreementDoc', { number: view.agreement.formNumber })}
                </Link>
                {view.plan ? (
                  <Space>
                    <Link to={`/deals/plans/${view.plan.id}`}>
                      {t('file.planDoc', { version: view.plan.version })}
                    </Link>
                    <a href={dealsApi.planPdfUrl(view.plan.id)} target="_blank" rel="noreferrer">
                      PDF
                    </a>
                  </Space>
                ) : null}
                {(view.agreement.buyers ?? []).map((buyer) =>
                  buyer.idCopyFileId ? (
                    <DealFileLink key={buyer.id} fileId={buyer.idCopyFileId}>
                      {t('file.idCopy', { name: buyer.name })}
                    </DealFileLink>
                  ) : null,
                )}
                {view.agreement.signerKind === 'agent' && view.agreement.notarialFileId ? (
                  <DealFileLink fileId={view.agreement.notarialFileId}>
                    {t('file.notarised', { number: view.agreement.notarialNumber })}
                  </DealFileLink>
                ) : null}
                {view.statements.map((statement) =>
                  statement.signedFileId ? (
                    <DealFileLink key={statement.id} fileId={statement.signedFileId}>
                      {t('file.signedStatement', { name: statement.payerName })}
                    </DealFileLink>
                  ) : null,
                )}
                {view.contract ? (
                  <Typography.Text>
                    {t('file.contractDoc', { number: view.contract.contractNumber })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'receipts',
            label: t('file.receipts'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={view.receipts}
                columns={[
                  {
                    title: t('receipt.number'),
                    render: (_, row) => (
                      <a href={dealsApi.receiptPdfUrl(row.id)} target="_blank" rel="noreferrer">
                        {row.numberText}
                      </a>
                    ),
                  },
                  { title: t('common.amount'), align: 'right', render: (_, row) => yuan(row.amountFen) },
                  {
                    title: t('common.status'),
                    render: (_, row) => <StatusTag kind="receipt" status={row.status} />,
                  },
                ]}
              />
            ),
          },
          {
            key: 'tasks',
            label: <span data-testid="file-tab-tasks">{t('file.tasks')}</span>,
            children: (
              <Timeline
                items={view.tasks.map((task) => ({
                  color: task.status === 'done' ? 'green' : 'blue',
                  children: (
                    <Space wrap>
                      <span data-testid="file-task-title">{`${formatTime(task.dueAt, 'MM-DD HH:mm')} ${taskTitle(task, withDataKeys(t))}`}</span>
                      {task.status === 'open' && task.staffId === user.id ? (
                        <ActionButton
                          size="small"
                          data-testid={`task-done-${task.id}`}
                          onClick={() => run(() => dealsApi.completeTask(task.id))}
                        >
                          {t('file.taskDone')}
                        </ActionButton>
                      ) : null}
                    </Space>
                  ),
                }))}
              />
            ),
          },
          {
            key: 'audit',
            label: t('file.audit'),
            children: (
              <Timeline
                items={view.audit.map((row) => ({
                  children: `${formatTime(row.at, 'MM-DD HH:mm')} ${row.actorName} · ${auditEntryLabel(row, locale)}`,
                }))}
              />
            ),
          },
        ]}
      />
    </>
  );
}
