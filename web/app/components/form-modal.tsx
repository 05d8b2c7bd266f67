import { Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../errors';
import { useConfirmDiscard, useUnsavedChanges } from './unsaved-changes';

export interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  /** Values the form starts from; read each time the modal opens. */
  initialValues?: Partial<V>;
  onSubmit(values: V): Promise<void>;
  onClose(): void;
  children: ReactNode;
  width?: number;
  okText?: string;
  /** Prefix for data-testid on the form and its submit button. */
  testId?: string;
  form?: FormInstance<V>;
}

/**
 * A modal form that validates inline, maps server field errors onto its fields, asks before
 * discarding edits, and guards page reloads while dirty. Used by every simple create/edit dialog.
 */
export function FormModal<V extends object>({
  open,
  title,
  initialValues,
  onSubmit,
  onClose,
  children,
  width = 520,
  okText,
  testId,
  form: externalForm,
}: FormModalProps<V>) {
  const { t } = useTranslation();
  const [ownForm] = Form.useForm<V>();
  const form = externalForm ?? ownForm;
  const [isDirty, setDirty] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  const { applyFormErrors } = useErrorHandler();
  const confirmDiscard = useConfirmDiscard();
  useUnsavedChanges(open && isDirty);

  useEffect(() => {
    if (open) setDirty(false);
  }, [open]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch (failure) {
      // antd already shows the messages next to the fields; bring the first one into view.
      const first = (failure as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(values);
      setDirty(false);
      onClose();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('actions.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={isSubmitting}
      onOk={submit}
      onCancel={() => confirmDiscard(isDirty, onClose)}
      mask={{ closable: false }}
      destroyOnHidden
      okButtonProps={testId ? { 'data-testid': `${testId}-submit` } : undefined}
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={() => setDirty(true)}
        data-testid={testId ? `${testId}-form` : undefined}
        // Enter in a text field submits, as users expect from a dialog.
        onFinish={submit}
        preserve={false}
      >
        {children}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
