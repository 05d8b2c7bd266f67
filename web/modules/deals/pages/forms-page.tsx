import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { PageHeader } from '../../../app/components/page-header';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { useProjectSelection } from '../../../app/data/projects';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime, projectDate } from '../../../app/format';
import { DesignationsCard } from '../components/designations-card';
import { FormNumbersCard } from '../components/form-numbers-card';
import { dealsApi } from '../deals.api';

export default function FormsPage() {
  const { t } = useTranslation('deals');
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const user = useCurrentUser();
  const isManager = canAccess(user.roles, ['manager']);
  const { projects: salesProjects, projectId, setProjectId } = useProjectSelection({ kind: 'sales' });
  const report = useApiQuery(
    projectId && canAccess(user.roles, ['manager', 'controller', 'finance'])
      ? ['deals', 'form-report', projectId]
      : null,
    (signal) => dealsApi.formReport(projectId!, signal),
  );
  const exams = useApiQuery(['deals', 'exams'], (signal) =>
    dealsApi.findExams({ page: 1, pageSize: 100 }, signal),
  );
  // The manager examines and designates the project's staff, including those with no result yet.
  const projectStaff = useApiQuery(
    projectId && isManager ? ['deals', 'project-staff', projectId] : null,
    (signal) => dealsApi.findProjectStaff(projectId!, signal),
  );
  const staff = projectStaff.data?.items ?? [];
  const staffNames = new Map(staff.map((person) => [person.id, person.displayName]));
  const [issueOpen, setIssueOpen] = useState(false);
  const [examOpen, setExamOpen] = useState(false);
  const [issueForm] = Form.useForm<{
    prefix: string;
    firstSerial: number;
    lastSerial: number;
    width: number;
    note: string;
  }>();
  const [examForm] = Form.useForm<{
    staffId: string;
    takenOn: Dayjs;
    score: number;
    passMark: number;
    expiresOn: Dayjs;
    note: string;
  }>();
  const staffOptions = staff
    .filter((person) => person.roles.includes('consultant'))
    .map((person) => ({ value: person.id, label: person.displayName }));

  return (
    <>
      <PageHeader
        title={t('forms.title')}
        subtitle={t('forms.subtitle')}
        extra={
          <Space>
            <Select
              style={{ width: 200 }}
              value={projectId}
              onChange={setProjectId}
              options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
            />
            {canAccess(user.roles, ['manager', 'controller']) ? (
              <Button type="primary" onClick={() => setIssueOpen(true)}>
                {t('forms.issue')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {report.data ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={report.data.batches}
            columns={[
              {
                title: t('forms.prefix'),
                render: (_, batch) => `${batch.prefix} ${batch.firstSerial}–${batch.lastSerial}`,
              },
              { title: t('forms.note'), dataIndex: 'note' },
              { title: t('forms.total'), dataIndex: 'total' },
              { title: t('forms.inStock'), dataIndex: 'inStock' },
              { title: t('forms.checkedOut'), dataIndex: 'checkedOut' },
              { title: t('forms.used'), dataIndex: 'used' },
              { title: t('forms.voided'), dataIndex: 'voided' },
              {
                title: t('common.updatedAt'),
                render: (_, batch) => formatTime(batch.issuedAt, 'YYYY-MM-DD'),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('forms.unaccounted')}
          </Typography.Title>
          {report.data.unaccounted.length === 0 ? (
            <Typography.Text type="success" data-testid="forms-all-accounted">
              {t('forms.unaccountedNone')}
            </Typography.Text>
          ) : (
            <Space wrap data-testid="forms-unaccounted">
              {report.data.unaccounted.map((row) => (
                <Tag key={row.number} color="orange">
                  {row.number} · {t(`forms.reasons.${row.reason}`)}
                </Tag>
              ))}
            </Space>
          )}
          {report.data.voided.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('forms.voided')}
              </Typography.Title>
              <Table
                rowKey="number"
                size="small"
                pagination={false}
                dataSource={report.data.voided}
                columns={[
                  { title: t('agreement.formNumber'), dataIndex: 'number' },
                  { title: t('common.reason'), dataIndex: 'reason' },
                  { title: t('common.updatedAt'), render: (_, row) => formatTime(row.voidedAt) },
                ]}
              />
            </>
          ) : null}
        </Card>
      ) : null}
      {projectId ? (
        <FormNumbersCard projectId={projectId} staffNames={staffNames} onChange={report.reload} />
      ) : null}
      {projectId && isManager ? <DesignationsCard projectId={projectId} staff={staff} /> : null}
      <Card
        size="small"
        title={t('forms.examsTitle')}
        extra={isManager ? <Button onClick={() => setExamOpen(true)}>{t('forms.recordExam')}</Button> : null}
      >
        <Table
          rowKey="id"
          size="small"
          loading={exams.loading}
          dataSource={exams.data?.items ?? []}
          columns={[
            { title: t('forms.staff'), dataIndex: 'staffName' },
            { title: t('forms.takenOn'), dataIndex: 'takenOn' },
            { title: t('forms.score'), render: (_, exam) => `${exam.score} / ${exam.passMark}` },
            { title: t('forms.expiresOn'), dataIndex: 'expiresOn' },
            {
              title: t('common.status'),
              render: (_, exam) =>
                exam.isValid ? (
                  <Tag color="green">{t('forms.valid')}</Tag>
                ) : (
                  <Tag color="red">{t('forms.invalid')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={issueOpen}
        title={t('forms.issue')}
        onCancel={() => setIssueOpen(false)}
        onOk={async () => {
          const values = await issueForm.validateFields();
          try {
            await dealsApi.issueBatch({ projectId: projectId!, ...values, note: values.note ?? '' });
            message.success(t('common.done'));
            setIssueOpen(false);
            report.reload();
          } catch (error) {
            applyFormErrors(issueForm, error);
          }
        }}
      >
        <Form form={issueForm} layout="vertical" initialValues={{ prefix: 'RG', width: 6 }}>
          <Form.Item name="prefix" label={t('forms.prefix')}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="firstSerial" label={t('forms.first')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="lastSerial" label={t('forms.last')} rules={[{ required: true }]}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="width" label={t('forms.width')}>
              <InputNumber min={3} max={8} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('forms.note')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={examOpen}
        title={t('forms.recordExam')}
        onCancel={() => setExamOpen(false)}
        onOk={async () => {
          const values = await examForm.validateFields();
          try {
            await dealsApi.recordExam({
              staffId: values.staffId,
              takenOn: projectDate(values.takenOn),
              score: values.score,
              passMark: values.passMark,
              expiresOn: projectDate(values.expiresOn),
              note: values.note ?? '',
            });
            setExamOpen(false);
            exams.reload();
          } catch (error) {
            applyFormErrors(examForm, error);
          }
        }}
      >
        <Form form={examForm} layout="vertical" initialValues={{ passMark: 80 }}>
          <Form.Item
            name="staffId"
            label={t('forms.staff')}
            extra={t('forms.examStaffHint')}
            rules={[{ required: true }]}
          >
            <Select showSearch optionFilterProp="label" options={staffOptions} data-testid="exam-staff" />
          </Form.Item>
          <Space>
            <Form.Item name="takenOn" label={t('forms.takenOn')} rules={[{ required: true }]}>
              <ZonedDatePicker />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('forms.expiresOn')} rules={[{ required: true }]}>
              <ZonedDatePicker />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item name="score" label={t('forms.score')} rules={[{ required: true }]}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
            <Form.Item name="passMark" label={t('forms.passMark')} rules={[{ required: true }]}>
              <InputNumber min={0} max={1000} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('forms.note')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
