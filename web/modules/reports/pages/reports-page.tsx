import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth';
import { DownloadButton, ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useProjects } from '../../../app/data/projects';
import { useApiQuery } from '../../../app/data/use-api-query';
import { formatTime, projectDayStart, projectDayStrings } from '../../../app/format';
import { GenerateModal } from '../components/generate-modal';
import { type DailyReportItem, type DailyReportKind, type ReportFilters, reportsApi } from '../reports.api';

const dash = '—';

/** The daily report archive: filters, the list (server paged), its Excel export, each PDF, "generate now". */
export default function ReportsPage() {
  const { t } = useTranslation(['reports', 'app']);
  const user = useCurrentUser();
  const canGenerate = user.roles.some((grant) => grant.role === 'admin' || grant.role === 'manager');
  const [params] = useSearchParams();
  // A notification links here with the report's project and day.
  const linkedDay = params.get('day') ?? undefined;
  const initialFilters: ReportFilters = {
    projectId: params.get('projectId') ?? undefined,
    fromDay: linkedDay,
    toDay: linkedDay,
  };
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(
    linkedDay ? [projectDayStart(linkedDay), projectDayStart(linkedDay)] : null,
  );
  const [isGenerating, setGenerating] = useState(false);
  const { projects } = useProjects();
  const table = useServerTable<DailyReportItem, ReportFilters>(
    (query, signal) =>
      reportsApi.findReports(
        {
          ...query.filters,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
          order: query.order,
        },
        signal,
      ),
    { filters: initialFilters, pageSize: 20, queryKey: ['reports', 'daily'] },
  );
  const projectId = table.query.filters.projectId;
  const desks = useApiQuery(projectId ? ['reports', 'desks', projectId] : null, (signal) =>
    reportsApi.findDesks(projectId ?? '', signal),
  );
  const generatable = projects.filter((project) =>
    user.roles.some(
      (grant) =>
        grant.role === 'admin' ||
        (grant.role === 'manager' && (grant.projectId === null || grant.projectId === project.id)),
    ),
  );

  const columns: TableColumnsType<DailyReportItem> = [
    {
      title: t('reports:columns.day'),
      dataIndex: 'day',
      key: 'day',
      width: 110,
      sorter: true,
      sortOrder: table.sortOrderFor('day'),
    },
    {
      title: t('reports:columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (value: DailyReportKind) => (
        <Tag color={value === 'project' ? 'blue' : 'geekblue'}>{t(`reports:kind.${value}`)}</Tag>
      ),
    },
    { title: t('reports:columns.project'), dataIndex: 'projectName', width: 140, ellipsis: true },
    {
      title: t('reports:columns.desk'),
      dataIndex: 'deskName',
      width: 130,
      ellipsis: true,
      render: (value: string | null) => value ?? dash,
    },
    { title: t('reports:columns.calls'), key: 'calls', width: 70, render: (_, row) => row.summary.calls },
    {
      title: t('reports:columns.missedCalls'),
      key: 'missedCalls',
      width: 70,
      render: (_, row) => row.summary.missedCalls,
    },
    {
      title: t('reports:columns.withinLimit'),
      key: 'withinLimit',
      width: 100,
      render: (_, row) =>
        row.summary.withinLimitPercent === null ? dash : `${row.summary.withinLimitPercent}%`,
    },
    {
      title: t('reports:columns.messages'),
      key: 'messages',
      width: 70,
      render: (_, row) => row.summary.messages,
    },
    {
      title: t('reports:columns.incidents'),
      key: 'incidents',
      width: 90,
      render: (_, row) => row.summary.incidents,
    },
    {
      title: t('reports:columns.misses'),
      key: 'misses',
      width: 80,
      render: (_, row) => row.summary.conformanceMissed ?? dash,
    },
    {
      title: t('reports:columns.generatedAt'),
      dataIndex: 'generatedAt',
      width: 130,
      render: (value: string) => formatTime(value, 'MM-DD HH:mm'),
    },
    {
      title: t('reports:columns.generatedBy'),
      dataIndex: 'generatedByName',
      width: 100,
      render: (value: string | null) => value ?? t('reports:schedule'),
    },
    {
      title: t('reports:columns.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, row) => (
        <DownloadButton
          path={reportsApi.pdfPath(row.id)}
          fallbackFileName={`${row.title}.pdf`}
          icon={<FilePdfOutlined />}
          label={t('reports:page.download')}
          workingLabel={t('reports:page.downloading')}
          size="small"
          testId={`report-pdf-${row.day}-${row.kind}`}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('reports:page.title')}
        subtitle={t('reports:page.subtitle')}
        extra={
          <Flex gap={8} wrap>
            {canGenerate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setGenerating(true)}
                data-testid="report-generate-open"
              >
                {t('reports:page.generate')}
              </Button>
            ) : null}
            <ExportButton
              path={reportsApi.exportPath}
              query={table.exportQuery}
              fallbackFileName="daily-reports.xlsx"
            />
          </Flex>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('reports:filters.project')}
            value={projectId}
            style={{ width: 180 }}
            options={projects.map((project) => ({ value: project.id, label: project.name }))}
            onChange={(value?: string) => table.setFilters({ projectId: value, deskId: undefined })}
            data-testid="report-filter-project"
          />
          <Select
            allowClear
            disabled={!projectId}
            placeholder={t('reports:filters.desk')}
            value={table.query.filters.deskId}
            style={{ width: 160 }}
            options={(desks.data ?? []).map((desk) => ({ value: desk.id, label: desk.name }))}
            onChange={(value?: string) => table.setFilters({ deskId: value })}
            data-testid="report-filter-desk"
          />
          <Select
            allowClear
            placeholder={t('reports:filters.kind')}
            value={table.query.filters.kind}
            style={{ width: 130 }}
            options={(['project', 'desk'] as const).map((kind) => ({
              value: kind,
              label: t(`reports:kind.${kind}`),
            }))}
            onChange={(value?: DailyReportKind) => table.setFilters({ kind: value })}
            data-testid="report-filter-kind"
          />
          <ZonedRangePicker
            value={days}
            onChange={(range) => {
              setDays(range);
              const [fromDay, toDay] = projectDayStrings(range);
              table.setFilters({ fromDay, toDay });
            }}
            data-testid="report-filter-days"
          />
          <Button
            onClick={() => {
              setDays(null);
              table.setFilters({
                projectId: undefined,
                deskId: undefined,
                kind: undefined,
                fromDay: undefined,
                toDay: undefined,
              });
            }}
          >
            {t('reports:filters.reset')}
          </Button>
        </Flex>
        <Table<DailyReportItem>
          rowKey="id"
          size="small"
          columns={columns}
          scroll={{ x: 1100 }}
          data-testid="report-table"
          {...table.tableProps}
        />
      </Card>
      <GenerateModal
        open={isGenerating}
        projects={generatable}
        defaultProjectId={projectId}
        onClose={() => setGenerating(false)}
        onDone={() => {
          setGenerating(false);
          table.reload();
        }}
      />
    </>
  );
}
