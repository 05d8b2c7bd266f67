import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { useApiMutation } from '../../../app/data/use-api-mutation';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { notifyApi, type Provider, type ProviderChannel } from '../notify.api';

const fieldsOf: Record<ProviderChannel, Array<{ name: string; kind: 'text' | 'number' | 'switch' }>> = {
  email: [
    { name: 'host', kind: 'text' },
    { name: 'port', kind: 'number' },
    { name: 'secure', kind: 'switch' },
    { name: 'user', kind: 'text' },
    { name: 'from', kind: 'text' },
  ],
  sms: [
    { name: 'endpoint', kind: 'text' },
    { name: 'accessKeyId', kind: 'text' },
    { name: 'signName', kind: 'text' },
  ],
  wecom: [{ name: 'groupName', kind: 'text' }],
};
const secretLabel: Record<ProviderChannel, string> = {
  email: 'password',
  sms: 'accessKeySecret',
  wecom: 'webhookUrl',
};
const defaults: Record<ProviderChannel, Record<string, unknown>> = {
  email: { host: '', port: 465, secure: true, user: '', from: '' },
  sms: { endpoint: '', accessKeyId: '', signName: '' },
  wecom: { groupName: '' },
};

function ProviderCard({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { applyFormErrors, showError } = useErrorHandler();
  const [form] = Form.useForm();
  const [testTo, setTestTo] = useState('');
  const channel = provider.channel;

  useEffect(() => {
    form.setFieldsValue({
      isEnabled: provider.isEnabled,
      config: { ...defaults[channel], ...(provider.config ?? {}) },
      secret: '',
    });
  }, [provider, channel, form]);

  const save = useApiMutation(
    async (values: { isEnabled: boolean; config: Record<string, unknown>; secret?: string }) => {
      try {
        await notifyApi.saveProvider(channel, {
          isEnabled: values.isEnabled,
          config: values.config,
          secret: values.secret || undefined,
        });
        void message.success(t('notify:providers.saved'));
      } catch (error) {
        applyFormErrors(form, error);
      }
    },
    { invalidates: [['notify', 'providers']] },
  );
  const test = useApiMutation(async () => {
    try {
      const result = await notifyApi.testProvider(channel, testTo.trim());
      if (result.ok) void message.success(t('notify:providers.testOk', { answer: result.answer }));
      else void message.error(t('notify:providers.testFailed', { answer: result.answer }), 8);
    } catch (error) {
      showError(error);
    }
  });

  return (
    <Card
      title={t(`notify:providers.${channel}`)}
      extra={provider.isConfigured ? null : <Tag>{t('notify:providers.notConfigured')}</Tag>}
      data-testid={`provider-${channel}`}
    >
      <Form form={form} layout="vertical" onFinish={(values) => void save.run(values)}>
        <Form.Item name="isEnabled" label={t('notify:providers.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {fieldsOf[channel].map((field) => (
          <Form.Item
            key={field.name}
            name={['config', field.name]}
            label={t(`notify:providers.${field.name}`)}
            valuePropName={field.kind === 'switch' ? 'checked' : 'value'}
          >
            {field.kind === 'switch' ? (
              <Switch />
            ) : field.kind === 'number' ? (
              <InputNumber min={1} max={65535} style={{ width: 140 }} />
            ) : (
              <Input maxLength={300} />
            )}
          </Form.Item>
        ))}
        <Form.Item
          name="secret"
          label={t(`notify:providers.${secretLabel[channel]}`)}
          extra={
            provider.secretHint
              ? t('notify:providers.secretKeep', { hint: provider.secretHint })
              : t('notify:providers.secretNew')
          }
        >
          <Input.Password
            autoComplete="new-password"
            maxLength={500}
            data-testid={`provider-${channel}-secret`}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isRunning}
          data-testid={`provider-${channel}-save`}
        >
          {t('notify:providers.save')}
        </Button>
      </Form>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 16, marginBottom: 6 }}>
        {t('notify:providers.testTo')}
      </Typography.Text>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          value={testTo}
          onChange={(event) => setTestTo(event.target.value)}
          placeholder={t(`notify:providers.testToPlaceholder.${channel}`)}
        />
        <ActionButton
          onClick={() => void test.run()}
          loading={test.isRunning}
          disabled={!provider.isConfigured}
          data-testid={`provider-${channel}-test`}
        >
          {t('notify:providers.test')}
        </ActionButton>
      </Space.Compact>
    </Card>
  );
}

export function ProvidersTab() {
  const providers = useApiQuery(['notify', 'providers'], (signal) => notifyApi.providers(signal));
  return (
    <Row gutter={[16, 16]}>
      {(providers.data?.items ?? []).map((provider) => (
        <Col key={provider.channel} xs={24} lg={8}>
          <ProviderCard provider={provider} />
        </Col>
      ))}
    </Row>
  );
}
