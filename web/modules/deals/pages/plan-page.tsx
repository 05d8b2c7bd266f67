import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { discountText } from '../../../../contracts/deals';
import { resolveLocale } from '../../../../contracts/locales';
import { canAccess } from '../../../app/access';
import { isAbortError, isApiError } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useErrorHandler } from '../../../app/errors';
import { useSalesProject } from '../../inventory/components/use-sales-project';
import { inventoryApi } from '../../inventory/inventory.api';
import { StatusTag } from '../components/status-tag';
import {
  type Discount,
  type DiscountKind,
  dealsApi,
  type PaymentMethod,
  type Plan,
  type PlanChoices,
  type PlanPreview,
  type PlanResult,
  toFen,
  yuan,
} from '../deals.api';

interface FormValues {
  unitId?: string;
  customerId?: string;
  discounts: Array<{ kind: DiscountKind; label: string; value: string }>;
  paymentMethod: PaymentMethod;
  downPaymentPercent: string;
  commercialRate: string;
  commercialTerm: number;
  commercialRepayment: 'equal_instalment' | 'equal_principal';
  fundRate: string;
  fundTerm: number;
  fundRepayment: 'equal_instalment' | 'equal_principal';
  fundAmount: string;
  instalments: Array<{ label: string; percent: string; monthsAfterSigning: number }>;
  homeOrder: 'first' | 'second' | 'other';
}

const defaults: FormValues = {
  discounts: [],
  paymentMethod: 'commercial_loan',
  downPaymentPercent: '30',
  commercialRate: '3.1',
  commercialTerm: 360,
  commercialRepayment: 'equal_instalment',
  fundRate: '2.85',
  fundTerm: 360,
  fundRepayment: 'equal_instalment',
  fundAmount: '600000',
  instalments: [
    { label: '首期', percent: '50', monthsAfterSigning: 0 },
    { label: '二期', percent: '50', monthsAfterSigning: 6 },
  ],
  homeOrder: 'first',
};

function toChoices(values: FormValues): PlanChoices {
  const discounts: Discount[] = (values.discounts ?? []).map((item): Discount => {
    const value = (item.value ?? '').trim();
    if (item.kind === 'share') return { kind: 'share', label: item.label, share: value };
    if (item.kind === 'percent') return { kind: 'percent', label: item.label, percent: value };
    return { kind: 'amount', label: item.label, amountFen: toFen(value.replace(/,/g, '')) ?? -1 };
  });
  const method = values.paymentMethod;
  const usesCommercial = method === 'commercial_loan' || method === 'combination';
  const usesFund = method === 'provident_fund' || method === 'combination';
  return {
    discounts,
    paymentMethod: method,
    homeOrder: values.homeOrder,
    ...(usesCommercial || usesFund ? { downPaymentPercent: values.downPaymentPercent } : {}),
    ...(usesCommercial
      ? {
          commercial: {
            annualRatePercent: values.commercialRate,
            termMonths: values.commercialTerm,
            repayment: values.commercialRepayment,
          },
        }
      : {}),
    ...(usesFund
      ? {
          providentFund: {
            annualRatePercent: values.fundRate,
            termMonths: values.fundTerm,
            repayment: values.fundRepayment,
            ...(method === 'combination' ? { amountFen: toFen(values.fundAmount) ?? 0 } : {}),
          },
        }
      : {}),
    ...(method === 'instalments' ? { instalments: values.instalments } : {}),
  };
}

