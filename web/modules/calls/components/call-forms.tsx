import { App, Checkbox, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { ActionButton } from '../../../app/components/action-button';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { callsApi, type DirectoryEntry, type IncidentInput, type MessageInput } from '../calls.api';

interface BuildingOption {
  id: string;
  name: string;
  doors: Array<{ id: string; name: string }>;
}

export function useBuildings(projectId: string | undefined): BuildingOption[] {
  const buildings = useApiQuery(
    projectId ? ['org', 'buildings', projectId] : null,
    (signal) =>
      api.get<{ items: BuildingOption[] }>(
        `/org/projects/${encodeURIComponent(projectId ?? '')}/buildings`,
        undefined,
        signal,
      ),
    { quiet: true },
  );
  return projectId ? (buildings.data?.items ?? []) : [];
}

/** CS-3: a message (留言) or pass-on (传话) for someone who is not at their seat. */
export function MessageModal(props: {
  recipient: DirectoryEntry | null;
  deskId: string;
  callId: string | null;
  defaults: { callerName: string; callbackNumber: string };
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const [form] = Form.useForm<Omit<MessageInput, 'deskId' | 'callId' | 'recipientStaffId'>>();
  const [saving, setSaving] = useState(false);
  const { recipient } = props;

  useEffect(() => {
    if (recipient)
      form.setFieldsValue({ kind: 'message', urgency: 'normal', content: '', ...props.defaults });
  }, [recipient, form, props.defaults]);

  const submit = async () => {
    if (!recipient) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      await callsApi.leaveMessage({
        ...values,
        deskId: props.deskId,
        callId: props.callId,
        recipientStaffId: recipient.id,
      });
      void message.success(t('calls:message.sent', { name: recipient.displayName }));
      props.onClose(true);
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(recipient)}
      title={recipient ? t('calls:message.title', { name: recipient.displayName }) : ''}
      onCancel={() => props.onClose(false)}
      onOk={submit}
      okButtonProps={{ loading: saving, 'data-testid': 'message-submit' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="kind" label={t('calls:message.kind')}>
          <Radio.Group
            options={(['message', 'pass_on'] as const).map((kind) => ({
              value: kind,
              label: t(`calls:message.kinds.${kind}`),
            }))}
            optionType="button"
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item
            name="callerName"
            label={t('calls:message.callerName')}
            rules={[{ required: true, max: 60 }]}
            style={{ flex: 1 }}
          >
            <Input data-testid="message-caller-name" />
          </Form.Item>
          <Form.Item
            name="callbackNumber"
            label={t('calls:message.callbackNumber')}
            rules={[{ required: true, max: 40 }]}
            style={{ flex: 1 }}
          >
            <Input data-testid="message-callback" inputMode="tel" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="content" label={t('calls:message.content')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="message-content" />
        </Form.Item>
        <Form.Item name="urgency" label={t('calls:message.urgency')}>
          <Radio.Group
            options={(['normal', 'urgent'] as const).map((value) => ({
              value,
              label: t(`calls:message.urgencies.${value}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** SEC-4: a caller who says they are a company leader. */
export function LeaderCallForm(props: {
  deskId: string;
  callId: string | null;
  defaultNumber: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const saved = await callsApi.recordLeaderCall({
        deskId: props.deskId,
        callId: props.callId,
        isIdentified: false,
        ...values,
      });
      await callsApi.reportLeaderCall(saved.id).catch((error: unknown) => applyFormErrors(form, error));
      void message.success(t('calls:leader.saved'));
      form.resetFields();
      props.onSaved();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      initialValues={{ callbackNumber: props.defaultNumber, isIdentified: false }}
    >
      <Space.Compact block>
        <Form.Item name="claimedName" label={t('calls:leader.claimedName')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="claimedTitle" label={t('calls:leader.claimedTitle')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="callbackNumber" label={t('calls:leader.callbackNumber')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="request" label={t('calls:leader.request')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="isIdentified" valuePropName="checked">
        <Checkbox>{t('calls:leader.isIdentified')}</Checkbox>
      </Form.Item>
      <ActionButton type="primary" onClick={submit} loading={saving} data-testid="leader-submit">
        {t('calls:leader.report')}
      </ActionButton>
    </Form>
  );
}

/** SEC-5: all five facts before it can be saved as an emergency; the server names any that are missing. */
export function IncidentForm(props: {
  deskId: string;
  projectId: string;
  callId: string | null;
  defaultNumber: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const [form] = Form.useForm<Omit<IncidentInput, 'deskId' | 'callId'>>();
  const [saving, setSaving] = useState(false);
  const buildings = useBuildings(props.projectId);
  const buildingId = Form.useWatch('buildingId', form);
  const doors = buildings.find((building) => building.id === buildingId)?.doors ?? [];

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await callsApi.reportIncident({
        ...values,
        buildingId: values.buildingId ?? null,
        doorId: values.doorId ?? null,
        deskId: props.deskId,
        callId: props.callId,
      });
      void message.success(t('calls:incident.saved'));
      form.resetFields();
      props.onSaved();
    } catch (error) {
      // The server calls the address "address": show it on the building field.
      const fields = (error as { fields?: Record<string, string> }).fields;
      if (fields?.address) fields.buildingId = fields.address;
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      initialValues={{
        isEmergency: true,
        phone: props.defaultNumber,
        callerName: '',
        callerIdentity: null,
        unitLabel: '',
        account: '',
      }}
    >
      <Form.Item name="isEmergency" valuePropName="checked" extra={t('calls:incident.required')}>
        <Checkbox>{t('calls:incident.isEmergency')}</Checkbox>
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="callerName" label={t('calls:incident.callerName')} style={{ flex: 1 }}>
          <Input maxLength={60} data-testid="incident-name" />
        </Form.Item>
        <Form.Item name="callerIdentity" label={t('calls:incident.identity')} style={{ flex: 1 }}>
          <Select
            allowClear
            options={(['owner', 'tenant', 'visitor', 'staff', 'other'] as const).map((value) => ({
              value,
              label: t(`calls:incident.identities.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('calls:incident.phone')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
      </Space.Compact>
      <Space.Compact block>
        <Form.Item name="buildingId" label={t('calls:incident.building')} style={{ flex: 1 }}>
          <Select
            allowClear
            options={buildings.map((building) => ({ value: building.id, label: building.name }))}
            onChange={() => form.setFieldValue('doorId', null)}
          />
        </Form.Item>
        <Form.Item name="doorId" label={t('calls:incident.door')} style={{ flex: 1 }}>
          <Select allowClear options={doors.map((door) => ({ value: door.id, label: door.name }))} />
        </Form.Item>
        <Form.Item name="unitLabel" label={t('calls:incident.unit')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="account" label={t('calls:incident.account')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <ActionButton type="primary" danger onClick={submit} loading={saving} data-testid="incident-submit">
        {t('calls:desk.emergency')}
      </ActionButton>
    </Form>
  );
}
