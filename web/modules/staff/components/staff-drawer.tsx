import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, Select, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, locales } from '../../../../contracts/locales';
import { ActionButton } from '../../../app/components/action-button';
import { useConfirmDiscard, useUnsavedChanges } from '../../../app/components/unsaved-changes';
import { useErrorHandler } from '../../../app/errors';
import {
  foldWidth,
  mobilePattern,
  passwordCharactersPattern,
  passwordMaxLength,
  passwordMinLength,
  phonePattern,
} from '../../../app/validation';
import type { Department, Project } from '../../org';
import { type Staff, type StaffUpdateInput, staffApi } from '../staff.api';
import { generatePassword, isMaskedPhone, type RoleRowValue, toRoleGrants, toRoleRows } from '../staff.rules';
import { RolesEditor } from './roles-editor';

export type StaffDrawerState = { mode: 'create' } | { mode: 'edit'; staff: Staff } | null;

interface StaffFormValues {
  username: string;
  displayName: string;
  password: string;
  departmentId: string | null;
  title: string;
  officePhone: string;
  mobile: string;
  isMobileShareable: boolean;
  locale: Locale;
  roles: RoleRowValue[];
}

function toFormValues(staff: Staff | null): Partial<StaffFormValues> {
  if (!staff) {
    return {
      username: '',
      displayName: '',
      password: '',
      departmentId: null,
      title: '',
      officePhone: '',
      mobile: '',
      isMobileShareable: false,
      locale: 'zh-CN',
      roles: [],
    };
  }
  return {
    username: staff.username,
    displayName: staff.displayName,
    departmentId: staff.departmentId,
    title: staff.title ?? '',
    officePhone: staff.officePhone ?? '',
    mobile: staff.mobile ?? '',
    isMobileShareable: staff.isMobileShareable,
    locale: staff.locale,
    roles: toRoleRows(staff.roles),
  };
}

const trimmed = (value: string | undefined | null) => value?.trim() ?? '';

