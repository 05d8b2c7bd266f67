import { App, Button, Card, Form, InputNumber, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useProjectSelection } from '../../../app/data/projects';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime, projectToday } from '../../../app/format';
import { yuan } from '../../inventory';
import { dashboardApi, type SalesTarget } from '../dashboard.api';

interface Values {
  month: string;
  units: number;
  /** Yuan as typed (string mode keeps the fen exact). */
  amount: string;
}

/** '1234.5' yuan → 123450 fen, without binary fractions. */
export function fenOfYuan(text: string): number {
  const [whole = '0', fraction = ''] = text.trim().split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

/** The project manager (or the administrator) sets each month's target of units and amount. */
export default function TargetsPage() {
  const { t } = useTranslation(['dashboard', 'customers']);
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const thisYear = Number(projectToday().slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const targets = useApiQuery(keyed(['dashboard', 'targets', year], projectId), (signal) =>
    dashboardApi.findTargets(projectId ?? '', year, signal),
  );
  const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);

  const save = async (values: Values) => {
    if (!projectId) return;
    setSaving(true);
    try {
      await dashboardApi.setTarget({
        projectId,
        month: values.month,
        units: values.units,
        amountFen: fenOfYuan(String(values.amount)),
      });
      void message.success(t('targets.saved'));
      targets.reload();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  if (!projectId) return <PageHeader title={t('targets.title')} subtitle={t('customers:project.none')} />;
  return (
    <>
      <PageHeader
        title={t('targets.title')}
        subtitle={t('targets.subtitle')}
        extra={
          <Space wrap>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <Select
              aria-label={t('targets.year')}
              value={year}
              onChange={setYear}
              options={[thisYear - 1, thisYear, thisYear + 1].map((value) => ({
                value: String(value),
                label: value,
              }))}
            />
          </Space>
        }
      />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={save}
          initialValues={{ month: projectToday().slice(0, 7), units: 0, amount: '0' }}
          data-testid="target-form"
        >
          <Form.Item name="month" label={t('targets.month')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={months.map((value) => ({ value, label: value }))} />
          </Form.Item>
          <Form.Item name="units" label={t('targets.units')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000} precision={0} />
          </Form.Item>
          <Form.Item name="amount" label={t('targets.amount')} rules={[{ required: true }]}>
            <InputNumber<string> stringMode min="0" precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('targets.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" style={{ marginTop: 12 }}>
        <Table<SalesTarget>
          size="small"
          rowKey="month"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={targets.loading}
          dataSource={targets.data?.items ?? []}
          onRow={(row) => ({
            onClick: () =>
              form.setFieldsValue({
                month: row.month,
                units: row.units,
                amount: (row.amountFen / 100).toFixed(2),
              }),
          })}
          columns={[
            { key: 'month', title: t('targets.month'), dataIndex: 'month' },
            { key: 'units', title: t('targets.units'), dataIndex: 'units', align: 'right' },
            {
              key: 'amount',
              title: t('targets.amount'),
              align: 'right',
              render: (_: unknown, row) => yuan(row.amountFen),
            },
            { key: 'by', title: t('targets.updatedBy'), dataIndex: 'updatedByName' },
            {
              key: 'at',
              title: t('targets.updatedAt'),
              render: (_: unknown, row) => formatTime(row.updatedAt),
            },
          ]}
        />
      </Card>
    </>
  );
}
