import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Divider,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { useErrorHandler } from '../../../app/errors';
import { formatTime, projectDate, projectDayStart, projectDaysFromToday } from '../../../app/format';
import { foldWidth, residentIdRule } from '../../../app/validation';
import { DealFileLink } from '../components/deal-file-link';
import { RestDayWarning } from '../components/rest-day-warning';
import { StatusTag } from '../components/status-tag';
import { UploadButton } from '../components/upload-button';
import { type Agreement, type AgreementInput, dealsApi, type IdType, yuan } from '../deals.api';

interface FormValues {
  formNumber: string;
  buyers: Array<{
    /** The stored buyer this row is (a draft's); an empty ID number then keeps the stored one. */
    id?: string | null;
    name: string;
    idType: IdType;
    idNumber: string;
    idCopyFileId: string | null;
    hasIdCopyConsent: boolean;
  }>;
  signerKind: 'buyer' | 'agent';
  signerBuyerIndex: number;
  agent?: {
    name: string;
    idType: IdType;
    idNumber: string;
    notarialNumber: string;
    notarialFileId: string | null;
  };
  signedOn: Dayjs;
  downPaymentDueOn: Dayjs;
  contractDueOn: Dayjs;
}

const idTypes: IdType[] = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit'];
const day = (value: Dayjs) => projectDate(value);

function toInput(values: FormValues): AgreementInput {
  return {
    buyers: values.buyers.map((buyer) => ({
      ...buyer,
      id: buyer.id ?? null,
      idNumber: buyer.idNumber ?? '',
      idCopyFileId: buyer.idCopyFileId ?? null,
      hasIdCopyConsent: Boolean(buyer.hasIdCopyConsent),
    })),
    signerKind: values.signerKind,
    signerBuyerIndex: values.signerKind === 'buyer' ? (values.signerBuyerIndex ?? 0) : null,
    agent:
      values.signerKind === 'agent' && values.agent
        ? {
            ...values.agent,
            idNumber: values.agent.idNumber ?? '',
            notarialNumber: values.agent.notarialNumber ?? '',
            notarialFileId: values.agent.notarialFileId ?? null,
          }
        : null,
    signedOn: day(values.signedOn),
    downPaymentDueOn: day(values.downPaymentDueOn),
    contractDueOn: day(values.contractDueOn),
  };
}

