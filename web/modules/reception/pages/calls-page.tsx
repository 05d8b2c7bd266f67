import { Card, Col, Empty, Row, Statistic, Table, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useProjectSelection } from '../../../app/data/projects';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { formatTime, projectDate, projectDaysFromToday } from '../../../app/format';
import { ConformancePanel } from '../../conformance';
import { receptionApi, type SalesCall, type VisitRow } from '../reception.api';

function dayOf(value: Dayjs): string {
  return projectDate(value);
}

function BarChart({ labels, values, height = 240 }: { labels: string[]; values: number[]; height?: number }) {
  return (
    <ReactECharts
      style={{ height }}
      option={{
        grid: { left: 40, right: 16, top: 16, bottom: 40 },
        tooltip: { trigger: 'axis' },
        xAxis: {
          type: 'category',
          data: labels,
          axisLabel: { interval: 0, rotate: labels.length > 8 ? 40 : 0 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: values, itemStyle: { color: '#1f6fbf' } }],
      }}
    />
  );
}

export default function CallsPage() {
  const { t } = useTranslation(['reception', 'customers']);
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    projectDaysFromToday(-6),
    projectDaysFromToday(0),
  ]);
  const filters = { dayFrom: dayOf(range[0]), dayTo: dayOf(range[1]) };
  const calls = useServerTable<SalesCall, { dayFrom: string; dayTo: string }>(
    (query, signal) =>
      projectId
        ? receptionApi.findCalls(
            { projectId, ...query.filters, page: query.page, pageSize: query.pageSize },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters, scope: projectId },
  );
  const visits = useServerTable<VisitRow, { dayFrom: string; dayTo: string }>(
    (query, signal) =>
      projectId
        ? receptionApi.findVisits(
            { projectId, ...query.filters, page: query.page, pageSize: query.pageSize },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters, scope: projectId },
  );
  const stats = useApiQuery(
    keyed(['reception', 'call-stats'], projectId ? `${projectId}:${filters.dayFrom}:${filters.dayTo}` : null),
    (signal) => receptionApi.getStats({ projectId: projectId ?? '', ...filters }, signal),
  );
  const changeRange = (value: [Dayjs | null, Dayjs | null] | null) => {
    if (!value?.[0] || !value[1]) return;
    setRange([value[0], value[1]]);
    const next = { dayFrom: dayOf(value[0]), dayTo: dayOf(value[1]) };
    calls.setFilters(next);
    visits.setFilters(next);
  };
  if (!projectId) return <PageHeader title={t('calls.title')} subtitle={t('customers:project.none')} />;
  return (
    <>
      <PageHeader
        title={t('calls.title')}
        subtitle={t('calls.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <ZonedRangePicker value={range} onChange={changeRange} allowClear={false} />
          </>
        }
      />
      <Tabs
        items={[
          {
            key: 'register',
            label: t('calls.register'),
            children: (
              <Card size="small">
                <ExportButton
                  path="/reception/calls/export"
                  query={{ projectId, ...calls.exportQuery }}
                  fallbackFileName={t('calls.exportFileName')}
                />
                <Table<SalesCall>
                  rowKey="id"
                  size="middle"
                  style={{ marginTop: 12 }}
                  scroll={{ x: 1000 }}
                  {...calls.tableProps}
                  data-testid="calls-table"
                  expandable={{
                    // A sales call's conformance checks (SA-*), read when the row is opened.
                    rowExpandable: (row) => !row.isOpen,
                    expandedRowRender: (row) => <ConformancePanel kind="sales_call" id={row.id} />,
                  }}
                  columns={[
                    {
                      key: 'time',
                      title: t('calls.time'),
                      render: (_, row) => formatTime(row.answeredAt, 'MM-DD HH:mm'),
                    },
                    { key: 'staff', title: t('calls.staff'), dataIndex: 'staffName' },
                    {
                      key: 'name',
                      title: t('call.callerName'),
                      render: (_, row) =>
                        row.customerId ? (
                          <Link to={`/customers/${row.customerId}`}>{row.callerName}</Link>
                        ) : (
                          row.callerName
                        ),
                    },
                    { key: 'phone', title: t('call.callerPhone'), dataIndex: 'callerPhone' },
                    { key: 'questions', title: t('call.questions'), dataIndex: 'questions', ellipsis: true },
                    { key: 'intent', title: t('customers:fields.intentLayout'), dataIndex: 'intentLayout' },
                    {
                      key: 'result',
                      title: t('call.result'),
                      render: (_, row) =>
                        row.isOpen ? <Tag color="blue">…</Tag> : t(`call.results.${row.result}`),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'stats',
            label: t('calls.stats'),
            children: stats.data ? (
              <Row gutter={[16, 16]}>
                <Col xs={24} md={6}>
                  <Card size="small">
                    <Statistic title={t('calls.total')} value={stats.data.total} />
                  </Card>
                </Col>
                <Col xs={24} md={18}>
                  <Card size="small" title={t('calls.byDay')}>
                    <BarChart
                      labels={stats.data.byDay.map((row) => row.day.slice(5))}
                      values={stats.data.byDay.map((row) => row.count)}
                      height={180}
                    />
                  </Card>
                </Col>
                <Col xs={24} lg={12}>
                  <Card size="small" title={t('calls.bySource')}>
                    {stats.data.bySource.length ? (
                      <BarChart
                        labels={stats.data.bySource.map((row) => row.name || t('calls.unknownSource'))}
                        values={stats.data.bySource.map((row) => row.count)}
                      />
                    ) : (
                      <Empty />
                    )}
                  </Card>
                </Col>
                <Col xs={24} lg={12}>
                  <Card size="small" title={t('calls.byStaff')}>
                    {stats.data.byStaff.length ? (
                      <BarChart
                        labels={stats.data.byStaff.map((row) => row.name)}
                        values={stats.data.byStaff.map((row) => row.count)}
                      />
                    ) : (
                      <Empty />
                    )}
                  </Card>
                </Col>
                <Col xs={24}>
                  <Card size="small" title={t('calls.byHour')}>
                    <BarChart
                      labels={stats.data.byHour.map((row) => `${row.hour}`)}
                      values={stats.data.byHour.map((row) => row.count)}
                    />
                  </Card>
                </Col>
              </Row>
            ) : (
              <Card loading />
            ),
          },
          {
            key: 'visits',
            label: t('calls.visits'),
            children: (
              <Card size="small">
                <ExportButton
                  path="/reception/visits/export"
                  query={{ projectId, ...visits.exportQuery }}
                  fallbackFileName={t('calls.visitsExportFileName')}
                />
                <Table<VisitRow>
                  rowKey="id"
                  size="middle"
                  data-testid="visits-table"
                  style={{ marginTop: 12 }}
                  scroll={{ x: 800 }}
                  {...visits.tableProps}
                  columns={[
                    {
                      key: 'arrivedAt',
                      title: t('calls.arrivedAt'),
                      render: (_, row) => (
                        <Link to={`/reception/visits/${row.id}`}>
                          {formatTime(row.arrivedAt, 'MM-DD HH:mm')}
                        </Link>
                      ),
                    },
                    {
                      key: 'leftAt',
                      title: t('calls.leftAt'),
                      render: (_, row) => formatTime(row.leftAt, 'HH:mm'),
                    },
                    { key: 'staff', title: t('calls.staff'), dataIndex: 'staffName' },
                    {
                      key: 'customer',
                      title: t('customers:fields.name'),
                      render: (_, row) => <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link>,
                    },
                    { key: 'party', title: t('visit.partySize'), dataIndex: 'partySize' },
                    {
                      key: 'kind',
                      title: t('visit.visitorKind'),
                      render: (_, row) => t(`visit.kinds.${row.visitorKind}`),
                    },
                    {
                      key: 'phone',
                      title: t('customers:fields.phone'),
                      render: (_, row) => (row.isPhoneRefused ? <Tag>{t('visit.refused')}</Tag> : ''),
                    },
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
    </>
  );
}
