import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../../app/auth';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { useErrorHandler } from '../../../app/errors';
import { pathForPendingStep, paths } from '../../../app/paths';
import { OneTimeCodeField } from '../components/one-time-code-field';

interface SecondFactorValues {
  code?: string;
  recoveryCode?: string;
}

/** After the password: a current authenticator code, or one of the recovery codes. */
export default function SecondFactorPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const { verifySecondFactor, logout } = useAuth();
  const { applyFormErrors, showError } = useErrorHandler();
  const navigate = useNavigate();
  const [form] = Form.useForm<SecondFactorValues>();
  const [isRecovery, setRecovery] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);

  const submit = async (values: SecondFactorValues) => {
    setSubmitting(true);
    try {
      const next = await verifySecondFactor(
        isRecovery
          ? { recoveryCode: values.recoveryCode?.trim() ?? '' }
          : { code: values.code?.trim() ?? '' },
      );
      navigate(next.pendingStep ? pathForPendingStep(next.pendingStep) : paths.home, { replace: true });
    } catch (error) {
      applyFormErrors(form, error);
      form.resetFields(['code', 'recoveryCode']);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical style={{ minHeight: '100vh', padding: 24, background: '#f3f5f8' }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center">
        <Card style={{ width: '100%', maxWidth: 420 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            <SafetyCertificateOutlined /> {t('twoFactor.verifyTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {user.displayName}（{user.username}）
          </Typography.Paragraph>
          <Alert
            type="info"
            showIcon
            title={isRecovery ? t('twoFactor.recoveryHint') : t('twoFactor.verifyHint')}
            style={{ marginBottom: 20 }}
          />
          <Form<SecondFactorValues>
            form={form}
            layout="vertical"
            onFinish={submit}
            requiredMark={false}
            size="large"
            data-testid="second-factor-form"
          >
            {isRecovery ? (
              <Form.Item
                name="recoveryCode"
                label={t('twoFactor.recoveryLabel')}
                rules={[{ required: true, whitespace: true, message: t('twoFactor.recoveryRequired') }]}
              >
                <Input
                  autoFocus
                  autoComplete="off"
                  maxLength={32}
                  placeholder={t('twoFactor.recoveryPlaceholder')}
                  data-testid="second-factor-recovery"
                />
              </Form.Item>
            ) : (
              <OneTimeCodeField testId="second-factor-code" />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={isSubmitting}
              data-testid="second-factor-submit"
            >
              {t('twoFactor.verifySubmit')}
            </Button>
          </Form>
          <Flex vertical style={{ marginTop: 8 }}>
            <Button
              type="link"
              onClick={() => {
                form.resetFields();
                setRecovery(!isRecovery);
              }}
              data-testid="second-factor-toggle"
            >
              {isRecovery ? t('twoFactor.useAuthenticator') : t('twoFactor.useRecovery')}
            </Button>
            <Button
              type="link"
              onClick={() => {
                logout()
                  .then(() => navigate(paths.login, { replace: true }))
                  .catch(showError);
              }}
              data-testid="logout"
            >
              {t('twoFactor.logoutInstead')}
            </Button>
          </Flex>
        </Card>
      </Flex>
    </Flex>
  );
}
