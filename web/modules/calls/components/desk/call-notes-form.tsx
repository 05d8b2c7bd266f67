import { App, Button, Form, Input, Select, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../../app/errors';
import { type Call, callsApi, type Purpose } from '../../calls.api';

interface NotesValues {
  purposeId: string | null;
  callerName: string;
  notes: string;
}

/** SEC-3: the purpose, the caller's name and the key points, saved on the call. */
export function CallNotesForm({ call, purposes }: { call: Call; purposes: Purpose[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [notesForm] = Form.useForm<NotesValues>();
  const purposeOptions = useMemo(
    () =>
      purposes
        .filter((purpose) => purpose.isActive)
        .map((purpose) => ({ value: purpose.id, label: purpose.label })),
    [purposes],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another call becomes active, so live updates never overwrite the agent's typing.
  useEffect(() => {
    notesForm.setFieldsValue({ purposeId: call.purposeId, callerName: call.callerName, notes: call.notes });
  }, [call.id, notesForm]);

  const saveNotes = async () => {
    try {
      const values = notesForm.getFieldsValue();
      await callsApi.saveDetails(call.id, {
        purposeId: values.purposeId ?? null,
        callerName: values.callerName ?? '',
        notes: values.notes ?? '',
      });
      void message.success(t('calls:desk.saved'));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Form form={notesForm} layout="vertical" size="small" onFinish={saveNotes}>
      <Space.Compact block>
        <Form.Item name="purposeId" label={t('calls:desk.purpose')} style={{ flex: 1 }}>
          <Select allowClear options={purposeOptions} data-testid="purpose-select" />
        </Form.Item>
        <Form.Item name="callerName" label={t('calls:desk.callerName')} style={{ flex: 1 }}>
          <Input maxLength={60} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="notes" label={t('calls:desk.notes')}>
        <Input.TextArea rows={2} maxLength={4000} data-testid="call-notes" />
      </Form.Item>
      <Button size="small" htmlType="submit" data-testid="save-notes">
        {t('calls:desk.saveNotes')}
      </Button>
    </Form>
  );
}
