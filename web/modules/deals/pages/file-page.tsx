import { FilePdfOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  type FormInstance,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { isApiError } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth';
import { DownloadButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { NotFoundResult, useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { withDataKeys } from '../../../app/i18n-keys';
import { foldWidth, residentIdRule } from '../../../app/validation';
import { ConformancePanel } from '../../conformance';
import { DealFileLink } from '../components/deal-file-link';
import { FileContractCard } from '../components/file-contract-card';
import { FileHandOverButton, FileHandOvers } from '../components/file-hand-over';
import { FileMortgageCard } from '../components/file-mortgage-card';
import { FileMoveInCard } from '../components/file-move-in-card';
import { FileSidePanel } from '../components/file-side-panel';
import { RestDayAlert, RestDayTag, useRestDays } from '../components/rest-day-warning';
import { StatusTag } from '../components/status-tag';
import { UploadButton } from '../components/upload-button';
import { CollectModal } from '../components/witness-modal';
import { paymentItemLabel } from '../deal-labels';
import { dealsApi, type PaymentItem, toFen, yuan } from '../deals.api';

export default function FilePage() {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { showError, applyFormErrors, scrollToFirstError } = useErrorHandler();
  const user = useCurrentUser();
  const { id } = useParams();
  const file = useApiQuery(id ? ['deals', 'file', id] : null, (signal) => dealsApi.getFile(id!, signal));
  const [paying, setPaying] = useState<PaymentItem | null>(null);
  const [payerKind, setPayerKind] = useState<'buyer' | 'third_party'>('buyer');
  const [payAmount, setPayAmount] = useState('');
  const [payerName, setPayerName] = useState('');
  const [statementId, setStatementId] = useState<string | null>(null);
  const [statementOpen, setStatementOpen] = useState(false);
  const [statementForm] = Form.useForm<{ payerName: string; payerIdNumber: string; amount: string }>();
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
      .map((item) => ({ label: paymentItemLabel(item, withDataKeys(t)), day: item.dueOn })),
    ...(file.data?.mortgages ?? [])
      .filter((row) => row.status === 'scheduled')
      .map((row) => ({ label: t('restDay.appointment'), day: formatTime(row.appointmentAt, 'YYYY-MM-DD') })),
  ];
  const restDays = useRestDays(dueDates.map((entry) => entry.day));
  const view = file.data;
  // A file the reader may not see (handed to another consultant, SA-19) is, to them, not there.
  if (!view && isApiError(file.error) && file.error.status === 404) return <NotFoundResult />;
  if (!view) return null;

  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/deals?tab=files">{t('tabs.files')}</Link>}
        title={t('file.title', { unit: view.file.unitNumber })}
        subtitle={`${view.file.customerName} · ¥${yuan(view.file.priceFen)} · ${view.agreement.formNumber}`}
        extra={
          <Space>
            <StatusTag kind="file" status={view.file.status} />
            <FileHandOverButton view={view} submit={submit} />
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
                    <span data-testid="payment-item-label">{paymentItemLabel(item, withDataKeys(t))}</span>
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
          <FileContractCard view={view} run={run} />
          <FileMortgageCard view={view} run={run} submit={submit} />
          <FileMoveInCard view={view} run={run} submit={submit} />
        </Col>
        <Col xs={24} xl={9}>
          <FileHandOvers view={view} />
          <FileSidePanel view={view} run={run} />
          {view.file.depositId ? <ConformancePanel kind="deal" id={view.file.depositId} /> : null}
        </Col>
      </Row>
      <CollectModal
        open={Boolean(paying)}
        title={paying ? t('file.payTitle', { label: paymentItemLabel(paying, withDataKeys(t)) }) : ''}
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
