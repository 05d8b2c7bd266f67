import { Alert, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import type { OutOfTurn, OutOfTurnReason } from '../reception.api';

const reasons: OutOfTurnReason[] = ['customer_request', 'next_with_customer', 'next_not_answering', 'other'];

/**
 * SA-1(1): a consultant taking a call or a visitor whose turn is someone else's says why; the
 * answer is recorded with the turn (whose it was, the reason) and scored.
 */
export function OutOfTurnModal({
  open,
  nextName,
  onClose,
  onConfirm,
}: {
  open: boolean;
  nextName: string;
  onClose(): void;
  onConfirm(outOfTurn: OutOfTurn): Promise<void>;
}) {
  const { t } = useTranslation(['reception']);
  const [form] = Form.useForm<OutOfTurn>();
  const reason = Form.useWatch('reason', form);
  return (
    <FormModal<OutOfTurn>
      open={open}
      form={form}
      title={t('turn.title')}
      okText={t('turn.confirm')}
      width={520}
      testId="out-of-turn"
      initialValues={{ reason: 'customer_request', note: '' }}
      onClose={onClose}
      onSubmit={async (values) => onConfirm({ reason: values.reason, note: values.note?.trim() ?? '' })}
    >
      <Alert
        type="warning"
        showIcon
        title={t('turn.hint', { name: nextName })}
        style={{ marginBottom: 16 }}
      />
      <Form.Item name="reason" label={t('turn.reason')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="out-of-turn-reason"
          options={reasons.map((value) => ({ value, label: t(`turn.reasons.${value}`) }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('turn.note')}
        rules={[
          { required: reason === 'other', whitespace: true, message: t('turn.noteRequired') },
          { max: 200 },
        ]}
      >
        <Input.TextArea rows={2} maxLength={200} data-testid="out-of-turn-note" />
      </Form.Item>
    </FormModal>
  );
}