export default function AgreementPage() {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { applyFormErrors, showError, scrollToFirstError } = useErrorHandler();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { id } = useParams();
  const [params] = useSearchParams();
  const planId = params.get('planId');
  const [form] = Form.useForm<FormValues>();
  const agreement = useRequest((signal) => dealsApi.getAgreement(id!, signal), id ?? null);
  const plan = useRequest(
    (signal) => dealsApi.getPlan((agreement.data?.planId ?? planId)!, signal),
    agreement.data?.planId ?? planId ?? null,
  );
  const [busy, setBusy] = useState(false);
  const [comment, setComment] = useState('');
  const [abandoning, setAbandoning] = useState(false);
  // The agreement whose values the form holds: one this form just saved keeps what was typed
  // (ID numbers leave the server masked only), so a refused submit loses nothing.
  const shownId = useRef<string | null>(null);
  const signerKind = Form.useWatch('signerKind', form);
  const buyers = Form.useWatch('buyers', form) ?? [];
  const downPaymentDueOn = Form.useWatch('downPaymentDueOn', form);
  const contractDueOn = Form.useWatch('contractDueOn', form);
  const current = agreement.data;
  const projectId = current?.projectId ?? plan.data?.projectId ?? '';
  const isEditable =
    !current ||
    ((current.status === 'draft' || current.status === 'returned') && current.consultantId === user.id);
  const mayReview =
    current?.status === 'submitted' && current.consultantId !== user.id && canAccess(user.roles, ['manager']);

  // SA-13: a draft this consultant already holds for the plan is resumed, not started again on a new number.
  const drafts = useRequest(
    (signal) =>
      dealsApi.findAgreements(
        { projectId: plan.data!.projectId, status: 'draft', page: 1, pageSize: 100 },
        signal,
      ),
    !id && plan.data ? `${plan.data.id}` : null,
  );
  const heldDraft = drafts.data?.items.find(
    (draft) => draft.planId === planId && draft.consultantId === user.id,
  );
  const storedBuyers = new Map((current?.buyers ?? []).map((buyer) => [buyer.id, buyer]));

  useEffect(() => {
    if (!current || shownId.current === current.id) return;
    shownId.current = current.id;
    form.setFieldsValue({
      formNumber: current.formNumber,
      buyers: (current.buyers ?? []).map((buyer) => ({
        id: buyer.id,
        name: buyer.name,
        idType: buyer.idType,
        idNumber: '',
        idCopyFileId: buyer.idCopyFileId,
        hasIdCopyConsent: Boolean(buyer.idCopyConsentAt),
      })),
      signerKind: current.signerKind,
      signerBuyerIndex: current.signerBuyerIndex ?? 0,
      agent:
        current.signerKind === 'agent'
          ? {
              name: current.agentName,
              idType: 'resident_id',
              idNumber: '',
              notarialNumber: current.notarialNumber,
              notarialFileId: current.notarialFileId,
            }
          : undefined,
      signedOn: projectDayStart(current.signedOn),
      downPaymentDueOn: projectDayStart(current.downPaymentDueOn),
      contractDueOn: projectDayStart(current.contractDueOn),
    });
  }, [current, form]);
  useEffect(() => {
    if (!current && plan.data) form.setFieldValue(['buyers', 0, 'name'], plan.data.customerName);
  }, [current, plan.data, form]);

  /** The saved draft becomes the page's agreement; the form keeps what was typed, ids refreshed. */
  const keepDraft = (saved: Agreement) => {
    shownId.current = saved.id;
    (saved.buyers ?? []).forEach((buyer, index) => {
      form.setFieldValue(['buyers', index, 'id'], buyer.id);
    });
    agreement.setData(saved);
    if (!current) navigate(`/deals/agreements/${saved.id}`, { replace: true });
  };

  const save = async (andSubmit: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch (failure) {
      scrollToFirstError(form, failure);
      return;
    }
    setBusy(true);
    try {
      const input = toInput(values);
      let saved = current
        ? await dealsApi.updateAgreement(current.id, input)
        : await dealsApi.createAgreement({ planId: planId!, formNumber: values.formNumber, input });
      // SA-13: from here the form number is this draft's; a refused submit below leaves it here.
      keepDraft(saved);
      if (andSubmit) {
        try {
          saved = await dealsApi.submitAgreement(saved.id);
        } catch (error) {
          applyFormErrors(form, error);
          message.info(t('agreement.draftKept', { form: saved.formNumber }));
          return;
        }
        agreement.setData(saved);
        message.success(t('agreement.submitted'));
      } else message.success(t('common.done'));
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setBusy(false);
    }
  };
  const review = async (decision: 'approve' | 'return') => {
    if (!current) return;
    setBusy(true);
    try {
      const saved = await dealsApi.reviewAgreement(current.id, decision, comment);
      agreement.setData(saved);
      message.success(decision === 'approve' ? t('agreement.approved') : t('common.done'));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  /** A stored buyer's number is kept when the field is left empty: say so, masked. */
  function keptIdHint(buyerId: string | null | undefined, idType: IdType | undefined) {
    const stored = buyerId ? storedBuyers.get(buyerId) : undefined;
    if (!stored || stored.idType !== idType) return undefined;
    return t('agreement.idNumberKept', { masked: stored.idNumberMasked });
  }

  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/deals?tab=agreements">{t('tabs.agreements')}</Link>}
        title={current ? t('agreement.title', { form: current.formNumber }) : t('agreement.newTitle')}
        subtitle={
          plan.data
            ? `${plan.data.unitNumber} · ${plan.data.customerName} · ${t('agreement.price')} ¥${yuan(plan.data.result.finalTotalFen)}`
            : undefined
        }
        extra={
          current ? (
            <Space>
              <StatusTag kind="agreement" status={current.status} />
              {current.transactionFileId ? (
                <Button
                  type="primary"
                  onClick={() => navigate(`/deals/files/${current.transactionFileId}`)}
                  data-testid="open-file"
                >
                  {t('agreement.openFile')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      {current?.reviewComment ? (
        <Alert
          showIcon
          type={current.status === 'returned' ? 'error' : 'info'}
          message={`${t('agreement.comment')}:${current.reviewComment}`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {current?.status === 'approved' ? (
        <Alert
          showIcon
          type="success"
          message={t('agreement.approved')}
          style={{ marginBottom: 12 }}
          data-testid="agreement-approved"
        />
      ) : null}
      {heldDraft ? (
        <Alert
          showIcon
          type="warning"
          style={{ marginBottom: 12 }}
          data-testid="agreement-held-draft"
          message={t('agreement.heldDraft', { form: heldDraft.formNumber })}
          action={
            <Button size="small" onClick={() => navigate(`/deals/agreements/${heldDraft.id}`)}>
              {t('agreement.resumeDraft')}
            </Button>
          }
        />
      ) : null}
      {current && isEditable ? (
        <Alert
          showIcon
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="agreement-draft-notice"
          message={t('agreement.draftNotice', { form: current.formNumber })}
        />
      ) : null}
      {current && !isEditable ? (
        <Card size="small">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('agreement.formNumber')}>{current.formNumber}</Descriptions.Item>
            <Descriptions.Item label={t('agreement.price')}>¥{yuan(current.priceFen)}</Descriptions.Item>
            {(current.buyers ?? []).map((buyer, index) => (
              <Descriptions.Item key={buyer.id} label={`${t('agreement.buyers')} ${index + 1}`} span={2}>
                {buyer.name} · {t(`agreement.idTypes.${buyer.idType}`)}{' '}
                <span data-testid={`buyer-id-${index}`}>{buyer.idNumberMasked}</span> ·{' '}
                {buyer.idCopyFileId ? (
                  <DealFileLink fileId={buyer.idCopyFileId}>{t('agreement.idCopy')}</DealFileLink>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('agreement.signer')}>
              {current.signerKind === 'agent'
                ? `${current.agentName}(${current.notarialNumber})`
                : t('agreement.signerKinds.buyer')}
            </Descriptions.Item>
            <Descriptions.Item label={t('agreement.signedOn')}>{current.signedOn}</Descriptions.Item>
            <Descriptions.Item label={t('agreement.downPaymentDueOn')}>
              {current.downPaymentDueOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('agreement.contractDueOn')}>
              {current.contractDueOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('agreement.reviewer')} span={2}>
              {current.reviewerName ? `${current.reviewerName} ${formatTime(current.reviewedAt)}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          {mayReview ? (
            <>
              <Divider />
              <Input.TextArea
                rows={2}
                placeholder={t('agreement.comment')}
                value={comment}
                onChange={(event) => setComment(event.target.value)}
                data-testid="review-comment"
              />
              <Space style={{ marginTop: 12 }}>
                <ActionButton
                  type="primary"
                  loading={busy}
                  onClick={() => review('approve')}
                  data-testid="review-approve"
                >
                  {t('agreement.approve')}
                </ActionButton>
                <ActionButton
                  danger
                  loading={busy}
                  onClick={() => review('return')}
                  disabled={!comment.trim()}
                >
                  {t('agreement.return')}
                </ActionButton>
              </Space>
            </>
          ) : null}
        </Card>
      ) : (
        <Card size="small">
          <Form
            form={form}
            layout="vertical"
            initialValues={{
              buyers: [
                {
                  name: '',
                  idType: 'resident_id',
                  idNumber: '',
                  idCopyFileId: null,
                  hasIdCopyConsent: false,
                },
              ],
              signerKind: 'buyer',
              signerBuyerIndex: 0,
              signedOn: projectDaysFromToday(0),
              downPaymentDueOn: projectDaysFromToday(14),
              contractDueOn: projectDaysFromToday(30),
            }}
          >
            <Form.Item
              name="formNumber"
              label={t('agreement.formNumber')}
              extra={t('agreement.formHint')}
              rules={[{ required: !current }]}
            >
              <Input disabled={Boolean(current)} style={{ width: 200 }} data-testid="agreement-form-number" />
            </Form.Item>
            <Form.List name="buyers">
              {(items, { add, remove }) => (
                <>
                  {items.map((item) => (
                    <Card
                      key={item.key}
                      size="small"
                      title={`${t('agreement.buyers')} ${item.name + 1}`}
                      style={{ marginBottom: 12 }}
                      extra={
                        items.length > 1 ? (
                          <Button type="link" size="small" onClick={() => remove(item.name)}>
                            ✕
                          </Button>
                        ) : null
                      }
                    >
                      <Space wrap align="start">
                        <Form.Item name={[item.name, 'id']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item
                          name={[item.name, 'name']}
                          label={t('agreement.buyerName')}
                          rules={[{ required: true }]}
                        >
                          <Input style={{ width: 140 }} data-testid={`buyer-name-${item.name}`} />
                        </Form.Item>
                        <Form.Item name={[item.name, 'idType']} label={t('agreement.idType')}>
                          <Select
                            style={{ width: 140 }}
                            options={idTypes.map((value) => ({
                              value,
                              label: t(`agreement.idTypes.${value}`),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[item.name, 'idNumber']}
                          label={t('agreement.idNumber')}
                          normalize={foldWidth}
                          dependencies={[['buyers', item.name, 'idType']]}
                          extra={keptIdHint(buyers[item.name]?.id, buyers[item.name]?.idType)}
                          rules={[
                            { required: !keptIdHint(buyers[item.name]?.id, buyers[item.name]?.idType) },
                            residentIdRule(
                              () => form.getFieldValue(['buyers', item.name, 'idType']) === 'resident_id',
                            ),
                          ]}
                        >
                          <Input
                            style={{ width: 220 }}
                            autoComplete="off"
                            data-testid={`buyer-id-number-${item.name}`}
                          />
                        </Form.Item>
                        <Form.Item name={[item.name, 'idCopyFileId']} label={t('agreement.idCopy')}>
                          <UploadButton
                            projectId={projectId}
                            kind="id_copy"
                            testId={`buyer-id-copy-${item.name}`}
                          />
                        </Form.Item>
                      </Space>
                      <Form.Item
                        name={[item.name, 'hasIdCopyConsent']}
                        valuePropName="checked"
                        style={{ marginBottom: 0 }}
                      >
                        <Checkbox data-testid={`buyer-consent-${item.name}`}>
                          {t('agreement.consent')}
                        </Checkbox>
                      </Form.Item>
                    </Card>
                  ))}
                  <Button
                    size="small"
                    onClick={() =>
                      add({
                        name: '',
                        idType: 'resident_id',
                        idNumber: '',
                        idCopyFileId: null,
                        hasIdCopyConsent: false,
                      })
                    }
                  >
                    {t('agreement.addBuyer')}
                  </Button>
                </>
              )}
            </Form.List>
            <Divider />
            <Form.Item name="signerKind" label={t('agreement.signer')}>
              <Radio.Group
                options={(['buyer', 'agent'] as const).map((value) => ({
                  value,
                  label: t(`agreement.signerKinds.${value}`),
                }))}
              />
            </Form.Item>
            {signerKind === 'agent' ? (
              <Space wrap align="start">
                <Form.Item
                  name={['agent', 'name']}
                  label={t('agreement.agentName')}
                  rules={[{ required: true }]}
                >
                  <Input style={{ width: 140 }} />
                </Form.Item>
                <Form.Item
                  name={['agent', 'idType']}
                  label={t('agreement.idType')}
                  initialValue="resident_id"
                >
                  <Select
                    style={{ width: 140 }}
                    options={idTypes.map((value) => ({ value, label: t(`agreement.idTypes.${value}`) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={['agent', 'idNumber']}
                  label={t('agreement.agentId')}
                  normalize={foldWidth}
                  dependencies={[['agent', 'idType']]}
                  extra={
                    current?.agentIdNumberMasked
                      ? t('agreement.idNumberKept', { masked: current.agentIdNumberMasked })
                      : undefined
                  }
                  rules={[
                    { required: !current?.agentIdNumberMasked },
                    residentIdRule(() => form.getFieldValue(['agent', 'idType']) === 'resident_id'),
                  ]}
                >
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item
                  name={['agent', 'notarialNumber']}
                  label={t('agreement.notarialNumber')}
                  rules={[{ required: true }]}
                >
                  <Input style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={['agent', 'notarialFileId']} label={t('agreement.notarialFile')}>
                  <UploadButton projectId={projectId} kind="notarised_authorisation" />
                </Form.Item>
              </Space>
            ) : (
              <Form.Item name="signerBuyerIndex" label={t('agreement.signerBuyer')}>
                <Select
                  style={{ width: 200 }}
                  options={buyers.map((buyer, index) => ({
                    value: index,
                    label: buyer?.name || `${index + 1}`,
                  }))}
                />
              </Form.Item>
            )}
            <Space wrap>
              <Form.Item name="signedOn" label={t('agreement.signedOn')} rules={[{ required: true }]}>
                <ZonedDatePicker allowClear={false} />
              </Form.Item>
              <Form.Item
                name="downPaymentDueOn"
                label={t('agreement.downPaymentDueOn')}
                rules={[{ required: true }]}
              >
                <ZonedDatePicker allowClear={false} data-testid="agreement-down-due" />
              </Form.Item>
              <Form.Item
                name="contractDueOn"
                label={t('agreement.contractDueOn')}
                rules={[{ required: true }]}
              >
                <ZonedDatePicker allowClear={false} data-testid="agreement-contract-due" />
              </Form.Item>
            </Space>
            <RestDayWarning
              dates={[
                {
                  label: t('agreement.downPaymentDueOn'),
                  day: downPaymentDueOn && projectDate(downPaymentDueOn),
                },
                { label: t('agreement.contractDueOn'), day: contractDueOn && projectDate(contractDueOn) },
              ]}
            />
            <Typography.Paragraph type="secondary">{t('agreement.formHint')}</Typography.Paragraph>
            <Space>
              <ActionButton loading={busy} onClick={() => save(false)} data-testid="agreement-save">
                {t('agreement.saveDraft')}
              </ActionButton>
              <ActionButton
                type="primary"
                loading={busy}
                onClick={() => save(true)}
                data-testid="agreement-submit"
              >
                {t('agreement.submit')}
              </ActionButton>
              {current ? (
                <Button danger onClick={() => setAbandoning(true)} data-testid="agreement-abandon">
                  {t('agreement.abandon')}
                </Button>
              ) : null}
            </Space>
          </Form>
        </Card>
      )}
      {current ? (
        <FormModal<{ reason: string }>
          open={abandoning}
          title={t('agreement.abandonTitle', { form: current.formNumber })}
          okText={t('agreement.abandon')}
          testId="agreement-abandon"
          onClose={() => setAbandoning(false)}
          onSubmit={async (values) => {
            agreement.setData(await dealsApi.abandonAgreement(current.id, values.reason));
            message.success(t('agreement.abandoned', { form: current.formNumber }));
          }}
        >
          <Typography.Paragraph>
            {t('agreement.abandonHint', { form: current.formNumber })}
          </Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t('agreement.abandonReason')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="agreement-abandon-reason" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
