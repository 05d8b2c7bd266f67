import { Button, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PaymentMethod } from '../deals.api';

/** How the buyer pays (SA-9): the method, the down payment, each loan's rate, term and repayment, instalments, and which home this is. */
export function PaymentFields({ method }: { method: PaymentMethod | undefined }) {
  const { t } = useTranslation('deals');
  return (
    <>
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
              <Button size="small" onClick={() => add({ label: '', percent: '', monthsAfterSigning: 12 })}>
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
    </>
  );
}
