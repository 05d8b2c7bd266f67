import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { pathForPendingStep, safeReturnPath } from '../../../app/paths';
import { brandColor } from '../../../app/theme';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation(['staff', 'app']);
  const { status, user, login, isSessionExpired } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const [isSubmitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const returnPath = safeReturnPath(searchParams.get('from'));

  if (status === 'signedIn' && user && !isSubmitting) {
    return <Navigate to={user.pendingStep ? pathForPendingStep(user.pendingStep) : returnPath} replace />;
  }

  const submit = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      // A second factor, a password change or two-factor set-up may be owed before anything else.
      navigate(signedIn.pendingStep ? pathForPendingStep(signedIn.pendingStep) : returnPath, {
        replace: true,
      });
    } catch (failure) {
      setError(isApiError(failure) ? failure.message : t('app:errors.unexpected'));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex style={{ minHeight: '100vh', background: '#f3f5f8' }}>
      <Flex
        vertical
        justify="space-between"
        style={{
          flex: '1 1 46%',
          maxWidth: 620,
          padding: '48px 56px',
          color: '#fff',
          background: `linear-gradient(150deg, #0f2a4a 0%, ${brandColor} 70%, #3d8bd9 100%)`,
        }}
        className="yk-login-aside"
      >
        <Flex align="center" gap={12}>
          <span
            style={{
              width: 40,
              height: 40,
              borderRadius: 10,
              background: 'rgba(255,255,255,0.16)',
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontSize: 22,
              fontWeight: 700,
            }}
          >
            迎
          </span>
          <span style={{ fontSize: 22, fontWeight: 600 }}>
            迎客 <span style={{ fontWeight: 400, opacity: 0.7, fontSize: 16 }}>Yingke</span>
          </span>
        </Flex>
        <div>
          <Typography.Title level={2} style={{ color: '#fff', marginBottom: 12 }}>
            {t('login.welcome')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16, marginBottom: 8 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.65)' }}>
            {t('login.highlights')}
          </Typography.Text>
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.45)', fontSize: 12 }}>© Yingke</Typography.Text>
      </Flex>
      <Flex vertical flex="1 1 54%" style={{ padding: 24, minWidth: 0 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Flex flex={1} align="center" justify="center">
          <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 28px rgba(15,42,74,0.08)' }}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('login.title')}
            </Typography.Title>
            {isSessionExpired && !error ? (
              <Alert type="warning" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
            ) : null}
            {error ? (
              <Alert
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 16 }}
                data-testid="login-error"
              />
            ) : null}
            <Form<LoginValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              requiredMark={false}
              size="large"
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernamePlaceholder') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  placeholder={t('login.usernamePlaceholder')}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordPlaceholder') }]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  placeholder={t('login.passwordPlaceholder')}
                  autoComplete="current-password"
                  data-testid="login-password"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={isSubmitting}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </Form>
            <Typography.Paragraph
              type="secondary"
              style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}
            >
              {t('login.forgot')}
            </Typography.Paragraph>
          </Card>
        </Flex>
      </Flex>
      <style>{'@media (max-width: 900px) { .yk-login-aside { display: none !important; } }'}</style>
    </Flex>
  );
}
