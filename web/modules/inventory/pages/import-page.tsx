import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useErrorHandler } from '../../../app/errors';
import { useSalesProject } from '../components/use-sales-project';
import { type ImportPreview, inventoryApi, yuan } from '../inventory.api';

const actionColor = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' } as const;

export default function ImportPage() {
  const { t } = useTranslation('inventory');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const { salesProjects, projectId, setProjectId } = useSalesProject();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const choose = async (chosen: File) => {
    if (!projectId) return;
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setBusy(true);
    try {
      setPreview(await inventoryApi.preview(projectId, chosen));
    } catch (error) {
      showError(error);
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
        t('import.done', { created: done.created, updated: done.updated, skipped: done.skipped }) +
        (done.priceListId ? `;${t('import.priceListCreated')}` : '');
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
              <Button
                type="primary"
                loading={busy}
                disabled={preview.summary.error > 0}
                onClick={() => void commit('all')}
                data-testid="import-commit-all"
              >
                {t('import.commitAll')}
              </Button>
              {preview.summary.error > 0 ? (
                <Button
                  loading={busy}
                  onClick={() => void commit('valid_only')}
                  data-testid="import-commit-valid"
                >
                  {t('import.commitValid')}
                </Button>
              ) : null}
            </Space>
          }
        >
          {preview.newBuildings.length ? (
            <Typography.Paragraph>
              {t('import.newBuildings', { names: preview.newBuildings.join('、') })}
            </Typography.Paragraph>
          ) : null}
          <Table
            rowKey="rowNumber"
            size="small"
            dataSource={preview.rows}
            pagination={{ pageSize: 100 }}
            data-testid="import-preview"
            columns={[
              { title: t('import.row'), dataIndex: 'rowNumber', width: 60 },
              {
                title: t('import.action'),
                dataIndex: 'action',
                width: 80,
                render: (action: keyof typeof actionColor) => (
                  <Tag color={actionColor[action]}>{t(`import.actions.${action}`)}</Tag>
                ),
              },
              { title: '楼栋', dataIndex: 'building' },
              { title: '楼层', dataIndex: 'floor', width: 60 },
              { title: '房号', dataIndex: 'number' },
              { title: t('unit.layout'), dataIndex: 'layout' },
              { title: t('unit.buildingArea'), dataIndex: 'buildingArea', align: 'right' },
              { title: t('unit.innerArea'), dataIndex: 'innerArea', align: 'right' },
              { title: t('unit.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: yuan },
              { title: t('unit.total'), dataIndex: 'totalFen', align: 'right', render: yuan },
              {
                title: t('import.errors'),
                dataIndex: 'errors',
                render: (errors: string[]) =>
                  errors.map((error) => (
                    <div key={error} style={{ color: '#cf1322' }}>
                      {error}
                    </div>
                  )),
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
