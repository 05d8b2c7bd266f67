import { FilePdfOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { DownloadButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { useErrorHandler } from '../../../app/errors';
import { formatTime, projectToday } from '../../../app/format';
import { foldWidth, residentIdRule } from '../../../app/validation';
import { DealFileLink } from '../components/deal-file-link';
import { RestDayAlert, RestDayTag, useRestDays } from '../components/rest-day-warning';
import { StatusTag } from '../components/status-tag';
import { UploadButton } from '../components/upload-button';
import { CollectModal } from '../components/witness-modal';
import {
  auditEntryLabel,
  documentLabel,
  paymentItemLabel,
  reminderLabel,
  reminderRecipient,
} from '../deal-labels';
import { dealsApi, type PaymentItem, toFen, yuan } from '../deals.api';
import { taskTitle } from '../task-title';

export default function FilePage() {
  const { t, i18n } = useTranslation('deals');
  const { message } = App.useApp();
  const { showError, applyFormErrors, scrollToFirstError } = useErrorHandler();
  const user = useCurrentUser();
  const { id } = useParams();
  const file = useRequest((signal) => dealsApi.getFile(id!, signal), id ?? null);
  const [paying, setPaying] = useState<PaymentItem | null>(null);
  const [payerKind, setPayerKind] = useState<'buyer' | 'third_party'>('buyer');
  const [payAmount, setPayAmount] = useState('');
  const [payerName, setPayerName] = useState('');
  const [statementId, setStatementId] = useState<string | null>(null);
  const [statementOpen, setStatementOpen] = useState(false);
  const [statementForm] = Form.useForm<{ payerName: string; payerIdNumber: string; amount: string }>();
  const [mortgageForm] = Form.useForm<{ bank: string; place: string; time: Dayjs; documents: string[] }>();
  const [moveInForm] = Form.useForm<{
    time: Dayjs;
    place: string;
    contact: string;
    phone: string;
    message: string;
  }>();
  const [contractNumber, setContractNumber] = useState('');
  const mayCollect = canAccess(user.roles, ['finance', 'manager']);

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(t('common.done'));
      file.reload();
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  };
  /** A form's action: a refusal marks the fields in error (and scrolls to the first); true when done. */
  const submit = async (form: FormInstance, action: () => Promise<unknown>) => {
    try {
      await action();
      message.success(t('common.done'));
      file.reload();
      return true;
    } catch (error) {
      applyFormErrors(form, error);
      return false;
    }
  };
  const dueDates = [
    ...(file.data?.paymentItems ?? [])
      .filter((item) => item.status !== 'paid')
      .map((item) => ({ label: paymentItemLabel(item, t), day: item.dueOn })),
    ...(file.data?.mortgages ?? [])
      .filter((row) => row.status === 'scheduled')
      .map((row) => ({ label: t('restDay.appointment'), day: formatTime(row.appointmentAt, 'YYYY-MM-DD') })),
  ];
  const restDays = useRestDays(dueDates.map((entry) => entry.day));
  const view = file.data;
  if (!view) return null;
  const locale = i18n.language as 'zh-CN' | 'zh-TW' | 'en';

  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/deals?tab=files">{t('tabs.files')}</Link>}
        title={t('file.title', { unit: view.file.unitNumber })}
        subtitle={`${view.file.customerName} · ¥${yuan(view.file.priceFen)} · ${view.agreement.formNumber}`}
        extra={
          <Space>
            <StatusTag kind="file" status={view.file.status} />
            <DownloadButton
              path={dealsApi.filePdfPath(view.file.id)}
              fallbackFileName={`${view.file.unitNumber}.pdf`}
              icon={<FilePdfOutlined />}
              label={t('common.pdf')}
              workingLabel={t('file.pdfWorking')}
              testId="file-pdf"
            />
          </Space>
        }
      />
      <RestDayAlert dates={dueDates} restDays={restDays} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('file.items')} style={{ marginBottom: 12 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={view.paymentItems}
              columns={[
                {
                  title: t('receipt.purpose'),
                  render: (_, item) => (
                    <span data-testid="payment-item-label">{paymentItemLabel(item, t)}</span>
                  ),
                },
                { title: t('file.due'), align: 'right', render: (_, item) => yuan(item.amountFen) },
                { title: t('file.paid'), align: 'right', render: (_, item) => yuan(item.paidFen) },
                {
                  title: t('file.dueOn'),
                  render: (_, item) => (
                    <>
                      {item.dueOn}
                      {item.status !== 'paid' ? <RestDayTag day={item.dueOn} restDays={restDays} /> : null}
                    </>
                  ),
                },
                {
                  title: t('common.status'),
                  render: (_, item) => <StatusTag kind="item" status={item.status} />,
                },
                {
                  title: t('common.actions'),
                  render: (_, item) =>
                    item.status !== 'paid' && item.kind !== 'loan' && mayCollect ? (
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`pay-${item.kind}`}
                        onClick={() => {
                          setPaying(item);
                          setPayAmount(((item.amountFen - item.paidFen) / 100).toFixed(2));
                          setPayerKind('buyer');
                        }}
                      >
                        {t('file.pay')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('file.statement')}
            style={{ marginBottom: 12 }}
            extra={
              <Button size="small" onClick={() => setStatementOpen(true)}>
                {t('file.newStatement')}
              </Button>
            }
          >
            {view.statements.length === 0 ? (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ) : null}
            {view.statements.map((statement) => (
              <Space key={statement.id} style={{ display: 'flex', marginBottom: 8 }} wrap>
                <Typography.Text>{statement.statementText}</Typography.Text>
                {statement.signedFileId ? (
                  <DealFileLink fileId={statement.signedFileId}>✓ {t('agreement.uploaded')}</DealFileLink>
                ) : (
                  <UploadButton
                    projectId={view.file.projectId}
                    kind="signed_statement"
                    onChange={(fileId) => fileId && run(() => dealsApi.attachSigned(statement.id, fileId))}
                  />
                )}
              </Space>
            ))}
          </Card>
          <Card size="small" title={t('file.contract')} style={{ marginBottom: 12 }}>
            {view.contract ? (
              <>
                <Descriptions size="small" column={2}>
                  <Descriptions.Item label={t('file.contractNumber')}>
                    {view.contract.contractNumber}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('common.status')}>
                    {view.contract.status === 'signed' ? `✓ ${view.contract.signedOn}` : '—'}
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Text strong>{t('file.checklist')}</Typography.Text>
                <Checkbox.Group
                  style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0' }}
                  value={view.contract.checklist.filter((item) => item.isDone).map((item) => item.key)}
                  options={view.contract.checklist.map((item) => ({
                    value: item.key,
                    label: item.label[locale] ?? item.label['zh-CN'],
                  }))}
                  onChange={(keys) => run(() => dealsApi.updateChecklist(view.file.id, keys as string[]))}
                />
                {view.contract.status === 'draft' ? (
                  <Button
                    size="small"
                    onClick={() => run(() => dealsApi.signContract(view.file.id, projectToday()))}
                  >
                    {t('file.signContract')}
                  </Button>
                ) : null}
              </>
            ) : (
              <Space>
                <Input
                  placeholder={t('file.contractNumber')}
                  value={contractNumber}
                  onChange={(event) => setContractNumber(event.target.value)}
                  data-testid="contract-number"
                />
                <ActionButton
                  type="primary"
                  disabled={!contractNumber.trim()}
                  onClick={() => run(() => dealsApi.prepareContract(view.file.id, contractNumber.trim()))}
                  data-testid="contract-prepare"
                >
                  {t('file.prepareContract')}
                </ActionButton>
              </Space>
            )}
          </Card>
          <Card size="small" title={t('file.mortgage')} style={{ marginBottom: 12 }}>
            {view.mortgages.map((row) => (
              <Space key={row.id} style={{ display: 'flex', marginBottom: 8 }} wrap>
                <span>
                  {formatTime(row.appointmentAt, 'YYYY-MM-DD HH:mm')} {row.bank} · {row.place} ·{' '}
                  {row.documents.map((entry) => documentLabel(entry, t)).join(locale === 'en' ? ', ' : '、')}
                </span>
                {row.status === 'scheduled' ? (
                  <>
                    <Button
                      size="small"
                      onClick={() =>
                        run(() =>
                          dealsApi.mortgageOutcome(row.id, {
                            status: 'completed',
                            note: '',
                            approvedAmountFen: null,
                          }),
                        )
                      }
                    >
                      {t('file.completed')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        run(() =>
                          dealsApi.mortgageOutcome(row.id, {
                            status: 'failed',
                            note: '',
                            approvedAmountFen: null,
                          }),
                        )
                      }
                    >
                      {t('file.failed')}
                    </Button>
                  </>
                ) : (
                  <Typography.Text type="secondary">
                    {t(`file.mortgageStatuses.${row.status}`)}
                  </Typography.Text>
                )}
              </Space>
            ))}
            <Form
              form={mortgageForm}
              layout="inline"
              onFinish={(values) =>
                submit(mortgageForm, () =>
                  dealsApi.scheduleMortgage(view.file.id, {
                    bank: values.bank,
                    place: values.place,
                    appointmentAt: values.time.toISOString(),
                    documents: values.documents.map((item) => item.trim()).filter(Boolean),
                  }),
                ).then((done) => {
                  if (done) mortgageForm.resetFields();
                })
              }
              onFinishFailed={({ errorFields }) => {
                if (errorFields[0]) mortgageForm.scrollToField(errorFields[0].name, { block: 'center' });
              }}
            >
              <Form.Item
                name="bank"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.bank') }}
              >
                <Input placeholder={t('file.bank')} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item
                name="place"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.place') }}
              >
                <Input placeholder={t('file.place')} style={{ width: 130 }} />
              </Form.Item>
              <Form.Item
                name="time"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.time') }}
              >
                <ZonedDatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  placeholder={t('file.time')}
                />
              </Form.Item>
              {/* The loan type's documents by code, worded per language; anything typed is kept as typed. */}
              <Form.Item
                name="documents"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.documents') }}
                initialValue={view.mortgageDocumentCodes}
              >
                <Select
                  mode="tags"
                  placeholder={t('file.documents')}
                  style={{ minWidth: 320, maxWidth: 560 }}
                  options={view.mortgageDocumentCodes.map((code) => ({
                    value: code,
                    label: documentLabel(code, t),
                  }))}
                />
              </Form.Item>
              <Button htmlType="submit">{t('file.schedule')}</Button>
            </Form>
          </Card>
          <Card size="small" title={t('file.moveIn')}>
            {view.moveIns.map((row) => (
              <Space key={row.id} style={{ display: 'flex', marginBottom: 8 }}>
                <span>
                  {formatTime(row.appointmentAt, 'YYYY-MM-DD HH:mm')} · {row.place} ·{' '}
                  {row.propertyOfficeContact} {row.propertyOfficePhone}
                </span>
                {row.status === 'scheduled' ? (
                  <ActionButton size="small" onClick={() => run(() => dealsApi.completeMoveIn(row.id))}>
                    {t('file.completeMoveIn')}
                  </ActionButton>
                ) : (
                  <Typography.Text type="success">✓</Typography.Text>
                )}
              </Space>
            ))}
            <Form
              form={moveInForm}
              layout="inline"
              initialValues={{ message: t('file.congratulationDefault') }}
              onFinishFailed={({ errorFields }) => {
                if (errorFields[0]) moveInForm.scrollToField(errorFields[0].name, { block: 'center' });
              }}
              onFinish={(values) =>
                submit(moveInForm, () =>
                  dealsApi.scheduleMoveIn(view.file.id, {
                    appointmentAt: values.time.toISOString(),
                    place: values.place,
                    propertyOfficeContact: values.contact,
                    propertyOfficePhone: values.phone ?? '',
                    congratulationMessage: values.message,
                  }),
                )
              }
            >
              <Form.Item
                name="time"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.time') }}
              >
                <ZonedDatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  placeholder={t('file.time')}
                />
              </Form.Item>
              <Form.Item
                name="place"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.place') }}
              >
                <Input placeholder={t('file.place')} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item
                name="contact"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.propertyContact') }}
              >
                <Input placeholder={t('file.propertyContact')} style={{ width: 110 }} />
              </Form.Item>
              <Form.Item name="phone" messageVariables={{ label: t('file.propertyPhone') }}>
                <Input placeholder={t('file.propertyPhone')} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item
                name="message"
                rules={[{ required: true }]}
                messageVariables={{ label: t('file.congratulation') }}
              >
                <Input placeholder={t('file.congratulation')} style={{ width: 160 }} />
              </Form.Item>
              <Button htmlType="submit">{t('file.schedule')}</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
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
                      { title: t('file.recipient'), render: (_, row) => reminderRecipient(row, t) },
                      {
                        title: t('file.reminderKind'),
                        render: (_, row) => (
                          <span data-testid="reminder-row">
                            {reminderLabel(row, t)}
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
                          <span data-testid="file-task-title">{`${formatTime(task.dueAt, 'MM-DD HH:mm')} ${taskTitle(task, t)}`}</span>
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
        </Col>
      </Row>
      <CollectModal
        open={Boolean(paying)}
        title={paying ? t('file.payTitle', { label: paymentItemLabel(paying, t) }) : ''}
        onCancel={() => setPaying(null)}
        extra={
          <>
            <Form.Item label={t('common.amount')}>
              <Input
                value={payAmount}
                onChange={(event) => setPayAmount(event.target.value)}
                addonAfter={t('common.yuan')}
              />
            </Form.Item>
            <Form.Item label={t('file.payer')}>
              <Radio.Group
                value={payerKind}
                onChange={(event) => setPayerKind(event.target.value)}
                options={(['buyer', 'third_party'] as const).map((value) => ({
                  value,
                  label: t(`file.payerKinds.${value}`),
                }))}
              />
            </Form.Item>
            {payerKind === 'third_party' ? (
              <Space>
                <Input
                  placeholder={t('file.payerName')}
                  value={payerName}
                  onChange={(event) => setPayerName(event.target.value)}
                />
                <Select
                  style={{ width: 220 }}
                  placeholder={t('file.statement')}
                  value={statementId}
                  onChange={setStatementId}
                  options={view.statements
                    .filter((statement) => !statement.paymentId)
                    .map((statement) => ({
                      value: statement.id,
                      label: `${statement.payerName} ¥${yuan(statement.amountFen)}`,
                    }))}
                />
              </Space>
            ) : null}
          </>
        }
        onCollect={async (values) => {
          if (!paying) return;
          const result = await dealsApi.recordPayment(view.file.id, {
            paymentItemId: paying.id,
            amountFen: toFen(payAmount) ?? 0,
            payerKind,
            payerName: payerKind === 'buyer' ? '' : payerName,
            statementId: payerKind === 'buyer' ? null : statementId,
            ...values,
          });
          message.success(t('deposit.collected', { number: result.receipt.numberText }));
          setPaying(null);
          file.reload();
        }}
      />
      <Modal
        open={statementOpen}
        title={t('file.newStatement')}
        onCancel={() => setStatementOpen(false)}
        onOk={async () => {
          let values: { payerName: string; payerIdNumber: string; amount: string };
          try {
            values = await statementForm.validateFields();
          } catch (failure) {
            scrollToFirstError(statementForm, failure);
            return;
          }
          const done = await submit(statementForm, () =>
            dealsApi.createStatement(view.file.id, {
              payerName: values.payerName,
              payerIdType: 'resident_id',
              payerIdNumber: values.payerIdNumber,
              amountFen: toFen(values.amount) ?? 0,
            }),
          );
          if (done) setStatementOpen(false);
        }}
      >
        <Form form={statementForm} layout="vertical">
          <Form.Item name="payerName" label={t('file.payerName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="payerIdNumber"
            label={t('file.statementPayerId')}
            normalize={foldWidth}
            rules={[{ required: true }, residentIdRule()]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="amount" label={t('common.amount')} rules={[{ required: true }]}>
            <Input addonAfter={t('common.yuan')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
