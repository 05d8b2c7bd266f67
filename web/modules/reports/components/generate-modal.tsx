import { App, Form, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../../contracts/org';
import { FormModal } from '../../../app/components/form-modal';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { projectDate, projectDaysFromToday } from '../../../app/format';
import { reportsApi } from '../reports.api';

interface GenerateValues {
  projectId: string;
  day: Dayjs;
}

/** "Generate now" (managers of the project, the administrator): redraws a day's reports. */
export function GenerateModal({
  open,
  projects,
  defaultProjectId,
  onClose,
  onDone,
}: {
  open: boolean;
  projects: readonly Pick<Project, 'id' | 'name'>[];
  defaultProjectId?: string;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation(['reports', 'app']);
  const { message } = App.useApp();
  return (
    <FormModal<GenerateValues>
      open={open}
      title={t('reports:generate.title')}
      initialValues={{ projectId: defaultProjectId ?? projects[0]?.id, day: projectDaysFromToday(-1) }}
      okText={t('reports:page.generate')}
      testId="report-generate"
      onClose={onClose}
      onSubmit={async (values) => {
        const { items } = await reportsApi.generateNow({
          projectId: values.projectId,
          day: projectDate(values.day),
        });
        void message.success(t('reports:generate.done', { count: items.length }));
        onDone();
      }}
    >
      <Typography.Paragraph type="secondary">{t('reports:generate.hint')}</Typography.Paragraph>
      <Form.Item
        name="projectId"
        label={t('reports:generate.project')}
        rules={[
          { required: true, message: t('app:common.required', { field: t('reports:generate.project') }) },
        ]}
      >
        <Select
          options={projects.map((project) => ({ value: project.id, label: project.name }))}
          data-testid="report-generate-project"
        />
      </Form.Item>
      <Form.Item
        name="day"
        label={t('reports:generate.day')}
        rules={[{ required: true, message: t('app:common.required', { field: t('reports:generate.day') }) }]}
      >
        <ZonedDatePicker
          allowClear={false}
          maxDate={projectDaysFromToday(0)}
          data-testid="report-generate-day"
        />
      </Form.Item>
    </FormModal>
  );
}