function fromPlan(plan: Plan): FormValues {
  const input = plan.input;
  return {
    ...defaults,
    unitId: plan.unitId,
    customerId: plan.customerId,
    discounts: input.discounts.map((item) => {
      if (item.kind === 'share') return { kind: 'share' as const, label: item.label, value: item.share };
      if (item.kind === 'percent')
        return { kind: 'percent' as const, label: item.label, value: item.percent };
      return { kind: 'amount' as const, label: item.label, value: (item.amountFen / 100).toFixed(2) };
    }),
    paymentMethod: input.paymentMethod,
    downPaymentPercent: input.downPaymentPercent ?? defaults.downPaymentPercent,
    commercialRate: input.commercial?.annualRatePercent ?? defaults.commercialRate,
    commercialTerm: input.commercial?.termMonths ?? defaults.commercialTerm,
    commercialRepayment: input.commercial?.repayment ?? defaults.commercialRepayment,
    fundRate: input.providentFund?.annualRatePercent ?? defaults.fundRate,
    fundTerm: input.providentFund?.termMonths ?? defaults.fundTerm,
    fundRepayment: input.providentFund?.repayment ?? defaults.fundRepayment,
    fundAmount: input.providentFund?.amountFen
      ? (input.providentFund.amountFen / 100).toFixed(2)
      : defaults.fundAmount,
    instalments: input.instalments ?? defaults.instalments,
    homeOrder: input.homeOrder,
  };
}

/** Server field paths (commercial.annualRatePercent…) → this form's flat names. */
const fieldMap: Record<string, string> = {
  'commercial.annualRatePercent': 'commercialRate',
  'commercial.termMonths': 'commercialTerm',
  'providentFund.annualRatePercent': 'fundRate',
  'providentFund.amountFen': 'fundAmount',
};

