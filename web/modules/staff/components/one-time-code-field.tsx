import { Form, Input } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** The six-digit code from the authenticator app, as the form field `code`. */
export function OneTimeCodeField({ testId, style }: { testId: string; style?: CSSProperties }) {
  const { t } = useTranslation('staff');
  return (
    <Form.Item
      name="code"
      label={t('twoFactor.codeLabel')}
      rules={[{ required: true, whitespace: true, message: t('twoFactor.codeRequired') }]}
    >
      <Input
        autoFocus
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        placeholder={t('twoFactor.codePlaceholder')}
        style={style}
        data-testid={testId}
      />
    </Form.Item>
  );
}
