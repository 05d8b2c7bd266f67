import { App, Button, Card, Form, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmAction } from '../../../app/components/action-button';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type Duty, dealsApi, type ProjectStaff } from '../deals.api';

const duties: Duty[] = ['deposit_confirm', 'collect', 'agreement_review'];

/**
 * SA-12 / SA-13: the project manager designates who, besides the roles that always may, confirms
 * deposits, collects money or reviews agreements. Separation of duties still holds for them.
 */
export function DesignationsCard({ projectId, staff }: { projectId: string; staff: ProjectStaff[] }) {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { showError, applyFormErrors } = useErrorHandler();
  const [form] = Form.useForm<{ staffId: string; duty: Duty }>();
  const designations = useApiQuery(['deals', 'designations', projectId], (signal) =>
    dealsApi.findDesignations(projectId, signal),
  );

  return (
    <Card size="small" title={t('forms.designationsTitle')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('forms.designationsHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12 }}
        onFinish={async (values) => {
          try {
            await dealsApi.designate({ projectId, ...values });
            message.success(t('common.done'));
            form.resetFields();
            designations.reload();
          } catch (error) {
            applyFormErrors(form, error);
          }
        }}
      >
        <Form.Item name="staffId" rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('forms.staff')}
            style={{ width: 200 }}
            data-testid="designation-staff"
            options={staff.map((person) => ({ value: person.id, label: person.displayName }))}
          />
        </Form.Item>
        <Form.Item name="duty" rules={[{ required: true }]}>
          <Select
            placeholder={t('forms.duty')}
            style={{ width: 160 }}
            data-testid="designation-duty"
            options={duties.map((duty) => ({ value: duty, label: t(`forms.duties.${duty}`) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="designation-submit">
          {t('forms.designate')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={designations.loading}
        dataSource={designations.data?.items ?? []}
        columns={[
          { title: t('forms.staff'), dataIndex: 'staffName' },
          { title: t('forms.duty'), render: (_, row) => t(`forms.duties.${row.duty}`) },
          { title: t('forms.designatedAt'), render: (_, row) => formatTime(row.designatedAt) },
          {
            title: t('common.actions'),
            render: (_, row) => (
              <Space>
                <ConfirmAction
                  title={t('forms.revoke')}
                  onConfirm={async () => {
                    try {
                      await dealsApi.revokeDesignation(row.id);
                      designations.reload();
                    } catch (error) {
                      showError(error);
                    }
                  }}
                >
                  <Button size="small" danger>
                    {t('forms.revoke')}
                  </Button>
                </ConfirmAction>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
