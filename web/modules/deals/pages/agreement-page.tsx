import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { projectDayStart, projectDaysFromToday } from '../../../app/format';
import { ConformancePanel } from '../../conformance';
import { AgreementBuyers } from '../components/agreement-buyers';
import { type FormValues, toInput } from '../components/agreement-form-values';
import { AgreementSigningFields } from '../components/agreement-signing-fields';
import { AgreementSummary } from '../components/agreement-summary';
import { StatusTag } from '../components/status-tag';
import { type Agreement, dealsApi, type IdType, yuan } from '../deals.api';

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
  const queryClient = useQueryClient();
  const agreement = useApiQuery(id ? ['deals', 'agreement', id] : null, (signal) =>
    dealsApi.getAgreement(id!, signal),
  );
  const planOfAgreement = agreement.data?.planId ?? planId;
  const plan = useApiQuery(planOfAgreement ? ['deals', 'plan', planOfAgreement] : null, (signal) =>
    dealsApi.getPlan(planOfAgreement!, signal),
  );
  const [busy, setBusy] = useState(false);
  const [abandoning, setAbandoning] = useState(false);
  // The agreement whose values the form holds: one this form just saved keeps what was typed
  // (ID numbers leave the server masked only), so a refused submit loses nothing.
  const shownId = useRef<string | null>(null);
  const current = agreement.data;
  const projectId = current?.projectId ?? plan.data?.projectId ?? '';
  const isEditable =
    !current ||
    ((current.status === 'draft' || current.status === 'returned') && current.consultantId === user.id);
  const mayReview =
    current?.status === 'submitted' && current.consultantId !== user.id && canAccess(user.roles, ['manager']);

  // SA-13: a draft this consultant already holds for the plan is resumed, not started again on a new number.
  const drafts = useApiQuery(
    !id && plan.data ? ['deals', 'agreements', 'drafts', plan.data.id] : null,
    (signal) =>
      dealsApi.findAgreements(
        { projectId: plan.data!.projectId, status: 'draft', page: 1, pageSize: 100 },
        signal,
      ),
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
    // A new agreement's page opens on it at once: its answer is the cache of the page it moves to.
    if (current) agreement.setData(saved);
    else {
      queryClient.setQueryData(['deals', 'agreement', saved.id], saved);
      navigate(`/deals/agreements/${saved.id}`, { replace: true });
    }
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
  const review = async (decision: 'approve' | 'return', comment: string) => {
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
        <AgreementSummary current={current} busy={busy} mayReview={mayReview} onReview={review} />
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
            <AgreementBuyers form={form} projectId={projectId} keptIdHint={keptIdHint} />
            <AgreementSigningFields
              form={form}
              projectId={projectId}
              current={current}
              busy={busy}
              onSave={save}
              onAbandon={() => setAbandoning(true)}
            />
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
      {current?.depositId ? (
        <div style={{ marginTop: 12 }}>
          <ConformancePanel kind="deal" id={current.depositId} />
        </div>
      ) : null}
    </>
  );
}
