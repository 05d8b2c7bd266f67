import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../../app/auth';
import { authApi } from '../../../app/auth.api';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { PageHeader } from '../../../app/components/page-header';
import { useUnsavedChanges } from '../../../app/components/unsaved-changes';
import { useErrorHandler } from '../../../app/errors';
import { paths } from '../../../app/paths';
import { passwordCharactersPattern, passwordMaxLength, passwordMinLength } from '../../../app/validation';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function ChangePasswordForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation(['staff', 'app']);
  const [form] = Form.useForm<ChangePasswordValues>();
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const { markPasswordChanged } = useAuth();
  const [isSubmitting, setSubmitting] = useState(false);
  const [isDirty, setDirty] = useState(false);
  const releaseUnsaved = useUnsavedChanges(isDirty);

  const submit = async (values: ChangePasswordValues) => {
    setSubmitting(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      setDirty(false);
      releaseUnsaved();
      form.resetFields();
      markPasswordChanged();
      void message.success(t('changePassword.success'));
      onDone();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<ChangePasswordValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={() => setDirty(true)}
      requiredMark={false}
      data-testid="change-password-form"
    >
      <Form.Item
        name="currentPassword"
        label={t('changePassword.current')}
        rules={[
          { required: true, message: t('app:common.required', { field: t('changePassword.current') }) },
        ]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="current-password"
          data-testid="currentPassword"
        />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('changePassword.new')}
        extra={t('changePassword.newHint', { min: passwordMinLength })}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('app:common.required', { field: t('changePassword.new') }) },
          {
            min: passwordMinLength,
            message: t('app:common.minLength', { field: t('changePassword.new'), min: passwordMinLength }),
          },
          {
            max: passwordMaxLength,
            message: t('app:common.maxLength', { field: t('changePassword.new'), max: passwordMaxLength }),
          },
          { pattern: passwordCharactersPattern, message: t('app:common.passwordCharacters') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error(t('changePassword.sameAsCurrent')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password
          prefix={<SafetyCertificateOutlined />}
          autoComplete="new-password"
          data-testid="newPassword"
        />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('changePassword.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('app:common.required', { field: t('changePassword.confirm') }) },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('changePassword.mismatch'))),
          }),
        ]}
      >
        <Input.Password
          prefix={<SafetyCertificateOutlined />}
          autoComplete="new-password"
          data-testid="confirmPassword"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={isSubmitting}
        block
        data-testid="change-password-submit"
      >
        {t('changePassword.submit')}
      </Button>
    </Form>
  );
}

/** Serves both the voluntary change (inside the layout) and the forced one (full screen). */
export default function ChangePasswordPage() {
  const { t } = useTranslation(['staff', 'app']);
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { showError } = useErrorHandler();
  const navigate = useNavigate();
  const location = useLocation();
  const isForced = location.pathname === paths.forcedPasswordChange;

  if (!isForced) {
    return (
      <>
        <PageHeader title={t('changePassword.title')} subtitle={t('changePassword.subtitle')} />
        <Card style={{ maxWidth: 480 }}>
          <ChangePasswordForm onDone={() => navigate(paths.home)} />
        </Card>
      </>
    );
  }

  return (
    <Flex vertical style={{ minHeight: '100vh', padding: 24 }}>
      <Flex justify="flex-end">
        <LanguageSwitch />
      </Flex>
      <Flex flex={1} align="center" justify="center">
        <Card style={{ width: '100%', maxWidth: 440 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('changePassword.forcedTitle')}
          </Typography.Title>
          <Alert type="info" showIcon title={t('changePassword.forcedHint')} style={{ marginBottom: 20 }} />
          <Typography.Paragraph type="secondary">
            {user.displayName}（{user.username}）
          </Typography.Paragraph>
          <ChangePasswordForm onDone={() => navigate(paths.home, { replace: true })} />
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => {
              logout()
                .then(() => navigate(paths.login, { replace: true }))
                .catch(showError);
            }}
            data-testid="logout"
          >
            {t('changePassword.logoutInstead')}
          </Button>
        </Card>
      </Flex>
    </Flex>
  );
}
