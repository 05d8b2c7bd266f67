import { Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { projectTimeOfDay } from '../../../app/format';
import { customersApi, type FollowUp, type FollowUpChannel } from '../customers.api';

interface PlanValues {
  plannedAt: Dayjs;
  theme: string;
  channel: FollowUpChannel;
}

/** SA-2: a callback at a chosen time with a clear theme. */
export function PlanFollowUpModal({
  open,
  customerId,
  onClose,
  onSaved,
}: {
  open: boolean;
  customerId: string;
  onClose(): void;
  onSaved(followUp: FollowUp): void;
}) {
  const { t } = useTranslation(['customers', 'app']);
  return (
    <FormModal<PlanValues>
      open={open}
      title={t('followUps.planTitle')}
      initialValues={{
        plannedAt: projectTimeOfDay(1, 10),
        channel: 'phone',
        theme: '',
      }}
      onClose={onClose}
      testId="follow-up"
      onSubmit={async (values) => {
        onSaved(
          await customersApi.planFollowUp(customerId, {
            plannedAt: values.plannedAt.toISOString(),
            theme: values.theme,
            channel: values.channel,
          }),
        );
      }}
    >
      <Form.Item
        name="plannedAt"
        label={t('followUps.plannedAt')}
        rules={[{ required: true, message: t('app:common.required', { field: t('followUps.plannedAt') }) }]}
      >
        <ZonedDatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          data-testid="follow-up-time"
        />
      </Form.Item>
      <Form.Item
        name="theme"
        label={t('followUps.theme')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('app:common.required', { field: t('followUps.theme') }),
          },
          { max: 200 },
        ]}
      >
        <Input maxLength={200} data-testid="follow-up-theme" />
      </Form.Item>
      <Form.Item name="channel" label={t('followUps.channel')}>
        <Select
          options={(['phone', 'wechat', 'sms', 'visit'] as const).map((value) => ({
            value,
            label: t(`channels.${value}`),
          }))}
        />
      </Form.Item>
    </FormModal>
  );
}

/** SA-2: the detailed record after the call. */
export function CompleteFollowUpModal({
  followUp,
  onClose,
  onSaved,
}: {
  followUp: FollowUp | null;
  onClose(): void;
  onSaved(followUp: FollowUp): void;
}) {
  const { t } = useTranslation(['customers', 'app']);
  return (
    <FormModal<{ outcome: string }>
      open={Boolean(followUp)}
      title={`${t('followUps.completeTitle')} · ${followUp?.customerName ?? ''}`}
      initialValues={{ outcome: '' }}
      onClose={onClose}
      testId="follow-up-outcome"
      onSubmit={async (values) => {
        if (followUp) onSaved(await customersApi.completeFollowUp(followUp.id, values.outcome));
      }}
    >
      <Form.Item
        name="outcome"
        label={t('followUps.outcome')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('app:common.required', { field: t('followUps.outcome') }),
          },
          { max: 1000 },
        ]}
      >
        <Input.TextArea rows={4} maxLength={1000} data-testid="follow-up-outcome-text" />
      </Form.Item>
    </FormModal>
  );
}