export function StaffDrawer({
  state,
  departments,
  projects,
  onClose,
  onSaved,
  onResetTwoFactor,
}: {
  state: StaffDrawerState;
  departments: readonly Department[];
  projects: readonly Project[];
  onClose(): void;
  onSaved(staff: Staff, isNew: boolean): void;
  /** Asks, then clears the person's two-step verification; resolves true once done. */
  onResetTwoFactor(staff: Staff): Promise<boolean>;
}) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffFormValues>();
  const { applyFormErrors } = useErrorHandler();
  const confirmDiscard = useConfirmDiscard();
  const [isDirty, setDirty] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);
  useUnsavedChanges(state !== null && isDirty);

  const editing = state?.mode === 'edit' ? state.staff : null;
  const isOpen = state !== null;
  const originalMobile = editing?.mobile ?? '';
  const [resetTwoFactorOf, setResetTwoFactorOf] = useState<string | null>(null);
  const hasTwoFactor = Boolean(editing?.hasTwoFactor) && resetTwoFactorOf !== editing?.id;

  useEffect(() => {
    if (!isOpen) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(editing) as StaffFormValues);
    setDirty(false);
  }, [isOpen, editing, form]);

  const close = () => confirmDiscard(isDirty, onClose);

  const submit = async () => {
    let values: StaffFormValues;
    try {
      values = await form.validateFields();
    } catch (failure) {
      // antd already shows the messages next to the fields; bring the first one into view.
      const first = (failure as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
      return;
    }
    const input: StaffUpdateInput = {
      displayName: values.displayName.trim(),
      departmentId: values.departmentId ?? null,
      title: trimmed(values.title),
      officePhone: trimmed(values.officePhone),
      isMobileShareable: values.isMobileShareable,
      locale: values.locale,
      roles: toRoleGrants(values.roles),
    };
    // A masked number sent back would overwrite the real one, so only send it when it was edited.
    if (!editing || values.mobile !== originalMobile || !isMaskedPhone(originalMobile)) {
      input.mobile = trimmed(values.mobile).replace(/[\s-]/g, '');
    }
    setSubmitting(true);
    try {
      const saved = editing
        ? await staffApi.updateStaff(editing.id, input)
        : await staffApi.createStaff({
            ...input,
            username: values.username.trim(),
            password: values.password,
          });
      setDirty(false);
      onSaved(saved, !editing);
      void message.success(editing ? t('app:common.updated') : t('app:common.created'));
      onClose();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSubmitting(false);
    }
  };

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('app:common.required', { field }),
  });
  const max = (field: string, limit: number) => ({
    max: limit,
    message: t('app:common.maxLength', { field, max: limit }),
  });

  return (
    <Drawer
      open={isOpen}
      size={640}
      title={editing ? t('form.editTitle', { name: editing.displayName }) : t('form.createTitle')}
      onClose={close}
      mask={{ closable: false }}
      // Kept mounted so the form instance stays connected between openings.
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('app:actions.cancel')}</Button>
          <ActionButton
            type="primary"
            loading={isSubmitting}
            onClick={() => submit()}
            data-testid="staff-submit"
          >
            {t('app:actions.save')}
          </ActionButton>
        </Flex>
      }
    >
      <Form<StaffFormValues>
        form={form}
        layout="vertical"
        onValuesChange={() => setDirty(true)}
        onFinish={() => void submit()}
        data-testid="staff-form"
      >
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('form.basic')}
        </Divider>
        <Flex gap={16} wrap>
          <Form.Item
            name="username"
            label={t('form.username')}
            extra={editing ? undefined : t('form.usernameHint')}
            style={{ flex: '1 1 240px' }}
            rules={
              editing
                ? []
                : [
                    required(t('form.username')),
                    { min: 2, message: t('app:common.minLength', { field: t('form.username'), min: 2 }) },
                    max(t('form.username'), 32),
                    { pattern: /^[A-Za-z0-9._-]+$/, message: t('form.usernamePattern') },
                  ]
            }
          >
            <Input
              disabled={Boolean(editing)}
              maxLength={32}
              autoComplete="off"
              data-testid="staff-username"
            />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('form.displayName')}
            style={{ flex: '1 1 240px' }}
            rules={[required(t('form.displayName')), max(t('form.displayName'), 40)]}
          >
            <Input maxLength={40} data-testid="staff-displayName" />
          </Form.Item>
        </Flex>
        {editing ? null : (
          <Form.Item label={t('form.password')} extra={t('form.passwordHint')} required>
            <Flex gap={8}>
              <Form.Item
                name="password"
                noStyle
                rules={[
                  { required: true, message: t('app:common.required', { field: t('form.password') }) },
                  {
                    min: passwordMinLength,
                    message: t('app:common.minLength', { field: t('form.password'), min: passwordMinLength }),
                  },
                  max(t('form.password'), passwordMaxLength),
                  { pattern: passwordCharactersPattern, message: t('app:common.passwordCharacters') },
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="staff-password" />
              </Form.Item>
              <Button
                onClick={() => {
                  form.setFieldValue('password', generatePassword());
                  setDirty(true);
                  void form.validateFields(['password']);
                }}
              >
                {t('form.generate')}
              </Button>
            </Flex>
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="departmentId" label={t('form.department')} style={{ flex: '1 1 240px' }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('form.departmentPlaceholder')}
              options={departments.map((department) => ({ value: department.id, label: department.name }))}
              data-testid="staff-departmentId"
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('form.title')}
            style={{ flex: '1 1 240px' }}
            rules={[max(t('form.title'), 40)]}
          >
            <Input maxLength={40} placeholder={t('form.titlePlaceholder')} data-testid="staff-title" />
          </Form.Item>
        </Flex>
        <Form.Item name="locale" label={t('form.locale')} rules={[{ required: true }]}>
          <Select
            options={locales.map((locale) => ({ value: locale, label: t(`app:languages.${locale}`) }))}
            style={{ maxWidth: 240 }}
            data-testid="staff-locale"
          />
        </Form.Item>

        <Divider titlePlacement="start">{t('form.contact')}</Divider>
        <Flex gap={16} wrap>
          <Form.Item
            name="officePhone"
            label={t('form.officePhone')}
            normalize={foldWidth}
            style={{ flex: '1 1 240px' }}
            rules={[
              { pattern: phonePattern, message: t('app:common.invalidPhone') },
              max(t('form.officePhone'), 30),
            ]}
          >
            <Input maxLength={30} inputMode="tel" data-testid="staff-officePhone" />
          </Form.Item>
          <Form.Item
            name="mobile"
            label={t('form.mobile')}
            normalize={foldWidth}
            style={{ flex: '1 1 240px' }}
            extra={isMaskedPhone(originalMobile) ? t('form.mobileMaskedHint') : undefined}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const text = value?.trim();
                  if (!text || (editing && text === originalMobile)) return;
                  if (!mobilePattern.test(text.replace(/\s/g, '')))
                    throw new Error(t('app:common.invalidMobile'));
                },
              },
            ]}
          >
            <Input maxLength={20} inputMode="tel" data-testid="staff-mobile" />
          </Form.Item>
        </Flex>
        <Form.Item name="isMobileShareable" label={t('form.isMobileShareable')} valuePropName="checked">
          <Switch data-testid="staff-isMobileShareable" />
        </Form.Item>

        <Divider titlePlacement="start">{t('form.access')}</Divider>
        <Alert type="info" showIcon title={t('form.rolesHint')} style={{ marginBottom: 12 }} />
        <RolesEditor projects={projects} />
        {editing ? (
          <>
            <Divider titlePlacement="start">{t('twoFactor.adminSection')}</Divider>
            <Flex align="center" gap={12} wrap>
              <span>{t('twoFactor.adminColumn')}</span>
              <Tag color={hasTwoFactor ? 'success' : 'default'} data-testid="staff-two-factor-status">
                {hasTwoFactor ? t('twoFactor.statusOn') : t('twoFactor.statusOff')}
              </Tag>
              {hasTwoFactor ? (
                <Button
                  danger
                  size="small"
                  onClick={() => {
                    void onResetTwoFactor(editing).then((isDone) => {
                      if (isDone) setResetTwoFactorOf(editing.id);
                    });
                  }}
                  data-testid="staff-drawer-reset-two-factor"
                >
                  {t('twoFactor.adminReset')}
                </Button>
              ) : null}
            </Flex>
          </>
        ) : null}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Drawer>
  );
}
