import { Alert, Form, Input, Modal, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../app/errors';
import { type CollectionMethod, newIdempotencyKey, type Witness } from '../deals.api';

const methods: CollectionMethod[] = ['cash', 'card', 'transfer', 'wechat', 'alipay', 'cheque'];

export interface CollectValues {
  method: CollectionMethod;
  witness: Witness;
  idempotencyKey: string;
}

/**
 * SA-12: the money screen. The collector picks the method; a second colleague signs in right here
 * (username + password, checked by the server). One idempotency key per opening of the dialog, so
 * a double click or a network retry never takes the money twice.
 */
export function CollectModal({
  open,
  title,
  extra,
  onCancel,
  onCollect,
}: {
  open: boolean;
  title: string;
  extra?: React.ReactNode;
  onCancel(): void;
  onCollect(values: CollectValues): Promise<void>;
}) {
  const { t } = useTranslation('deals');
  const [form] = Form.useForm<{ method: CollectionMethod; witness: Witness }>();
  const { applyFormErrors } = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onCollect({ method: values.method, witness: values.witness, idempotencyKey: key.current });
      form.resetFields();
      key.current = newIdempotencyKey();
    } catch (error) {
      form.setFieldValue(['witness', 'password'], '');
      applyFormErrors(form, error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={submit}
      confirmLoading={busy}
      okText={t('deposit.collect')}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'collect-submit' } as never}
    >
      <Form form={form} layout="vertical" initialValues={{ method: 'card' }} autoComplete="off">
        {extra}
        <Form.Item name="method" label={t('deposit.method')} rules={[{ required: true }]}>
          <Select
            data-testid="collect-method"
            options={methods.map((value) => ({ value, label: t(`deposit.methods.${value}`) }))}
          />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          message={t('deposit.witnessTitle')}
          description={t('deposit.witnessHint')}
          style={{ marginBottom: 12 }}
        />
        <Form.Item
          name={['witness', 'username']}
          label={t('deposit.witnessUsername')}
          rules={[{ required: true }]}
          validateTrigger="onBlur"
        >
          <Input data-testid="witness-username" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['witness', 'password']}
          label={t('deposit.witnessPassword')}
          rules={[{ required: true }]}
        >
          <Input.Password data-testid="witness-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
