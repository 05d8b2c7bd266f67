import { Card, Descriptions, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { discountText } from '../../../../contracts/deals';
import { resolveLocale } from '../../../../contracts/locales';
import type { DataKeyTranslate as Translate } from '../../../app/i18n-keys';
import { type PlanResult, yuan } from '../deals.api';

/** Each discount step as the office says it: "98折：减 ¥67,841.00", in the order it is applied. */
export function DiscountSteps({ result, t, testId }: { result: PlanResult; t: Translate; testId: string }) {
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

export function ResultView({
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

/** The month-by-month schedule of each loan of a stored plan, a page of twelve months at a time. */
export function LoanSchedules({ loans, t }: { loans: PlanResult['loans']; t: Translate }) {
  return (
    <>
      {loans.map((loan) => (
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
    </>
  );
}
