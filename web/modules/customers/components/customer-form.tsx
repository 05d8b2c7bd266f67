import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { useErrorHandler } from '../../../app/errors';
import { LayoutSelect } from '../../inventory';
import {
  type Customer,
  type CustomerInput,
  customersApi,
  type PhoneCheck,
  type SourceChannel,
} from '../customers.api';

export interface CustomerFormValues {
  name: string;
  gender: CustomerInput['gender'];
  phones: string[];
  isPhoneRefused: boolean;
  sourceChannelId: string | null;
  keyKind: CustomerInput['keyKind'] | 'none';
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  budgetWan: number | null;
  intentPurpose: CustomerInput['intentPurpose'];
  notes: string;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
  consentVia: CustomerInput['consentVia'];
}

/** 万元 → fen, in integers so 350.5 万 is exactly 350,500,000 fen. */
export function wanToFen(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const [whole, fraction = ''] = String(value).split('.');
  return Number(whole) * 1_000_000 + Number(`${fraction}000000`.slice(0, 6));
}

export function fenToWan(value: number | null): number | null {
  return value === null ? null : value / 1_000_000;
}

export function toInput(values: CustomerFormValues): CustomerInput {
  return {
    name: values.name,
    gender: values.gender,
    phones: values.isPhoneRefused ? [] : (values.phones ?? []).map((phone) => phone?.trim()).filter(Boolean),
    isPhoneRefused: values.isPhoneRefused,
    sourceChannelId: values.sourceChannelId ?? null,
    keyKind: values.keyKind === 'none' ? null : values.keyKind,
    intentLayout: values.intentLayout ?? '',
    intentAreaMin: values.intentAreaMin ?? null,
    intentAreaMax: values.intentAreaMax ?? null,
    intentBudgetFen: wanToFen(values.budgetWan),
    intentPurpose: values.intentPurpose ?? '',
    notes: values.notes ?? '',
    hasContactConsent: values.hasContactConsent,
    hasMarketingConsent: values.hasMarketingConsent,
    consentVia: values.consentVia,
  };
}

export function initialValues(customer?: Customer | null): CustomerFormValues {
  return {
    name: customer?.name ?? '',
    gender: customer?.gender ?? 'unknown',
    phones: customer ? [] : [''],
    isPhoneRefused: customer?.isPhoneRefused ?? false,
    sourceChannelId: customer?.sourceChannelId ?? null,
    keyKind: customer?.keyKind ?? 'none',
    intentLayout: customer?.intentLayout ?? '',
    intentAreaMin: customer?.intentAreaMin ?? null,
    intentAreaMax: customer?.intentAreaMax ?? null,
    budgetWan: fenToWan(customer?.intentBudgetFen ?? null),
    intentPurpose: customer?.intentPurpose ?? '',
    notes: customer?.notes ?? '',
    hasContactConsent: customer?.hasContactConsent ?? true,
    hasMarketingConsent: customer?.hasMarketingConsent ?? false,
    consentVia: customer?.contactConsentVia ?? 'verbal',
  };
}

/** Warns while typing when a number is taken, and lets the consultant ask the manager for the customer. */
function PhoneStatus({
  projectId,
  check,
  phone,
}: {
  projectId: string;
  check: PhoneCheck | undefined;
  phone: string;
}) {
  const { t } = useTranslation('customers');
  const { message, modal } = App.useApp();
  const { showError } = useErrorHandler();
  if (!check || check.status === 'free') return null;
  if (check.status === 'invalid')
    return <Alert type="error" showIcon title={t('form.phoneInvalid')} style={{ marginBottom: 8 }} />;
  if (check.status === 'mine')
    return (
      <Alert
        type="info"
        showIcon
        title={t('form.phoneMine', { name: check.customerName })}
        style={{ marginBottom: 8 }}
      />
    );
  if (check.status === 'lapsed')
    return (
      <Alert
        type="warning"
        showIcon
        title={t('form.phoneLapsed', { owner: check.ownerName ?? '—' })}
        style={{ marginBottom: 8 }}
      />
    );
  const ask = () => {
    let reason = '';
    modal.confirm({
      title: t('form.requestTitle'),
      content: (
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder={t('form.requestReason')}
          onChange={(event) => (reason = event.target.value)}
          data-testid="request-reason"
        />
      ),
      onOk: async () => {
        try {
          await customersApi.requestReassignment(projectId, phone, reason.trim() || '—');
          void message.success(t('form.requestSent'));
        } catch (error) {
          showError(error);
        }
      },
    });
  };
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="phone-taken"
      title={t('form.phoneTaken', { owner: check.ownerName })}
      action={
        <ActionButton size="small" onClick={ask} data-testid="request-reassignment">
          {t('form.requestTitle')}
        </ActionButton>
      }
      style={{ marginBottom: 8 }}
    />
  );
}

