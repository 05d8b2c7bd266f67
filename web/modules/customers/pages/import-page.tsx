import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Card, Radio, Result, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { ExportButton } from '../../../app/components/export-button';
import { JobProgress } from '../../../app/components/job-progress';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type ConsultantChoices, ImportConsultantMap } from '../components/import-consultant-map';
import { ImportNotices, SheetRow } from '../components/import-notices';
import { customersApi, type ImportJob, type ImportPreview, type ImportProblem } from '../customers.api';

export default function ImportPage() {
  const { t } = useTranslation(['customers', 'app']);
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [isUploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [mode, setMode] = useState<'all_or_nothing' | 'valid_only'>('all_or_nothing');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [choices, setChoices] = useState<ConsultantChoices>({});
  const { user } = useAuth();
  const unmapped = preview ? preview.consultantNames.filter((entry) => !(entry.name in choices)).length : 0;
  const history = useServerTable<ImportJob, Record<string, never>>(
    (query, signal) =>
      projectId
        ? customersApi.findImports({ projectId, page: query.page, pageSize: query.pageSize }, signal)
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, pageSize: 10, scope: projectId },
  );

  // Progress of a running import, polled until it ends.
  useEffect(() => {
    if (job?.status !== 'running') return;
    const timer = window.setInterval(() => {
      customersApi
        .getImport(job.id)
        .then((next) => {
          setJob(next);
          if (next.status === 'done') void message.success(t('import.done', { count: next.importedRows }));
          if (next.status !== 'running') history.reload();
        })
        .catch(showError);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [job, message, t, showError, history]);

  // A file chosen before the project list has arrived waits for it rather than being dropped.
  const [waitingFile, setWaitingFile] = useState<File | null>(null);
  useEffect(() => {
    if (!projectId || !waitingFile) return;
    setWaitingFile(null);
    void upload(waitingFile);
  });

  const upload = async (file: File) => {
    if (!projectId) {
      setWaitingFile(file);
      return;
    }
    setUploading(true);
    setPreview(null);
    setJob(null);
    setProblems([]);
    setChoices({});
    try {
      const result = await customersApi.uploadImport(projectId, file);
      setPreview(result);
      setMode(result.errorRows + result.duplicateRows > 0 ? 'valid_only' : 'all_or_nothing');
      if (result.errorRows + result.duplicateRows > 0)
        setProblems((await customersApi.findImportProblems(result.id)).items);
      history.reload();
    } catch (error) {
      showError(error);
    } finally {
      setUploading(false);
    }
  };

  const start = async () => {
    if (!preview) return;
    try {
      setJob(
        await customersApi.commitImport(
          preview.id,
          mode,
          preview.consultantNames.map((entry) => ({
            name: entry.name,
            staffId: choices[entry.name] || null,
          })),
        ),
      );
    } catch (error) {
      showError(error);
    }
  };

  const cancel = async () => {
    const id = job?.id ?? preview?.id;
    if (!id) return;
    try {
      setJob(await customersApi.cancelImport(id));
      history.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        extra={<ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />}
      />
      <Card size="small">
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={isUploading || job?.status === 'running'}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {isUploading || waitingFile ? t('app:common.loading') : t('import.choose')}
          </p>
          <p className="ant-upload-hint">{t('import.hint')}</p>
        </Upload.Dragger>
      </Card>
      {preview ? (
        <Card
          size="small"
          title={`${t('import.previewTitle')} · ${preview.fileName}`}
          style={{ marginTop: 16 }}
          data-testid="import-preview"
        >
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag>{t('import.total', { count: preview.totalRows })}</Tag>
            <Tag color="green">{t('import.valid', { count: preview.validRows })}</Tag>
            <Tag color={preview.errorRows ? 'red' : 'default'}>
              {t('import.errors', { count: preview.errorRows })}
            </Tag>
            <Tag color={preview.duplicateRows ? 'orange' : 'default'}>
              {t('import.duplicates', { count: preview.duplicateRows })}
            </Tag>
            <Tag color={preview.keyCustomerRows ? 'gold' : 'default'} data-testid="import-key-count">
              {t('import.keyCustomers', { count: preview.keyCustomerRows })}
            </Tag>
            <Tag color={preview.phoneRefusedRows ? 'purple' : 'default'}>
              {t('import.phoneRefused', { count: preview.phoneRefusedRows })}
            </Tag>
            <Tag color={preview.warningRows ? 'orange' : 'default'}>
              {t('import.warnings', { count: preview.warningRows })}
            </Tag>
          </Space>
          {preview.consultantNames.length && !job ? (
            <ImportConsultantMap
              preview={preview}
              me={user ? { id: user.id, displayName: user.displayName } : null}
              choices={choices}
              onChange={setChoices}
            />
          ) : null}
          {preview.ignoredColumns.length ? (
            <Alert
              type="info"
              showIcon
              title={t('import.ignored', { columns: preview.ignoredColumns.join('、') })}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          {preview.newSourceChannels.length ? (
            <Alert
              type="info"
              showIcon
              title={t('import.newSources', { names: preview.newSourceChannels.join('、') })}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          {preview.skippedSheets.length ? (
            <Alert
              type="info"
              showIcon
              data-testid="import-skipped-sheets"
              title={t('import.skippedSheets', {
                count: preview.sheetsRead,
                names: preview.skippedSheets
                  .map((sheet) =>
                    t(sheet.reason === 'hidden' ? 'import.skippedHidden' : 'import.skippedNoHeader', {
                      name: sheet.name,
                    }),
                  )
                  .join('、'),
              })}
              style={{ marginBottom: 8 }}
            />
          ) : null}
          <Typography.Title level={5}>{t('import.sample')}</Typography.Title>
          <Table
            rowKey={(row) => `${row.sheetName}\u0000${row.rowNumber}`}
            size="small"
            pagination={false}
            scroll={{ x: 700, y: 240 }}
            dataSource={preview.sample}
            columns={[
              {
                key: 'row',
                title: t('import.row'),
                width: 160,
                render: (_, row) => <SheetRow sheetName={row.sheetName} rowNumber={row.rowNumber} />,
              },
              { key: 'name', title: t('fields.name'), dataIndex: 'name' },
              { key: 'phones', title: t('fields.phones'), render: (_, row) => row.phones.join(' / ') },
              { key: 'source', title: t('fields.source'), dataIndex: 'sourceName' },
              { key: 'owner', title: t('fields.owner'), dataIndex: 'consultantName' },
            ]}
          />
          <ImportNotices notices={preview.notices} />
          {problems.length ? (
            <>
              <Space style={{ marginTop: 16 }}>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('import.problems')}
                </Typography.Title>
                <ExportButton
                  path={`/customer-imports/${preview.id}/problems/export`}
                  fallbackFileName="import-problems.xlsx"
                  label={t('import.exportProblems')}
                  size="small"
                />
              </Space>
              <Table<ImportProblem>
                rowKey="position"
                size="small"
                style={{ marginTop: 8 }}
                pagination={{ pageSize: 10 }}
                dataSource={problems}
                data-testid="import-problems"
                columns={[
                  {
                    key: 'row',
                    title: t('import.row'),
                    width: 160,
                    render: (_, row) => <SheetRow sheetName={row.sheetName} rowNumber={row.rowNumber} />,
                  },
                  { key: 'name', title: t('fields.name'), dataIndex: 'name', width: 140 },
                  {
                    key: 'problem',
                    title: t('import.problem'),
                    render: (_, row) => (
                      <Space direction="vertical" size={0}>
                        {row.errors.map((error) => (
                          <Typography.Text key={error} type="danger">
                            {error}
                          </Typography.Text>
                        ))}
                        {row.duplicateOf ? (
                          <Typography.Text type="warning">
                            {row.duplicateOf === 'database'
                              ? t('import.duplicateDatabase')
                              : t('import.duplicateRow', {
                                  at: row.duplicateSheet
                                    ? t('import.at', { sheet: row.duplicateSheet, row: row.duplicateRow })
                                    : t('import.atRow', { row: row.duplicateRow }),
                                })}
                          </Typography.Text>
                        ) : null}
                      </Space>
                    ),
                  },
                ]}
              />
            </>
          ) : null}
          {!job ? (
            <Space style={{ marginTop: 16 }} wrap>
              <Radio.Group value={mode} onChange={(event) => setMode(event.target.value)}>
                <Radio value="all_or_nothing">{t('import.allOrNothing')}</Radio>
                <Radio value="valid_only" disabled={preview.validRows === 0}>
                  {t('import.validOnly')}
                </Radio>
              </Radio.Group>
              <ActionButton
                type="primary"
                onClick={start}
                disabled={preview.validRows === 0 || unmapped > 0}
                data-testid="import-start"
              >
                {t('import.start')}
              </ActionButton>
              <ActionButton onClick={cancel}>{t('app:actions.cancel')}</ActionButton>
            </Space>
          ) : null}
        </Card>
      ) : null}
      {job ? (
        <Card size="small" style={{ marginTop: 16 }} data-testid="import-progress">
          {job.status === 'running' ? (
            <JobProgress
              done={job.processedRows}
              total={job.totalRows}
              label={t('import.statuses.running')}
              onCancel={() => void cancel()}
              isCancelling={job.isCancelRequested}
              testId="import-job"
            />
          ) : (
            <Result
              status={job.status === 'done' ? 'success' : job.status === 'failed' ? 'error' : 'info'}
              title={
                job.status === 'done'
                  ? t('import.done', { count: job.importedRows })
                  : t(`import.statuses.${job.status}`)
              }
              subTitle={job.failure === 'duplicate_since_preview' ? t('import.failedDuplicate') : undefined}
            />
          )}
        </Card>
      ) : null}
      <Card size="small" title={t('import.history')} style={{ marginTop: 16 }}>
        <Table<ImportJob>
          rowKey="id"
          size="small"
          data-testid="import-history"
          {...history.tableProps}
          columns={[
            {
              key: 'createdAt',
              title: t('import.createdAt'),
              render: (_, row) => formatTime(row.createdAt, 'YYYY-MM-DD HH:mm'),
            },
            { key: 'fileName', title: t('import.fileName'), dataIndex: 'fileName', ellipsis: true },
            {
              key: 'status',
              title: t('followUps.status'),
              render: (_, row) => <Tag>{t(`import.statuses.${row.status}`)}</Tag>,
            },
            { key: 'totalRows', title: t('import.total', { count: '' }).trim(), dataIndex: 'totalRows' },
            { key: 'imported', title: t('import.imported'), dataIndex: 'importedRows' },
          ]}
        />
      </Card>
    </>
  );
}
