import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { passwordCharactersPattern, passwordMaxLength, passwordMinLength } from '../../../app/validation';
import { type Staff, staffApi } from '../staff.api';
import { generatePassword } from '../staff.rules';

interface ResetPasswordValues {
  newPassword: string;
}

export function ResetPasswordModal({ staff, onClose }: { staff: Staff | null; onClose(): void }) {
  const { t } = useTranslation(['staff', 'app']);
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetPasswordValues>();

  return (
    <FormModal<ResetPasswordValues>
      open={staff !== null}
      form={form}
      title={t('resetPassword.title', { name: staff?.displayName ?? '' })}
      okText={t('actions.resetPassword')}
      testId="reset-password"
      onClose={onClose}
      onSubmit={async (values) => {
        if (!staff) return;
        await staffApi.resetPassword(staff.id, values.newPassword);
        void message.success(t('resetPassword.success'));
      }}
    >
      <Alert type="warning" showIcon title={t('resetPassword.hint')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('resetPassword.newPassword')} required>
        <Flex gap={8}>
          <Form.Item
            name="newPassword"
            noStyle
            rules={[
              {
                required: true,
                message: t('app:common.required', { field: t('resetPassword.newPassword') }),
              },
              {
                min: passwordMinLength,
                message: t('app:common.minLength', {
                  field: t('resetPassword.newPassword'),
                  min: passwordMinLength,
                }),
              },
              {
                max: passwordMaxLength,
                message: t('app:common.maxLength', {
                  field: t('resetPassword.newPassword'),
                  max: passwordMaxLength,
                }),
              },
              { pattern: passwordCharactersPattern, message: t('app:common.passwordCharacters') },
            ]}
          >
            <Input autoComplete="new-password" data-testid="reset-password-input" />
          </Form.Item>
          <Button
            onClick={() => {
              form.setFieldValue('newPassword', generatePassword());
              void form.validateFields(['newPassword']);
            }}
          >
            {t('form.generate')}
          </Button>
          <Button
            icon={<CopyOutlined />}
            aria-label={t('app:actions.copy')}
            onClick={() => {
              const value = form.getFieldValue('newPassword') as string | undefined;
              if (!value) return;
              navigator.clipboard
                .writeText(value)
                .then(() => message.success(t('resetPassword.copied')))
                .catch(() => undefined);
            }}
          />
        </Flex>
      </Form.Item>
    </FormModal>
  );
}