export function CustomerFormFields({
  form,
  projectId,
  sources,
  isNew,
}: {
  form: FormInstance<CustomerFormValues>;
  projectId: string;
  sources: SourceChannel[];
  isNew: boolean;
}) {
  const { t } = useTranslation('customers');
  const [checks, setChecks] = useState<Record<number, { phone: string; check: PhoneCheck }>>({});
  const isRefused = Form.useWatch('isPhoneRefused', form);
  const check = async (index: number) => {
    const phone = (form.getFieldValue(['phones', index]) as string | undefined)?.trim();
    if (!phone) {
      setChecks(({ [index]: _removed, ...rest }) => rest);
      return;
    }
    try {
      const result = await customersApi.checkPhone(projectId, phone);
      setChecks((current) => ({ ...current, [index]: { phone, check: result } }));
    } catch {
      // The check is a courtesy; the save itself reports any problem.
    }
  };
  return (
    <>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('app:common.required', { field: t('fields.name') }),
              },
              { max: 40 },
            ]}
          >
            <Input autoFocus data-testid="customer-name" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="gender" label={t('fields.gender')}>
            <Select
              options={(['male', 'female', 'unknown'] as const).map((value) => ({
                value,
                label: t(`genders.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="isPhoneRefused"
        valuePropName="checked"
        extra={t('form.refusedHint')}
        style={{ marginBottom: 8 }}
      >
        <Checkbox data-testid="phone-refused">{t('fields.isPhoneRefused')}</Checkbox>
      </Form.Item>
      {isRefused ? null : (
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <div key={field.key}>
                  <Space align="start" style={{ display: 'flex' }}>
                    <Form.Item
                      name={field.name}
                      label={index === 0 ? t('fields.phones') : undefined}
                      style={{ marginBottom: 8, width: 260 }}
                    >
                      <Input
                        inputMode="tel"
                        maxLength={30}
                        onBlur={() => void check(index)}
                        data-testid={`customer-phone-${index}`}
                        placeholder="13812345678 / 0755-12345678"
                      />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <MinusCircleOutlined
                        onClick={() => remove(field.name)}
                        style={{ marginTop: index === 0 ? 38 : 8 }}
                      />
                    ) : null}
                  </Space>
                  <PhoneStatus
                    projectId={projectId}
                    check={checks[index]?.check}
                    phone={checks[index]?.phone ?? ''}
                  />
                </div>
              ))}
              {fields.length < 5 ? (
                <Button
                  type="dashed"
                  onClick={() => add('')}
                  icon={<PlusOutlined />}
                  style={{ marginBottom: 16 }}
                  size="small"
                >
                  {t('form.addPhone')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="sourceChannelId" label={t('fields.source')}>
            <Select
              allowClear
              options={sources
                .filter((source) => !source.isArchived)
                .map((source) => ({ value: source.id, label: source.name }))}
              data-testid="customer-source"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="keyKind" label={t('fields.keyKind')} extra={isNew ? t('form.keyHint') : undefined}>
            <Select
              options={(['none', 'developer', 'peer', 'media'] as const).map((value) => ({
                value,
                label: t(`keyKinds.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="intentLayout" label={t('fields.intentLayout')}>
            <LayoutSelect projectId={projectId} testId="customer-intent-layout" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={t('fields.intentArea')} style={{ marginBottom: 0 }}>
            <Space.Compact>
              <Form.Item name="intentAreaMin" noStyle>
                <InputNumber
                  min={1}
                  max={10000}
                  precision={0}
                  placeholder={t('fields.areaMin')}
                  style={{ width: '50%' }}
                />
              </Form.Item>
              <Form.Item name="intentAreaMax" noStyle>
                <InputNumber
                  min={1}
                  max={10000}
                  precision={0}
                  placeholder={t('fields.areaMax')}
                  style={{ width: '50%' }}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="budgetWan" label={t('fields.intentBudget')}>
            <InputNumber min={0} max={1000000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="intentPurpose" label={t('fields.intentPurpose')}>
            <Select
              options={(['', 'self_use', 'investment', 'upgrade', 'other'] as const).map((value) => ({
                value,
                label: t(`purposes.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="notes" label={t('fields.notes')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap size={16}>
        <Form.Item name="hasContactConsent" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('fields.contactConsent')}</Checkbox>
        </Form.Item>
        <Form.Item name="hasMarketingConsent" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('fields.marketingConsent')}</Checkbox>
        </Form.Item>
        <Form.Item name="consentVia" label={t('fields.consentVia')} style={{ marginBottom: 8 }}>
          <Select
            style={{ width: 120 }}
            options={(['verbal', 'written', 'form', 'sms'] as const).map((value) => ({
              value,
              label: t(`consentVia.${value}`),
            }))}
          />
        </Form.Item>
      </Space>
    </>
  );
}
