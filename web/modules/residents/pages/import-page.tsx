import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../app/components/export-button';
import { JobProgress } from '../../../app/components/job-progress';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useRegisterProject } from '../components/use-register-project';
import { type ResidentImport, type ResidentImportProblem, residentsApi } from '../residents.api';

/** The office's resident sheet: read and checked first, then written in batches with progress and cancel. */
export default function ResidentImportPage() {
  const { t } = useTranslation(['residents', 'app']);
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const { projectId, projects, setProjectId } = useRegisterProject();
  const [isUploading, setUploading] = useState(false);
  const [current, setCurrent] = useState<ResidentImport | null>(null);
  const [problems, setProblems] = useState<ResidentImportProblem[]>([]);
  const history = useServerTable<ResidentImport, Record<string, never>>(
    (query, signal) =>
      projectId
        ? residentsApi.findImports({ projectId, page: query.page, pageSize: query.pageSize }, signal)
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, pageSize: 10, scope: projectId, queryKey: ['residents', 'imports'] },
  );

  // Progress of a running import, read every second until it ends.
  useEffect(() => {
    if (current?.status !== 'running') return;
    const timer = window.setInterval(() => {
      residentsApi
        .getImport(current.id)
        .then((next) => {
          setCurrent(next);
          if (next.status === 'done')
            void message.success(
              t('residents:import.done', { created: next.createdRows, updated: next.updatedRows }),
            );
          if (next.status === 'cancelled')
            void message.warning(t('residents:import.cancelled', { processed: next.processedRows }));
          if (next.status !== 'running') history.reload();
        })
        .catch(showError);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [current, message, t, showError, history]);

  const upload = async (file: File) => {
    if (!projectId) return;
    setUploading(true);
    setCurrent(null);
    setProblems([]);
    try {
      const preview = await residentsApi.uploadImport(projectId, file);
      setCurrent(preview);
      if (preview.problemCount) setProblems((await residentsApi.findImportProblems(preview.id)).items);
      history.reload();
    } catch (error) {
      showError(error);
    } finally {
      setUploading(false);
    }
  };
  const act = async (action: (id: string) => Promise<ResidentImport>) => {
    if (!current) return;
    try {
      setCurrent(await action(current.id));
      history.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('residents:import.title')}
        subtitle={t('residents:import.subtitle')}
        extra={<ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />}
      />
      <Card size="small">
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={isUploading || current?.status === 'running'}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="resident-import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {isUploading ? t('app:common.loading') : t('residents:import.drop')}
          </p>
        </Upload.Dragger>
      </Card>
      {current ? (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={current.fileName}
          data-testid="resident-import-preview"
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag data-testid="resident-import-status">
                {t(`residents:import.statuses.${current.status}`)}
              </Tag>
              <Typography.Text data-testid="resident-import-counts">
                {t('residents:import.preview', {
                  total: current.totalRows,
                  valid: current.validRows,
                  problems: current.problemCount,
                })}
              </Typography.Text>
            </Space>
            {current.skippedSheets.length ? (
              <Alert
                type="info"
                showIcon
                title={t('residents:import.skipped', {
                  names: current.skippedSheets
                    .map((sheet) =>
                      t(
                        sheet.reason === 'hidden'
                          ? 'residents:import.skippedHidden'
                          : 'residents:import.skippedNoHeader',
                        { name: sheet.name },
                      ),
                    )
                    .join('、'),
                })}
              />
            ) : null}
            {current.status === 'previewed' ? (
              <Space>
                <Button
                  type="primary"
                  disabled={current.validRows === 0}
                  onClick={() => void act(residentsApi.commitImport)}
                  data-testid="resident-import-start"
                >
                  {t('residents:import.start')}
                </Button>
                <Button onClick={() => void act(residentsApi.cancelImport)}>
                  {t('residents:import.cancel')}
                </Button>
              </Space>
            ) : null}
            {current.status === 'running' ? (
              <JobProgress
                done={current.processedRows}
                total={current.validRows}
                label={t('residents:import.running')}
                isCancelling={current.isCancelRequested}
                onCancel={() => void act(residentsApi.cancelImport)}
                testId="resident-import-progress"
              />
            ) : null}
            {current.status === 'done' ? (
              <Alert
                type="success"
                showIcon
                data-testid="resident-import-done"
                title={t('residents:import.done', {
                  created: current.createdRows,
                  updated: current.updatedRows,
                })}
              />
            ) : null}
            {problems.length ? (
              <>
                <Space>
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {t('residents:import.problems')}
                  </Typography.Title>
                  <ExportButton
                    path={`/resident-imports/${current.id}/problems/export`}
                    fallbackFileName={t('residents:import.problemsFileName')}
                    label={t('residents:import.problemsExport')}
                    size="small"
                  />
                </Space>
                <Table<ResidentImportProblem>
                  rowKey={(row) => `${row.sheetName}\u0000${row.rowNumber}`}
                  size="small"
                  pagination={{ pageSize: 10 }}
                  dataSource={problems}
                  data-testid="resident-import-problems"
                  columns={[
                    {
                      key: 'row',
                      title: t('residents:import.row'),
                      width: 180,
                      render: (_, row) =>
                        t('residents:import.sheetRow', { sheet: row.sheetName, row: row.rowNumber }),
                    },
                    { key: 'name', title: t('residents:fields.name'), dataIndex: 'name', width: 120 },
                    {
                      key: 'errors',
                      title: t('residents:import.problem'),
                      render: (_, row) => row.errors.join('；'),
                    },
                  ]}
                />
              </>
            ) : null}
          </Space>
        </Card>
      ) : null}
      <Card size="small" style={{ marginTop: 16 }} title={t('residents:import.history')}>
        <Table<ResidentImport>
          rowKey="id"
          size="small"
          {...history.tableProps}
          columns={[
            { key: 'file', title: t('residents:import.file'), dataIndex: 'fileName' },
            {
              key: 'when',
              title: t('residents:import.when'),
              render: (_, row) => formatTime(row.createdAt, 'YYYY-MM-DD HH:mm'),
            },
            {
              key: 'status',
              title: t('residents:import.status'),
              render: (_, row) => <Tag>{t(`residents:import.statuses.${row.status}`)}</Tag>,
            },
            {
              key: 'counts',
              title: t('residents:import.counts'),
              render: (_, row) => `${row.createdRows} / ${row.updatedRows}`,
            },
          ]}
        />
      </Card>
    </>
  );
}
