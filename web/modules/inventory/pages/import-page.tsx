import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Card, Flex, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { ActionButton } from '../../../app/components/action-button';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useProjectSelection } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { statusColors } from '../components/status-colors';
import { type ImportPreview, inventoryApi, type UnitStatus, yuan } from '../inventory.api';

const actionColor = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' } as const;

function StatusTag({ status, label }: { status: UnitStatus; label: string }) {
  const colors = statusColors[status];
  return (
    <Tag style={{ background: colors.background, borderColor: colors.border, color: colors.text }}>
      {label}
    </Tag>
  );
}

export default function ImportPage() {
  const { t } = useTranslation('inventory');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const { projects: salesProjects, projectId, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);

  const choose = async (chosen: File) => {
    if (!projectId) return;
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setFailure(null);
    setBusy(true);
    try {
      setPreview(await inventoryApi.preview(projectId, chosen));
    } catch (error) {
      showError(error);
      // The reason stays on the page (a too-large file names its size and the limits).
      if (isApiError(error) && error.status !== 401)
        setFailure({
          title: error.status === 413 ? t('import.tooLarge') : error.message,
          message: error.status === 413 ? error.message : '',
        });
      setFile(null);
    } finally {
      setBusy(false);
    }
  };

  const commit = async (mode: 'all' | 'valid_only') => {
    if (!projectId || !file) return;
    setBusy(true);
    try {
      const done = await inventoryApi.commit(projectId, file, mode);
      const text =
        t('import.done', {
          created: done.created,
          updated: done.updated,
          skipped: done.skipped,
          soldBeforeSystem: done.soldBeforeSystem,
        }) + (done.priceListId ? `;${t('import.priceListCreated')}` : '');
      message.success(text);
      setResult(text);
      setPreview(null);
      setFile(null);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('import.title')}
        extra={
          <Space>
            <Select
              style={{ minWidth: 160 }}
              value={projectId ?? undefined}
              onChange={setProjectId}
              options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
            />
            <ExportButton
              path="/inventory/import-template"
              fallbackFileName="房源导入模板.xlsx"
              label={t('import.template')}
            />
          </Space>
        }
      />
      <Alert type="info" showIcon message={t('import.hint')} style={{ marginBottom: 12 }} />
      {result ? (
        <Alert
          type="success"
          showIcon
          message={result}
          style={{ marginBottom: 12 }}
          data-testid="import-result"
        />
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={failure.title}
          description={failure.message || undefined}
          style={{ marginBottom: 12 }}
          data-testid="import-error"
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            void choose(chosen);
            return false;
          }}
          disabled={busy || !projectId}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{file ? file.name : t('import.choose')}</p>
        </Upload.Dragger>
      </Card>
      {preview ? (
        <Card
          size="small"
          title={t('import.rows', preview.summary)}
          extra={
            <Space>
              <ActionButton
                type="primary"
                loading={busy}
                disabled={preview.summary.error > 0}
                onClick={() => commit('all')}
                data-testid="import-commit-all"
              >
                {t('import.commitAll')}
              </ActionButton>
              {preview.summary.error > 0 ? (
                <ActionButton
                  loading={busy}
                  onClick={() => commit('valid_only')}
                  data-testid="import-commit-valid"
                >
                  {t('import.commitValid')}
                </ActionButton>
              ) : null}
            </Space>
          }
        >
          {preview.summary.soldBeforeSystem > 0 ? (
            <Alert
              type="warning"
              showIcon
              message={t('import.soldBeforeSummary', { count: preview.summary.soldBeforeSystem })}
              style={{ marginBottom: 8 }}
              data-testid="import-sold-before"
            />
          ) : null}
          {preview.newBuildings.length ? (
            <Typography.Paragraph>
              {t('import.newBuildings', { names: preview.newBuildings.join('、') })}
            </Typography.Paragraph>
          ) : null}
          <Flex gap={12} wrap style={{ marginBottom: 12 }}>
            <Table
              style={{ flex: '3 1 520px' }}
              title={() => t('import.sheets')}
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={preview.sheets}
              data-testid="import-sheets"
              columns={[
                {
                  title: t('import.sheet'),
                  dataIndex: 'name',
                  render: (name: string, sheet) => (
                    <Space size={4} wrap>
                      {name}
                      {sheet.skipped ? <Tag>{t(`import.sheetSkipped.${sheet.skipped}`)}</Tag> : null}
                    </Space>
                  ),
                },
                { title: t('import.headerRow'), dataIndex: 'headerRow', width: 70 },
                { title: t('import.sheetRows'), dataIndex: 'rows', width: 60 },
                { title: t('import.actions.create'), dataIndex: 'create', width: 60 },
                { title: t('import.actions.update'), dataIndex: 'update', width: 60 },
                { title: t('import.actions.error'), dataIndex: 'error', width: 60 },
                { title: t('import.soldBeforeCount'), dataIndex: 'soldBeforeSystem', width: 90 },
              ]}
            />
            <Table
              style={{ flex: '2 1 300px' }}
              title={() => t('import.statusMapping')}
              rowKey="text"
              size="small"
              pagination={false}
              dataSource={preview.statusMapping}
              data-testid="import-status-mapping"
              columns={[
                {
                  title: t('import.statusText'),
                  dataIndex: 'text',
                  render: (text: string) => text || t('import.statusEmpty'),
                },
                {
                  title: t('import.unitStatus'),
                  dataIndex: 'status',
                  render: (status: UnitStatus) => <StatusTag status={status} label={t(`status.${status}`)} />,
                },
                { title: t('import.count'), dataIndex: 'count', width: 60 },
              ]}
            />
          </Flex>
          <Table
            rowKey={(row) => `${row.sheet}!${row.rowNumber}`}
            size="small"
            dataSource={preview.rows}
            pagination={{ pageSize: 100 }}
            scroll={{ x: 1100 }}
            data-testid="import-preview"
            columns={[
              { title: t('import.sheet'), dataIndex: 'sheet', width: 80 },
              { title: t('import.row'), dataIndex: 'rowNumber', width: 50 },
              {
                title: t('import.action'),
                dataIndex: 'action',
                width: 70,
                render: (action: keyof typeof actionColor) => (
                  <Tag color={actionColor[action]}>{t(`import.actions.${action}`)}</Tag>
                ),
              },
              { title: t('import.building'), dataIndex: 'building', width: 80 },
              { title: t('import.floor'), dataIndex: 'floor', width: 50 },
              { title: t('import.number'), dataIndex: 'number', width: 70 },
              {
                title: t('import.status'),
                dataIndex: 'status',
                render: (status: UnitStatus, row) => (
                  <Space size={2} wrap>
                    <StatusTag status={status} label={t(`status.${status}`)} />
                    {row.soldBeforeSystem ? <Tag color="magenta">{t('board.soldBefore')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('unit.layout'), dataIndex: 'layout' },
              { title: t('unit.buildingArea'), dataIndex: 'buildingArea', align: 'right' },
              { title: t('unit.innerArea'), dataIndex: 'innerArea', align: 'right' },
              { title: t('unit.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: yuan },
              { title: t('unit.total'), dataIndex: 'totalFen', align: 'right', render: yuan },
              {
                title: t('import.errors'),
                dataIndex: 'errors',
                render: (errors: string[], row) => (
                  <>
                    {errors.map((error) => (
                      <div key={error} style={{ color: '#cf1322' }}>
                        {error}
                      </div>
                    ))}
                    {row.warnings.map((warning) => (
                      <div key={warning} style={{ color: '#ad6800' }} data-testid="import-warning">
                        {warning}
                      </div>
                    ))}
                  </>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
