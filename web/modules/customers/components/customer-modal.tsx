import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { type Customer, customersApi } from '../customers.api';
import { CustomerFormFields, type CustomerFormValues, initialValues, toInput } from './customer-form';

/** Registers a new customer, or edits one; ownership clashes come back as a field error on the phone. */
export function CustomerModal({
  open,
  projectId,
  customer,
  isCorrection = false,
  onClose,
  onSaved,
}: {
  open: boolean;
  projectId: string;
  customer?: Customer | null;
  /** PRIV: a correction at the person's request, with its reason (the DPO's or the owner's). */
  isCorrection?: boolean;
  onClose(): void;
  onSaved(customer: Customer): void;
}) {
  const { t } = useTranslation(['customers', 'app']);
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomerFormValues & { correctionReason?: string }>();
  const sources = useApiQuery(
    keyed(['customers', 'source-channels', 'active'], open ? projectId : null),
    (signal) => customersApi.findSourceChannels(projectId, false, signal),
  );
  const submit = async (values: CustomerFormValues & { correctionReason?: string }) => {
    const { correctionReason, ...formValues } = values;
    const input = toInput(formValues);
    if (customer) {
      // Masked numbers are never sent back: without newly typed numbers the stored ones stay.
      const { phones, ...rest } = input;
      const update = phones.length || input.isPhoneRefused ? input : rest;
      if (isCorrection) {
        onSaved(
          await customersApi.correctCustomer(customer.id, {
            ...update,
            reason: correctionReason?.trim() ?? '',
          }),
        );
        void message.success(t('privacy.corrected'));
        return;
      }
      onSaved(await customersApi.updateCustomer(customer.id, update));
      void message.success(t('app:common.saved'));
      return;
    }
    const result = await customersApi.registerCustomer(projectId, input);
    void message.success(
      t(
        result.outcome === 'created'
          ? 'form.created'
          : result.outcome === 'mine'
            ? 'form.alreadyMine'
            : 'form.takenOver',
      ),
    );
    onSaved(result.customer);
  };
  return (
    <FormModal<CustomerFormValues & { correctionReason?: string }>
      open={open}
      form={form}
      title={
        isCorrection ? t('privacy.correctTitle') : customer ? t('form.editTitle') : t('form.createTitle')
      }
      initialValues={initialValues(customer)}
      onSubmit={submit}
      onClose={onClose}
      width={720}
      testId={isCorrection ? 'correction' : 'customer'}
    >
      {isCorrection ? (
        <Form.Item
          name="correctionReason"
          label={t('privacy.correctReason')}
          rules={[{ required: true, whitespace: true, message: t('privacy.correctReasonHint') }]}
        >
          <Input
            maxLength={200}
            placeholder={t('privacy.correctReasonHint')}
            data-testid="correction-reason"
          />
        </Form.Item>
      ) : null}
      <CustomerFormFields
        form={form}
        projectId={projectId}
        sources={sources.data?.items ?? []}
        isNew={!customer}
      />
    </FormModal>
  );
}
