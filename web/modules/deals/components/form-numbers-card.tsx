import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { FormModal } from '../../../app/components/form-modal';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { type DealForm, dealsApi, type FormStatus } from '../deals.api';

const statusColors: Record<FormStatus, string> = {
  in_stock: 'default',
  checked_out: 'orange',
  used: 'green',
  voided: 'red',
};

/**
 * SA-13: every numbered form, with the two things a person does to one by hand — take it from
 * stock, or void it with a reason (torn, stained). Using it happens on the agreement.
 */
export function FormNumbersCard({
  projectId,
  staffNames,
  onChange,
}: {
  projectId: string;
  staffNames: Map<string, string>;
  onChange(): void;
}) {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  // A used form leads to its agreement (a draft is resumed from here): the consultant who filled
  // it in, and those who see every agreement of the project.
  const seesEveryAgreement = canAccess(user.roles, ['manager', 'controller', 'finance']);
  const [status, setStatus] = useState<FormStatus | undefined>('in_stock');
  const forms = useApiQuery(['deals', 'forms', projectId, status ?? ''], (signal) =>
    dealsApi.findForms(projectId, status, signal),
  );
  const [voiding, setVoiding] = useState<DealForm | null>(null);

  const changed = () => {
    message.success(t('common.done'));
    forms.reload();
    onChange();
  };

  return (
    <Card
      size="small"
      title={t('forms.formList')}
      style={{ marginBottom: 16 }}
      extra={
        <Select<FormStatus | 'all'>
          style={{ width: 140 }}
          value={status ?? 'all'}
          onChange={(value) => setStatus(value === 'all' ? undefined : value)}
          data-testid="form-status-filter"
          options={[
            { value: 'all', label: t('forms.allStatuses') },
            ...(['in_stock', 'checked_out', 'used', 'voided'] as const).map((value) => ({
              value,
              label: t(`forms.formStatus.${value}`),
            })),
          ]}
        />
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={forms.loading}
        dataSource={forms.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('agreement.formNumber'), dataIndex: 'number' },
          {
            title: t('common.status'),
            render: (_, form) => (
              <Tag color={statusColors[form.status]}>{t(`forms.formStatus.${form.status}`)}</Tag>
            ),
          },
          {
            title: t('forms.holder'),
            render: (_, form) =>
              form.holderId
                ? form.holderId === user.id
                  ? user.displayName
                  : (staffNames.get(form.holderId) ?? '—')
                : '—',
          },
          { title: t('common.reason'), dataIndex: 'voidReason' },
          {
            title: t('forms.agreement'),
            render: (_, form) =>
              form.agreementId && (form.holderId === user.id || seesEveryAgreement) ? (
                <Link
                  to={`/deals/agreements/${form.agreementId}`}
                  data-testid={`form-agreement-${form.number}`}
                >
                  {t('forms.openAgreement')}
                </Link>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            render: (_, form) => (
              <Space>
                {form.status === 'in_stock' ? (
                  <ActionButton
                    size="small"
                    data-testid={`form-check-out-${form.number}`}
                    onClick={async () => {
                      try {
                        await dealsApi.checkOutForm(form.id);
                        changed();
                      } catch (error) {
                        showError(error);
                      }
                    }}
                  >
                    {t('forms.checkOut')}
                  </ActionButton>
                ) : null}
                {form.status === 'in_stock' || form.status === 'checked_out' ? (
                  <Button
                    size="small"
                    danger
                    data-testid={`form-void-${form.number}`}
                    onClick={() => setVoiding(form)}
                  >
                    {t('forms.voidForm')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<{ reason: string }>
        open={Boolean(voiding)}
        title={voiding ? t('forms.voidTitle', { number: voiding.number }) : ''}
        testId="form-void"
        onClose={() => setVoiding(null)}
        onSubmit={async (values) => {
          await dealsApi.voidForm(voiding!.id, values.reason);
          setVoiding(null);
          changed();
        }}
      >
        <Form.Item
          name="reason"
          label={t('common.reason')}
          extra={t('forms.voidReasonHint')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="form-void-reason" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
