import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Skeleton, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TwoFactorEnrolment as Enrolment, twoFactorApi } from '../../../app/auth.api';
import { useErrorHandler } from '../../../app/errors';
import { OneTimeCodeField } from './one-time-code-field';
import { RecoveryCodes } from './recovery-codes';

/** Groups the base32 key in fours, as authenticator apps show it, so it can be typed without losing place. */
function groupKey(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Setting up two-step verification: a new key (QR code and text), a current code to confirm it,
 * then the ten recovery codes, shown once. `onDone` runs when the person has saved them.
 */
export function TwoFactorEnrolment({ onDone }: { onDone(): void }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const { applyFormErrors, showError } = useErrorHandler();
  const [form] = Form.useForm<{ code: string }>();
  const [step, setStep] = useState(0);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  // Starting enrolment makes a new key on the server (a POST), so it is not a cached query that the
  // data layer may refetch; one key per visit: React's development double effects must not start two.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    twoFactorApi.beginEnrolment().then(setEnrolment).catch(showError);
  }, [showError]);

  const confirm = async ({ code }: { code: string }) => {
    setSubmitting(true);
    try {
      const result = await twoFactorApi.confirmEnrolment(code.trim());
      setCodes(result.recoveryCodes);
      setStep(2);
      void message.success(t('twoFactor.enabledOk'));
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex vertical gap={20}>
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('twoFactor.stepScan') },
          { title: t('twoFactor.stepConfirm') },
          { title: t('twoFactor.stepCodes') },
        ]}
      />
      {step === 0 ? (
        enrolment ? (
          <Flex vertical gap={12} align="center">
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('twoFactor.scanHint')}</Typography.Paragraph>
            <img
              src={enrolment.qrCodeDataUrl}
              alt={t('twoFactor.stepScan')}
              width={220}
              height={220}
              data-testid="two-factor-qr"
            />
            <Typography.Text type="secondary">{t('twoFactor.manualKey')}</Typography.Text>
            <Flex gap={8} align="center">
              <Typography.Text
                code
                style={{ fontSize: 16, letterSpacing: 1 }}
                data-testid="two-factor-secret"
              >
                {groupKey(enrolment.secret)}
              </Typography.Text>
              <Button
                size="small"
                icon={<CopyOutlined />}
                aria-label={t('twoFactor.keyCopied')}
                onClick={() => {
                  navigator.clipboard
                    .writeText(enrolment.secret)
                    .then(() => message.success(t('twoFactor.keyCopied')))
                    .catch(() => undefined);
                }}
              />
            </Flex>
            <Button type="primary" block onClick={() => setStep(1)} data-testid="two-factor-next">
              {t('twoFactor.next')}
            </Button>
          </Flex>
        ) : (
          <Skeleton active />
        )
      ) : null}
      {step === 1 ? (
        <Form form={form} layout="vertical" onFinish={confirm} requiredMark={false}>
          <OneTimeCodeField testId="two-factor-code" style={{ fontSize: 18 }} />
          <Flex gap={8}>
            <Button onClick={() => setStep(0)}>{t('twoFactor.back')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              loading={isSubmitting}
              style={{ flex: 1 }}
              data-testid="two-factor-confirm"
            >
              {t('twoFactor.confirm')}
            </Button>
          </Flex>
        </Form>
      ) : null}
      {step === 2 && codes ? (
        <Flex vertical gap={16}>
          <RecoveryCodes codes={codes} />
          <Button type="primary" onClick={onDone} data-testid="two-factor-done">
            {t('twoFactor.savedCodes')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