/** A discount line's server field (discounts.0.share, …amountFen) is this form's discounts.0.value. */
function formFieldOf(path: string): string | undefined {
  const line = /^discounts\.(\d+)\.(share|percent|amountFen)$/.exec(path);
  return line ? `discounts.${line[1]}.value` : fieldMap[path];
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Each discount step as the office says it: "98折：减 ¥67,841.00", in the order it is applied. */
function DiscountSteps({ result, t, testId }: { result: PlanResult; t: Translate; testId: string }) {
  const { i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  if (!result.discountSteps.length) return <>—</>;
  return (
    <Space direction="vertical" size={0} data-testid={testId}>
      {result.discountSteps.map((step) => (
        <span key={`${step.beforeFen}-${step.afterFen}-${step.kind}-${step.value}-${step.label}`}>
          {step.label ? `${step.label} · ` : ''}
          {t('plan.stepEffect', { discount: discountText(step, locale), amount: yuan(step.reductionFen) })}
        </span>
      ))}
    </Space>
  );
}

function ResultView({
  result,
  t,
  testPrefix = 'plan',
}: {
  result: PlanResult;
  t: Translate;
  testPrefix?: string;
}) {
  return (
    <Descriptions column={2} size="small" bordered data-testid={`${testPrefix}-result`}>
      <Descriptions.Item label={t('plan.listPrice')}>¥{yuan(result.listTotalFen)}</Descriptions.Item>
      <Descriptions.Item label={t('plan.discount')}>
        ¥{yuan(result.discountFen)}({result.discountPercent}%)
      </Descriptions.Item>
      <Descriptions.Item label={t('plan.discountSteps')} span={2}>
        <DiscountSteps result={result} t={t} testId={`${testPrefix}-discount-steps`} />
      </Descriptions.Item>
      <Descriptions.Item label={t('plan.finalPrice')}>
        <Typography.Text strong data-testid={`${testPrefix}-final-price`}>
          ¥{yuan(result.finalTotalFen)}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('plan.unitPrice')}>¥{yuan(result.finalUnitPriceFen)}</Descriptions.Item>
      <Descriptions.Item label={t('plan.downPayment')}>¥{yuan(result.downPaymentFen)}</Descriptions.Item>
      <Descriptions.Item label={t('plan.firstMonthly')}>
        <span data-testid={`${testPrefix}-first-monthly`}>¥{yuan(result.firstMonthlyPaymentFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('plan.deedTax')}>
        ¥{yuan(result.deedTax.amountFen)}({result.deedTax.ratePercent}%)
      </Descriptions.Item>
      <Descriptions.Item label={t('plan.fund')}>¥{yuan(result.maintenanceFundFen)}</Descriptions.Item>
      <Descriptions.Item label={t('plan.cash')} span={2}>
        ¥{yuan(result.cashNeededFen)}
      </Descriptions.Item>
      {result.loans.map((loan) => (
        <Descriptions.Item
          key={loan.kind}
          label={loan.kind === 'commercial' ? t('plan.commercial') : t('plan.providentFund')}
          span={2}
        >
          ¥{yuan(loan.amountFen)} · {loan.termMonths} · {loan.annualRatePercent}% ·{' '}
          {t(`plan.repayments.${loan.repayment}`)} · {t('plan.firstMonthly')} ¥{yuan(loan.firstPaymentFen)}
          {loan.monthlyDecreaseFen !== null
            ? ` · ${t('plan.decrease')} ¥${yuan(loan.monthlyDecreaseFen)}`
            : ''}{' '}
          · {t('plan.totalInterest')} ¥{yuan(loan.totalInterestFen)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export default function PlanPage() {
  const { t } = useTranslation('deals');
  const { message, modal } = App.useApp();
  const { applyFormErrors, showError } = useErrorHandler();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { projectId } = useSalesProject();
  const [form] = Form.useForm<FormValues>();
  const plan = useRequest((signal) => dealsApi.getPlan(id!, signal), id ?? null);
  // Loaded beside the plan, not after it: keyed by the version this page saved (0 = as opened), so
  // the plan's arrival does not fetch the 360-month schedule a second time (half of a save's wait).
  const [savedVersion, setSavedVersion] = useState(0);
  const schedule = useRequest(
    (signal) => dealsApi.planSchedule(id!, signal),
    id ? `${id}:${savedVersion}` : null,
  );
  const board = useRequest(
    (signal) => inventoryApi.board(projectId!, signal),
    !id && projectId ? projectId : null,
  );
  const [busy, setBusy] = useState(false);
  const [depositOpen, setDepositOpen] = useState(false);
  const [depositAmount, setDepositAmount] = useState<string>('50000');
  const [customerName, setCustomerName] = useState<string>('');
  const method = Form.useWatch('paymentMethod', form);
  const unitId = Form.useWatch('unitId', form);
  // The price as the server would compute it, refreshed a moment after each change (SA-9).
  const [edits, setEdits] = useState(0);
  const [preview, setPreview] = useState<{ key: string; data: PlanPreview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const latestPreview = useRef<{ key: string; data: PlanPreview } | null>(null);
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
  useEffect(() => {
    if (id || !unitId) return;
    const controller = new AbortController();
    inventoryApi
      .unit(unitId, controller.signal)
      .then((detail) => {
        form.setFieldValue('customerId', detail.unit.holdCustomerId ?? undefined);
        setCustomerName(
          detail.unit.holdCustomerId ? (detail.customers[detail.unit.holdCustomerId] ?? '') : '',
        );
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [id, unitId, form]);

  useEffect(() => {
    // An opened or just-saved plan shows its stored figures until something is changed.
    if (!previewUnitId || ((id || plan.data) && edits === 0)) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    const choices = toChoices(form.getFieldsValue(true) as FormValues);
    const key = JSON.stringify({ unitId: previewUnitId, ...choices });
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      dealsApi
        .previewPlan({ ...choices, unitId: previewUnitId }, controller.signal)
        .then((data) => {
          latestPreview.current = { key, data };
          setPreview({ key, data });
          setPreviewError(null);
        })
        .catch((error: unknown) => {
          if (isAbortError(error)) return;
          setPreview(null);
          setPreviewError(
            isApiError(error) && error.fields ? Object.values(error.fields).join(' ') : String(error),
          );
        })
        .finally(() => {
          if (!controller.signal.aborted) setPreviewing(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [previewUnitId, edits, id, plan.data, form]);

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
        plan.setData(saved);
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
              <Form.List name="discounts">
                {(items, { add, remove }) => (
                  <Form.Item label={t('plan.discounts')} extra={t('plan.discountHint')}>
                    {items.map((item) => (
                      <Space key={item.key} align="baseline" wrap>
                        <Form.Item name={[item.name, 'kind']}>
                          <Select
                            style={{ width: 130 }}
                            data-testid={`discount-kind-${item.name}`}
                            options={(['share', 'percent', 'amount'] as const).map((value) => ({
                              value,
                              label: t(`plan.kinds.${value}`),
                            }))}
                          />
                        </Form.Item>
                        <Form.Item name={[item.name, 'label']} rules={[{ required: true }]}>
                          <Input placeholder={t('plan.discountLabel')} style={{ width: 130 }} />
                        </Form.Item>
                        <Form.Item
                          noStyle
                          shouldUpdate={(before, after) =>
                            before.discounts?.[item.name]?.kind !== after.discounts?.[item.name]?.kind
                          }
                        >
                          {() => {
                            const kind: DiscountKind =
                              form.getFieldValue(['discounts', item.name, 'kind']) ?? 'share';
                            return (
                              <Form.Item name={[item.name, 'value']} rules={[{ required: true }]}>
                                <Input
                                  style={{ width: 150 }}
                                  inputMode="decimal"
                                  placeholder={kind === 'share' ? t('plan.sharePlaceholder') : undefined}
                                  data-testid={`discount-${item.name}`}
                                  addonAfter={t(`plan.units.${kind}`)}
                                />
                              </Form.Item>
                            );
                          }}
                        </Form.Item>
                        <Button type="link" size="small" onClick={() => remove(item.name)}>
                          ✕
                        </Button>
                      </Space>
                    ))}
                    {preview && items.length ? (
                      <div style={{ marginBottom: 8 }} data-testid="plan-inline-preview">
                        <DiscountSteps result={preview.data.result} t={t} testId="inline-discount-steps" />
                        <div>
                          <Typography.Text strong>
                            {t('plan.previewInline', { final: yuan(preview.data.result.finalTotalFen) })}
                          </Typography.Text>
                        </div>
                      </div>
                    ) : null}
                    <Space wrap>
                      <Button
                        size="small"
                        onClick={() => add({ kind: 'share', label: '', value: '' })}
                        data-testid="add-share"
                      >
                        {t('plan.addShare')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => add({ kind: 'percent', label: '', value: '' })}
                        data-testid="add-percent"
                      >
                        {t('plan.addPercent')}
                      </Button>
                      <Button
                        size="small"
                        onClick={() => add({ kind: 'amount', label: '', value: '' })}
                        data-testid="add-amount"
                      >
                        {t('plan.addAmount')}
                      </Button>
                    </Space>
                  </Form.Item>
                )}
              </Form.List>
              <Form.Item name="paymentMethod" label={t('plan.paymentMethod')}>
                <Select
                  data-testid="plan-method"
                  options={(
                    ['lump_sum', 'instalments', 'commercial_loan', 'provident_fund', 'combination'] as const
                  ).map((value) => ({ value, label: t(`plan.methods.${value}`) }))}
                />
              </Form.Item>
              {method && method !== 'lump_sum' && method !== 'instalments' ? (
                <Form.Item
                  name="downPaymentPercent"
                  label={t('plan.downPaymentPercent')}
                  rules={[{ required: true }]}
                >
                  <Input style={{ width: 120 }} data-testid="plan-down-percent" />
                </Form.Item>
              ) : null}
              {method === 'commercial_loan' || method === 'combination' ? (
                <Space wrap>
                  <Form.Item
                    name="commercialRate"
                    label={`${t('plan.commercial')} ${t('plan.rate')}`}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 120 }} data-testid="plan-rate" />
                  </Form.Item>
                  <Form.Item name="commercialTerm" label={t('plan.term')}>
                    <InputNumber min={1} max={360} />
                  </Form.Item>
                  <Form.Item name="commercialRepayment" label={t('plan.repayment')}>
                    <Radio.Group
                      options={(['equal_instalment', 'equal_principal'] as const).map((value) => ({
                        value,
                        label: t(`plan.repayments.${value}`),
                      }))}
                    />
                  </Form.Item>
                </Space>
              ) : null}
              {method === 'provident_fund' || method === 'combination' ? (
                <Space wrap>
                  {method === 'combination' ? (
                    <Form.Item name="fundAmount" label={t('plan.fundAmount')} rules={[{ required: true }]}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                  ) : null}
                  <Form.Item
                    name="fundRate"
                    label={`${t('plan.providentFund')} ${t('plan.rate')}`}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name="fundTerm" label={t('plan.term')}>
                    <InputNumber min={1} max={360} />
                  </Form.Item>
                  <Form.Item name="fundRepayment" label={t('plan.repayment')}>
                    <Radio.Group
                      options={(['equal_instalment', 'equal_principal'] as const).map((value) => ({
                        value,
                        label: t(`plan.repayments.${value}`),
                      }))}
                    />
                  </Form.Item>
                </Space>
              ) : null}
              {method === 'instalments' ? (
                <Form.List name="instalments">
                  {(items, { add, remove }) => (
                    <Form.Item label={t('plan.instalments')}>
                      {items.map((item) => (
                        <Space key={item.key} align="baseline">
                          <Form.Item name={[item.name, 'label']} rules={[{ required: true }]}>
                            <Input placeholder={t('plan.instalmentLabel')} style={{ width: 90 }} />
                          </Form.Item>
                          <Form.Item name={[item.name, 'percent']} rules={[{ required: true }]}>
                            <Input addonAfter="%" style={{ width: 110 }} />
                          </Form.Item>
                          <Form.Item name={[item.name, 'monthsAfterSigning']}>
                            <InputNumber min={0} max={120} addonAfter={t('plan.months')} />
                          </Form.Item>
                          {items.length > 2 ? (
                            <Button type="link" size="small" onClick={() => remove(item.name)}>
                              ✕
                            </Button>
                          ) : null}
                        </Space>
                      ))}
                      <Button
                        size="small"
                        onClick={() => add({ label: '', percent: '', monthsAfterSigning: 12 })}
                      >
                        +
                      </Button>
                    </Form.Item>
                  )}
                </Form.List>
              ) : null}
              <Form.Item name="homeOrder" label={t('plan.homeOrder')}>
                <Radio.Group
                  options={(['first', 'second', 'other'] as const).map((value) => ({
                    value,
                    label: t(`plan.homeOrders.${value}`),
                  }))}
                />
              </Form.Item>
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
                  <ResultView result={preview.data.result} t={t} testPrefix="preview" />
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
          {current ? <ResultView result={current.result} t={t} /> : null}
          {schedule.data?.loans.map((loan) => (
            <Card
              key={loan.kind}
              size="small"
              title={`${t('plan.schedule')} · ${loan.kind === 'commercial' ? t('plan.commercial') : t('plan.providentFund')}`}
              style={{ marginTop: 12 }}
            >
              <Table
                size="small"
                rowKey="month"
                dataSource={loan.schedule ?? []}
                pagination={{ pageSize: 12, showSizeChanger: false }}
                columns={[
                  { title: t('plan.month'), dataIndex: 'month', width: 60 },
                  { title: t('plan.payment'), align: 'right', render: (_, row) => yuan(row.paymentFen) },
                  { title: t('plan.principal'), align: 'right', render: (_, row) => yuan(row.principalFen) },
                  { title: t('plan.interest'), align: 'right', render: (_, row) => yuan(row.interestFen) },
                  { title: t('plan.balance'), align: 'right', render: (_, row) => yuan(row.balanceFen) },
                ]}
              />
            </Card>
          ))}
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
