import { Alert, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { receptionApi, type Visit } from '../reception.api';

/** The visitor left before the guided steps were done: the reason ends the visit and is the evidence. */
export function LeaveEarlyModal({
  open,
  visitId,
  onClose,
  onEnded,
}: {
  open: boolean;
  visitId: string;
  onClose(): void;
  onEnded(visit: Visit): void;
}) {
  const { t } = useTranslation(['reception', 'app']);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      open={open}
      form={form}
      title={t('visit.leaveEarlyTitle')}
      width={480}
      testId="leave-early"
      initialValues={{ reason: '' }}
      onClose={onClose}
      onSubmit={async (values) => onEnded(await receptionApi.endVisitEarly(visitId, values.reason.trim()))}
    >
      <Alert type="info" showIcon title={t('visit.leaveEarlyHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('visit.leaveEarlyReason')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('app:common.required', { field: t('visit.leaveEarlyReason') }),
          },
          { max: 200 },
        ]}
      >
        <Input.TextArea rows={2} maxLength={200} data-testid="leave-early-reason" autoFocus />
      </Form.Item>
    </FormModal>
  );
}
