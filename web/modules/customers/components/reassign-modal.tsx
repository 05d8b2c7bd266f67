import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { FormModal } from '../../../app/components/form-modal';
import { useRequest } from '../../../app/components/use-request';
import { customersApi } from '../customers.api';

/** A manager hands the customer to another consultant of the project, with a reason. */
export function ReassignModal({
  open,
  customerId,
  projectId,
  onClose,
  onSaved,
}: {
  open: boolean;
  customerId: string;
  projectId: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation('customers');
  const board = useRequest(
    (signal) =>
      api.get<{ members: Array<{ staffId: string; displayName: string }> }>(
        '/reception/board',
        { projectId },
        signal,
      ),
    open ? projectId : null,
  );
  return (
    <FormModal<{ toStaffId: string; reason: string }>
      open={open}
      title={t('detail.reassign')}
      initialValues={{ reason: '' }}
      onClose={onClose}
      onSubmit={async (values) => {
        await customersApi.reassign(customerId, values.toStaffId, values.reason ?? '');
        onSaved();
      }}
    >
      <Form.Item name="toStaffId" label={t('detail.reassignTo')} rules={[{ required: true }]}>
        <Select
          options={(board.data?.members ?? []).map((member) => ({
            value: member.staffId,
            label: member.displayName,
          }))}
          loading={board.loading}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('detail.reason')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
