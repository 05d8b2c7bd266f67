import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { customersApi, wanToFen } from '../../customers';
import { LayoutSelect } from '../../inventory';
import { type CallResult, receptionApi, type SalesCall } from '../reception.api';
import { GenderField } from './gender-field';

interface CallValues {
  callerName: string;
  callerPhone: string;
  gender: 'male' | 'female' | 'unknown';
  sourceChannelId: string | null;
  questions: string;
  intentLayout: string;
  intentAreaMin: number | null;
  intentAreaMax: number | null;
  budgetWan: number | null;
  result: CallResult;
  appointmentAt: Dayjs | null;
  hasContactConsent: boolean;
  hasMarketingConsent: boolean;
}

/** SA-1(2): the incoming-call register entry, opened the moment the call is answered, with the greeting on top. */
export function CallDrawer({
  call,
  greeting,
  projectId,
  onClose,
}: {
  call: SalesCall | null;
  greeting: string;
  projectId: string;
  onClose(saved: boolean): void;
}) {
  const { t } = useTranslation(['reception', 'app', 'customers']);
  const { message, modal } = App.useApp();
  const { applyFormErrors, showError } = useErrorHandler();
  const [form] = Form.useForm<CallValues>();
  // SA-1: closing without saving records nothing, counts nothing and keeps the consultant's turn.
  const discard = () => {
    if (!call) return;
    modal.confirm({
      title: t('call.discardTitle'),
      content: t('call.discardBody'),
      okText: t('call.discardOk'),
      cancelText: t('call.keepEditing'),
      okButtonProps: { danger: true, 'data-testid': 'call-discard-confirm' } as never,
      onOk: async () => {
        try {
          await receptionApi.discardCall(call.id);
          void message.info(t('call.discarded'));
          form.resetFields();
          onClose(false);
        } catch (error) {
          showError(error);
        }
      },
    });
  };
  const [isSaving, setSaving] = useState(false);
  // SA-1(1): once the greeting is on screen for a call, say so (once per call); the conformance
  // check reads when it was shown against when the call was answered.
  const greetingReported = useRef(new Set<string>());
  const greetingCallId = call && greeting ? call.id : null;
  useEffect(() => {
    if (!greetingCallId || greetingReported.current.has(greetingCallId)) return;
    greetingReported.current.add(greetingCallId);
    receptionApi
      .reportGreetingShown(greetingCallId)
      .catch(() => greetingReported.current.delete(greetingCallId));
  }, [greetingCallId]);
  const sources = useApiQuery(
    keyed(['customers', 'source-channels', 'active'], call ? projectId : null),
    (signal) => customersApi.findSourceChannels(projectId, false, signal),
  );
  const result = Form.useWatch('result', form);
  const save = async (values: CallValues) => {
    if (!call) return;
    setSaving(true);
    try {
      const saved = await receptionApi.saveCall(call.id, {
        callerName: values.callerName?.trim() ?? '',
        callerPhone: values.callerPhone?.trim() ?? '',
        gender: values.gender,
        sourceChannelId: values.sourceChannelId ?? null,
        questions: values.questions ?? '',
        intentLayout: values.intentLayout ?? '',
        intentAreaMin: values.intentAreaMin ?? null,
        intentAreaMax: values.intentAreaMax ?? null,
        intentBudgetFen: wanToFen(values.budgetWan),
        intentPurpose: '',
        result: values.result,
        appointmentAt: values.appointmentAt ? values.appointmentAt.toISOString() : null,
        hasContactConsent: values.hasContactConsent,
        hasMarketingConsent: values.hasMarketingConsent,
      });
      if (saved.ownership.status === 'taken')
        void message.warning(t('call.taken', { owner: saved.ownership.ownerName ?? '' }), 8);
      else void message.success(saved.call.customerId ? t('call.savedToBook') : t('call.saved'));
      form.resetFields();
      onClose(true);
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open={Boolean(call)}
      title={t('call.title')}
      width={Math.min(640, typeof window === 'undefined' ? 640 : window.innerWidth - 24)}
      onClose={discard}
      mask={{ closable: false }}
      destroyOnHidden
      extra={
        <Button type="primary" loading={isSaving} onClick={() => form.submit()} data-testid="call-save">
          {t('app:actions.save')}
        </Button>
      }
    >
      <Alert
        type="success"
        style={{ marginBottom: 16 }}
        title={
          <Space direction="vertical" size={0}>
            <Typography.Text type="secondary">{t('desk.greeting')}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="call-greeting">
              {greeting}
            </Typography.Title>
          </Space>
        }
      />
      <Form<CallValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          gender: 'unknown',
          result: 'info_only',
          hasContactConsent: true,
          hasMarketingConsent: false,
        }}
        data-testid="call-form"
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="callerName" label={t('call.callerName')} rules={[{ max: 40 }]}>
              <Input maxLength={40} data-testid="call-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="callerPhone" label={t('call.callerPhone')} extra={t('call.bookHint')}>
              <Input inputMode="tel" maxLength={30} data-testid="call-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="sourceChannelId" label={t('customers:fields.source')}>
              <Select
                allowClear
                options={(sources.data?.items ?? []).map((source) => ({
                  value: source.id,
                  label: source.name,
                }))}
                data-testid="call-source"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <GenderField />
          </Col>
        </Row>
        <Form.Item name="questions" label={t('call.questions')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="call-questions" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="intentLayout" label={t('customers:fields.intentLayout')}>
              <LayoutSelect projectId={projectId} testId="call-intent-layout" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('customers:fields.intentArea')} style={{ marginBottom: 0 }}>
              <Space.Compact>
                <Form.Item name="intentAreaMin" noStyle>
                  <InputNumber min={1} max={10000} precision={0} style={{ width: '50%' }} />
                </Form.Item>
                <Form.Item name="intentAreaMax" noStyle>
                  <InputNumber min={1} max={10000} precision={0} style={{ width: '50%' }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="budgetWan" label={t('customers:fields.intentBudget')}>
              <InputNumber min={0} max={1000000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="result" label={t('call.result')} rules={[{ required: true }]}>
              <Select
                options={(
                  ['left_contact', 'info_only', 'appointment', 'no_contact', 'wrong_number', 'other'] as const
                ).map((value) => ({ value, label: t(`call.results.${value}`) }))}
                data-testid="call-result"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            {result === 'appointment' ? (
              <Form.Item name="appointmentAt" label={t('call.appointmentAt')} rules={[{ required: true }]}>
                <ZonedDatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                />
              </Form.Item>
            ) : null}
          </Col>
        </Row>
        <Space wrap>
          <Form.Item name="hasContactConsent" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('customers:fields.contactConsent')}</Checkbox>
          </Form.Item>
          <Form.Item name="hasMarketingConsent" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('customers:fields.marketingConsent')}</Checkbox>
          </Form.Item>
        </Space>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Drawer>
  );
}
