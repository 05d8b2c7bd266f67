import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { isApiError } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useProjectSelection } from '../../../app/data/projects';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { withDataKeys } from '../../../app/i18n-keys';
import { inventoryApi } from '../../inventory';
import { DiscountLines } from '../components/plan-discount-lines';
import { defaults, type FormValues, formFieldOf, fromPlan, toChoices } from '../components/plan-form-values';
import { PaymentFields } from '../components/plan-payment-fields';
import { LoanSchedules, ResultView } from '../components/plan-result-view';
import { StatusTag } from '../components/status-tag';
import { usePlanPreview } from '../components/use-plan-preview';
import { dealsApi, type PlanPreview, toFen, yuan } from '../deals.api';

export default function PlanPage() {
  const { t } = useTranslation('deals');
  const { message, modal } = App.useApp();
  const { applyFormErrors, showError } = useErrorHandler();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { projectId } = useProjectSelection({ kind: 'sales' });
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const plan = useApiQuery(id ? ['deals', 'plan', id] : null, (signal) => dealsApi.getPlan(id!, signal));
  // Loaded beside the plan, not after it: keyed by the version this page saved (0 = as opened), so
  // the plan's arrival does not fetch the 360-month schedule a second time (half of a save's wait).
  const [savedVersion, setSavedVersion] = useState(0);
  const schedule = useApiQuery(id ? ['deals', 'plan-schedule', id, savedVersion] : null, (signal) =>
    dealsApi.planSchedule(id!, signal),
  );
  const board = useApiQuery(!id && projectId ? ['inventory', 'board', projectId] : null, (signal) =>
    inventoryApi.board(projectId!, signal),
  );
  const [busy, setBusy] = useState(false);
  const [depositOpen, setDepositOpen] = useState(false);
  const [depositAmount, setDepositAmount] = useState<string>('50000');
  const [customerName, setCustomerName] = useState<string>('');
  const method = Form.useWatch('paymentMethod', form);
  const unitId = Form.useWatch('unitId', form);
  const previewUnitId = plan.data?.unitId ?? unitId;

  const heldUnits = useMemo(
    () =>
      (board.data?.buildings ?? []).flatMap((building) =>
        building.units
          .filter((cell) => cell.s === 'held' && cell.hs === user.id)
          .map((cell) => ({ value: cell.i, label: `${building.name}-${cell.n}`, customerId: cell.hc })),
      ),
    [board.data, user.id],
  );

  useEffect(() => {
    if (plan.data) form.setFieldsValue(fromPlan(plan.data));
  }, [plan.data, form]);
  useEffect(() => {
    const requested = params.get('unitId');
    if (!id && requested) form.setFieldValue('unitId', requested);
  }, [id, params, form]);
  // The customer is whoever the unit is held for: read it from the unit, never typed.
  const unitDetail = useApiQuery(
    !id && unitId ? ['inventory', 'unit', unitId] : null,
    (signal) => inventoryApi.unit(unitId!, signal),
    { quiet: true },
  );
  const detail = unitDetail.data;
  useEffect(() => {
    if (!detail) return;
    form.setFieldValue('customerId', detail.unit.holdCustomerId ?? undefined);
    setCustomerName(detail.unit.holdCustomerId ? (detail.customers[detail.unit.holdCustomerId] ?? '') : '');
  }, [detail, form]);

  const { edits, setEdits, preview, previewError, previewing, latestPreview } = usePlanPreview(form, {
    unitId: previewUnitId,
    id,
    stored: plan.data,
  });

  /** Asks before a cut above the project's threshold; the server refuses one not confirmed. */
  const confirmCut = (data: PlanPreview) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('plan.confirmTitle'),
        content: t('plan.confirmBody', {
          percent: data.result.discountPercent,
          amount: yuan(data.result.discountFen),
          final: yuan(data.result.finalTotalFen),
          limit: data.confirmAbovePercent,
        }),
        okText: t('plan.confirmOk'),
        cancelText: t('plan.confirmCancel'),
        okButtonProps: { 'data-testid': 'plan-confirm-discount' } as never,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      const choices = toChoices(values);
      const target = plan.data?.unitId ?? values.unitId!;
      const key = JSON.stringify({ unitId: target, ...choices });
      // The preview of exactly these choices says whether to ask; otherwise ask the server now.
      const checked =
        latestPreview.current?.key === key
          ? latestPreview.current.data
          : await dealsApi.previewPlan({ ...choices, unitId: target });
      const discountConfirmed = checked.needsConfirmation ? await confirmCut(checked) : false;
      if (checked.needsConfirmation && !discountConfirmed) return;
      const saved = plan.data
        ? await dealsApi.revisePlan(plan.data.id, {
            ...choices,
            expectedVersion: plan.data.version,
            discountConfirmed,
          })
        : await dealsApi.createPlan({
            ...choices,
            unitId: values.unitId!,
            customerId: values.customerId!,
            discountConfirmed,
          });
      message.success(t('plan.saved'));
      setEdits(0);
      if (plan.data) {
        plan.setData(saved);
        setSavedVersion(saved.version);
      } else {
        // The answer is the saved plan: show it at once, the page's own load only refreshes it.
        queryClient.setQueryData(['deals', 'plan', saved.id], saved);
        navigate(`/deals/plans/${saved.id}`, { replace: true });
      }
    } catch (error) {
      if (isApiError(error) && error.fields) {
        const fields = error.fields;
        for (const key of Object.keys(fields)) {
          const name = formFieldOf(key);
          if (name) fields[name] = fields[key];
        }
      }
      applyFormErrors(form, error);
    } finally {
      setBusy(false);
    }
  };

  const requestDeposit = async () => {
    if (!plan.data) return;
    const amountFen = toFen(depositAmount);
    if (amountFen === null || amountFen <= 0) return;
    try {
      await dealsApi.requestDeposit({
        unitId: plan.data.unitId,
        customerId: plan.data.customerId,
        planId: plan.data.id,
        amountFen,
        note: '',
      });
      message.success(t('deposit.requested'));
      setDepositOpen(false);
      navigate('/deals?tab=deposits');
    } catch (error) {
      showError(error);
    }
  };

  const decide = async (decision: 'approve' | 'reject') => {
    if (!plan.data) return;
    try {
      plan.setData(await dealsApi.decidePlan(plan.data.id, decision, ''));
    } catch (error) {
      showError(error);
    }
  };

  const current = plan.data;
  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/deals?tab=plans">{t('tabs.plans')}</Link>}
        title={current ? t('plan.title', { unit: current.unitNumber }) : t('plan.newTitle')}
        subtitle={
          current
            ? `${current.customerName} · ${t('plan.version', { version: current.version })}`
            : t('plan.subtitle')
        }
        extra={
          current ? (
            <Space wrap>
              <StatusTag kind="plan" status={current.status} />
              <Button href={dealsApi.planPdfUrl(current.id)} target="_blank" data-testid="plan-pdf">
                {t('common.pdf')}
              </Button>
              {current.status === 'pending_approval' && canAccess(user.roles, ['manager']) ? (
                <>
                  <ActionButton type="primary" onClick={() => decide('approve')} data-testid="plan-approve">
                    {t('plan.approve')}
                  </ActionButton>
                  <ActionButton danger onClick={() => decide('reject')}>
                    {t('plan.reject')}
                  </ActionButton>
                </>
              ) : null}
              {current.status === 'ready' && current.consultantId === user.id ? (
                <>
                  <Button onClick={() => setDepositOpen(true)} data-testid="plan-request-deposit">
                    {t('plan.requestDeposit')}
                  </Button>
                  <Button
                    type="primary"
                    onClick={() => navigate(`/deals/agreements/new?planId=${current.id}`)}
                    data-testid="plan-create-agreement"
                  >
                    {t('plan.createAgreement')}
                  </Button>
                </>
              ) : null}
            </Space>
          ) : null
        }
      />
      {current?.status === 'pending_approval' ? (
        <Alert type="warning" showIcon message={t('plan.pending')} style={{ marginBottom: 12 }} />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={11}>
          <Card size="small">
            <Form
              form={form}
              layout="vertical"
              initialValues={defaults}
              onValuesChange={() => setEdits((count) => count + 1)}
              disabled={Boolean(
                current && current.consultantId !== user.id && !canAccess(user.roles, ['manager']),
              )}
            >
              {!current ? (
                <>
                  <Form.Item name="unitId" label={t('plan.unit')} rules={[{ required: true }]}>
                    <Select options={heldUnits} data-testid="plan-unit" showSearch optionFilterProp="label" />
                  </Form.Item>
                  <Form.Item name="customerId" label={t('plan.customer')} rules={[{ required: true }]}>
                    <Select
                      disabled
                      options={
                        customerName ? [{ value: form.getFieldValue('customerId'), label: customerName }] : []
                      }
                      data-testid="plan-customer"
                    />
                  </Form.Item>
                </>
              ) : null}
              <DiscountLines form={form} preview={preview?.data} />
              <PaymentFields method={method} />
              <ActionButton type="primary" loading={busy} onClick={save} data-testid="plan-save">
                {current ? t('plan.revise') : t('plan.compute')}
              </ActionButton>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          {previewUnitId && (!current || edits > 0) ? (
            <Card
              size="small"
              title={t('plan.preview')}
              extra={
                previewing ? (
                  <Typography.Text type="secondary">{t('plan.previewWorking')}</Typography.Text>
                ) : null
              }
              style={{ marginBottom: 12 }}
              data-testid="plan-preview"
            >
              {previewError ? (
                <Alert type="error" showIcon message={previewError} data-testid="plan-preview-error" />
              ) : preview ? (
                <>
                  {preview.data.needsConfirmation ? (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 8 }}
                      message={t('plan.confirmBody', {
                        percent: preview.data.result.discountPercent,
                        amount: yuan(preview.data.result.discountFen),
                        final: yuan(preview.data.result.finalTotalFen),
                        limit: preview.data.confirmAbovePercent,
                      })}
                    />
                  ) : null}
                  <ResultView result={preview.data.result} t={withDataKeys(t)} testPrefix="preview" />
                </>
              ) : (
                <Typography.Text type="secondary">{t('plan.previewWorking')}</Typography.Text>
              )}
            </Card>
          ) : !current ? (
            <Card size="small" style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('plan.previewEmpty')}</Typography.Text>
            </Card>
          ) : null}
          {current ? <ResultView result={current.result} t={withDataKeys(t)} /> : null}
          {schedule.data ? <LoanSchedules loans={schedule.data.loans} t={withDataKeys(t)} /> : null}
        </Col>
      </Row>
      <Modal
        open={depositOpen}
        title={current ? t('deposit.requestTitle', { unit: current.unitNumber }) : ''}
        onCancel={() => setDepositOpen(false)}
        onOk={requestDeposit}
        okButtonProps={{ 'data-testid': 'deposit-request-submit' } as never}
      >
        <Typography.Paragraph type="secondary">{t('deposit.limitHint')}</Typography.Paragraph>
        <Input
          addonBefore={t('deposit.amount')}
          value={depositAmount}
          onChange={(event) => setDepositAmount(event.target.value)}
          data-testid="deposit-amount"
        />
      </Modal>
    </>
  );
}
