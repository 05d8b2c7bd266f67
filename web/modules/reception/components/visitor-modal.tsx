import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { customersApi } from '../../customers';
import { LayoutSelect } from '../../inventory';
import { type OutOfTurn, receptionApi, type Visit, type VisitorInput } from '../reception.api';
import { GenderField } from './gender-field';

type Values = Omit<VisitorInput, 'projectId' | 'phones' | 'outOfTurn'> & { phone: string };

/** SA-3/SA-10: who came in; a visitor who declines to give a number is recorded as declining. */
export function VisitorModal({
  open,
  projectId,
  outOfTurn = null,
  onClose,
  onReceived,
}: {
  open: boolean;
  projectId: string;
  /** Given when the consultant receives a visitor whose turn is someone else's (SA-1). */
  outOfTurn?: OutOfTurn | null;
  onClose(): void;
  onReceived(visit: Visit, ownerName: string | null): void;
}) {
  const { t } = useTranslation(['reception', 'app', 'customers']);
  const [form] = Form.useForm<Values>();
  const sources = useApiQuery(
    keyed(['customers', 'source-channels', 'active'], open ? projectId : null),
    (signal) => customersApi.findSourceChannels(projectId, false, signal),
  );
  const isRefused = Form.useWatch('isPhoneRefused', form);
  return (
    <FormModal<Values>
      open={open}
      form={form}
      title={t('visit.receiveTitle')}
      width={620}
      testId="visitor"
      initialValues={{
        name: '',
        gender: 'unknown',
        phone: '',
        isPhoneRefused: false,
        partySize: 1,
        visitorKind: 'buyer',
        sourceChannelId: null,
        intentLayout: '',
        notes: '',
        hasContactConsent: true,
        hasMarketingConsent: false,
      }}
      onClose={onClose}
      onSubmit={async (values) => {
        const { phone, ...rest } = values;
        const result = await receptionApi.receiveVisitor({
          ...rest,
          projectId,
          outOfTurn,
          phones: values.isPhoneRefused || !phone?.trim() ? [] : [phone.trim()],
        });
        onReceived(
          result.visit,
          result.ownership.status === 'taken' ? (result.ownership.ownerName ?? '') : null,
        );
      }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('customers:fields.name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('app:common.required', { field: t('customers:fields.name') }),
              },
              { max: 40 },
            ]}
          >
            <Input maxLength={40} placeholder="王先生" data-testid="visitor-name" autoFocus />
          </Form.Item>
        </Col>
        <Col span={12}>
          <GenderField />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="phone" label={t('customers:fields.phone')}>
            <Input inputMode="tel" maxLength={30} disabled={isRefused} data-testid="visitor-phone" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="isPhoneRefused" valuePropName="checked" label=" ">
            <Checkbox data-testid="visitor-phone-refused">{t('visit.refused')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="partySize" label={t('visit.partySize')}>
            <InputNumber
              min={1}
              max={50}
              precision={0}
              style={{ width: '100%' }}
              data-testid="visitor-party"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="visitorKind" label={t('visit.visitorKind')} extra={t('customers:form.keyHint')}>
            <Select
              options={(['buyer', 'developer', 'peer', 'media'] as const).map((value) => ({
                value,
                label: t(`visit.kinds.${value}`),
              }))}
              data-testid="visitor-kind"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="sourceChannelId" label={t('customers:fields.source')}>
            <Select
              allowClear
              options={(sources.data?.items ?? []).map((source) => ({
                value: source.id,
                label: source.name,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="intentLayout" label={t('customers:fields.intentLayout')}>
            <LayoutSelect projectId={projectId} testId="visitor-intent-layout" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="notes" label={t('customers:fields.notes')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="hasContactConsent" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t('customers:fields.contactConsent')}</Checkbox>
      </Form.Item>
      <Form.Item name="hasMarketingConsent" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t('customers:fields.marketingConsent')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
