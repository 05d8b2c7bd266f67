import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { type IdentityProof, twoFactorApi } from '../../../app/auth.api';
import { PageHeader } from '../../../app/components/page-header';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { RecoveryCodes } from '../components/recovery-codes';
import { TwoFactorEnrolment } from '../components/two-factor-enrolment';

type ProofAction = 'regenerate' | 'disable';

/** Asks for a current code or the password before a change to two-step verification. */
function ProofModal({
  action,
  isRequired,
  onClose,
  onDone,
}: {
  action: ProofAction | null;
  isRequired: boolean;
  onClose(): void;
  onDone(action: ProofAction, codes?: string[]): void;
}) {
  const { t } = useTranslation(['staff', 'app']);
  const [form] = Form.useForm<{ code?: string; password?: string }>();
  const { applyFormErrors } = useErrorHandler();
  const [method, setMethod] = useState<'code' | 'password'>('code');
  const [isSubmitting, setSubmitting] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    const proof: IdentityProof =
      method === 'code' ? { code: values.code?.trim() ?? '' } : { password: values.password ?? '' };
    setSubmitting(true);
    try {
      if (action === 'regenerate') {
        const result = await twoFactorApi.regenerateRecoveryCodes(proof);
        onDone('regenerate', result.recoveryCodes);
      } else if (action === 'disable') {
        await twoFactorApi.disable(proof);
        onDone('disable');
      }
      form.resetFields();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action === 'disable' ? t('twoFactor.disable') : t('twoFactor.regenerate')}
      okText={action === 'disable' ? t('twoFactor.disable') : t('twoFactor.regenerate')}
      okButtonProps={{ danger: action === 'disable', loading: isSubmitting, id: 'proof-submit' }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      {action === 'disable' && isRequired ? (
        <Alert
          type="warning"
          showIcon
          title={t('twoFactor.disableRequiredHint')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Typography.Paragraph>{t('twoFactor.proofHint')}</Typography.Paragraph>
      <Segmented
        value={method}
        onChange={(value) => setMethod(value as 'code' | 'password')}
        options={[
          { value: 'code', label: t('twoFactor.useCode') },
          { value: 'password', label: t('twoFactor.usePassword') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        {method === 'code' ? (
          <Form.Item
            name="code"
            label={t('twoFactor.proofCode')}
            rules={[{ required: true, whitespace: true, message: t('twoFactor.codeRequired') }]}
          >
            <Input
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              data-testid="proof-code"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('twoFactor.proofPassword')}
            rules={[
              { required: true, message: t('app:common.required', { field: t('twoFactor.proofPassword') }) },
            ]}
          >
            <Input.Password autoFocus autoComplete="current-password" data-testid="proof-password" />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}

/** The person's own two-step verification: turn it on, get new recovery codes, turn it off. */
export default function AccountSecurityPage() {
  const { t } = useTranslation(['staff', 'app']);
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const status = useApiQuery(['staff', 'two-factor'], (signal) => twoFactorApi.getStatus(signal));
  const [isEnrolling, setEnrolling] = useState(false);
  const [proofAction, setProofAction] = useState<ProofAction | null>(null);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const data = status.data;

  return (
    <>
      <PageHeader title={t('twoFactor.title')} subtitle={t('twoFactor.subtitle')} />
      <Card style={{ maxWidth: 640 }}>
        {!data ? (
          <Skeleton active />
        ) : isEnrolling ? (
          <TwoFactorEnrolment
            onDone={() => {
              setEnrolling(false);
              status.reload();
            }}
          />
        ) : newCodes ? (
          <Flex vertical gap={16}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('twoFactor.codesTitle')}
            </Typography.Title>
            <RecoveryCodes codes={newCodes} />
            <Button type="primary" onClick={() => setNewCodes(null)} data-testid="two-factor-done">
              {t('twoFactor.savedCodes')}
            </Button>
          </Flex>
        ) : (
          <Flex vertical gap={16}>
            <Space size="middle" wrap>
              <SafetyCertificateOutlined
                style={{ fontSize: 28, color: data.isEnabled ? '#52c41a' : '#bfbfbf' }}
              />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('twoFactor.title')}
              </Typography.Text>
              <Tag color={data.isEnabled ? 'success' : 'default'} data-testid="two-factor-status">
                {data.isEnabled ? t('twoFactor.statusOn') : t('twoFactor.statusOff')}
              </Tag>
            </Space>
            {data.isEnabled && data.enabledAt ? (
              <Typography.Text type="secondary">
                {t('twoFactor.enabledSince', { time: formatTime(data.enabledAt, 'YYYY-MM-DD HH:mm') })} ·{' '}
                {t('twoFactor.codesLeft', { count: data.recoveryCodesLeft })}
              </Typography.Text>
            ) : null}
            {data.isRequired ? <Alert type="info" showIcon title={t('twoFactor.requiredByRole')} /> : null}
            {data.isEnabled ? (
              <Space wrap>
                <Button onClick={() => setProofAction('regenerate')} data-testid="two-factor-regenerate">
                  {t('twoFactor.regenerate')}
                </Button>
                <Button danger onClick={() => setProofAction('disable')} data-testid="two-factor-disable">
                  {t('twoFactor.disable')}
                </Button>
              </Space>
            ) : (
              <Button type="primary" onClick={() => setEnrolling(true)} data-testid="two-factor-enable">
                {t('twoFactor.enable')}
              </Button>
            )}
          </Flex>
        )}
      </Card>
      <ProofModal
        action={proofAction}
        isRequired={Boolean(data?.isRequired)}
        onClose={() => setProofAction(null)}
        onDone={(action, codes) => {
          setProofAction(null);
          if (action === 'regenerate' && codes) {
            setNewCodes(codes);
            void message.success(t('twoFactor.newCodesOk'));
          } else {
            void message.success(t('twoFactor.disabledOk'));
            // A role that requires it sends the person straight back to set-up.
            void refresh();
          }
          status.reload();
        }}
      />
    </>
  );
}
