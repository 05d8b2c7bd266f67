import type { FormInstance } from 'antd';
import { Button, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { withDataKeys } from '../../../app/i18n-keys';
import { type DiscountKind, type PlanPreview, yuan } from '../deals.api';
import type { FormValues } from './plan-form-values';
import { DiscountSteps } from './plan-result-view';

/** The discount lines of a plan (SA-9): 折, 优惠 % or 直减, in the order they apply, with their steps as the preview computed them. */
export function DiscountLines({
  form,
  preview,
}: {
  form: FormInstance<FormValues>;
  preview: PlanPreview | undefined;
}) {
  const { t } = useTranslation('deals');
  return (
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
                  const kind: DiscountKind = form.getFieldValue(['discounts', item.name, 'kind']) ?? 'share';
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
              <DiscountSteps result={preview.result} t={withDataKeys(t)} testId="inline-discount-steps" />
              <div>
                <Typography.Text strong>
                  {t('plan.previewInline', { final: yuan(preview.result.finalTotalFen) })}
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
  );
}
