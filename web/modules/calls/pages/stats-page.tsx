import { Card, Col, Row, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useApiQuery } from '../../../app/data/use-api-query';
import { projectDate, projectDaysFromToday } from '../../../app/format';
import { type CallStats, callsApi, type StatsFigures } from '../calls.api';

/** CS-1, SEC-1, SEC-6: per desk, day, hour, agent and purpose. */
export default function StatsPage() {
  const { t } = useTranslation();
  const desks = useApiQuery(['calls', 'desks'], (signal) => callsApi.findDesks(signal));
  const [deskId, setDeskId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    projectDaysFromToday(-6),
    projectDaysFromToday(0),
  ]);
  const query = { deskId, fromDay: projectDate(range[0]), toDay: projectDate(range[1]) };
  const stats = useApiQuery(['calls', 'stats', query], (signal) => callsApi.getStats(query, signal), {
    keepPrevious: true,
  });
  const data = stats.data;
  const percent = (value: number | null) => (value === null ? '—' : `${value}%`);

  type AgentRow = CallStats['byAgent'][number];
  const figureColumns: TableColumnsType<AgentRow> = [
    { key: 'calls', title: t('calls:stats.calls'), dataIndex: 'calls' },
    { key: 'answered', title: t('calls:stats.answered'), dataIndex: 'answered' },
    { key: 'missed', title: t('calls:stats.missed'), dataIndex: 'missed' },
    {
      key: 'within',
      title: t('calls:stats.withinLimit'),
      render: (_: unknown, row: StatsFigures) => percent(row.withinLimitPercent),
    },
    {
      key: 'ringsAvg',
      title: t('calls:stats.ringsAvg'),
      render: (_: unknown, row: StatsFigures) => row.ringsAverage ?? '—',
    },
    {
      key: 'ringsP90',
      title: t('calls:stats.ringsP90'),
      render: (_: unknown, row: StatsFigures) => row.ringsP90 ?? '—',
    },
    {
      key: 'hold',
      title: t('calls:stats.holdTotal'),
      render: (_: unknown, row: StatsFigures) => t('calls:stats.seconds', { value: row.holdSecondsTotal }),
    },
    {
      key: 'callerFirst',
      title: t('calls:stats.callerFirst'),
      render: (_: unknown, row: StatsFigures) => percent(row.callerHungUpFirstPercent),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('calls:stats.title')}
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('calls:history.desk')}
              value={deskId}
              onChange={setDeskId}
              options={(desks.data?.items ?? []).map((desk) => ({ value: desk.id, label: desk.name }))}
            />
            <ZonedRangePicker
              allowClear={false}
              value={range}
              onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
            />
            <ExportButton path="/calls/stats/export" query={query} fallbackFileName="call-stats.xlsx" />
          </Space>
        }
      />
      {data ? (
        <>
          <Row gutter={[12, 12]}>
            {(
              [
                ['calls', data.summary.calls],
                ['answered', data.summary.answered],
                ['missed', data.summary.missed],
                ['withinLimit', percent(data.summary.withinLimitPercent)],
                ['ringsP90', data.summary.ringsP90 ?? '—'],
                ['callerFirst', percent(data.summary.callerHungUpFirstPercent)],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={4}>
                <Card size="small">
                  <Statistic title={t(`calls:stats.${key}`)} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('calls:stats.byDay')}>
                <ReactECharts
                  style={{ height: 260 }}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 36, right: 36, top: 32, bottom: 24 },
                    xAxis: { type: 'category', data: data.byDay.map((row) => row.day.slice(5)) },
                    yAxis: [
                      { type: 'value' },
                      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                    ],
                    series: [
                      {
                        name: t('calls:stats.answered'),
                        type: 'bar',
                        stack: 'calls',
                        data: data.byDay.map((row) => row.answered),
                      },
                      {
                        name: t('calls:stats.missed'),
                        type: 'bar',
                        stack: 'calls',
                        data: data.byDay.map((row) => row.missed),
                      },
                      {
                        name: t('calls:stats.withinLimit'),
                        type: 'line',
                        yAxisIndex: 1,
                        data: data.byDay.map((row) => row.withinLimitPercent),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('calls:stats.byHour')}>
                <ReactECharts
                  style={{ height: 260 }}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { top: 0 },
                    grid: { left: 36, right: 36, top: 32, bottom: 24 },
                    xAxis: { type: 'category', data: data.byHour.map((row) => `${row.hour}`) },
                    yAxis: [{ type: 'value' }, { type: 'value' }],
                    series: [
                      {
                        name: t('calls:stats.calls'),
                        type: 'bar',
                        data: data.byHour.map((row) => row.calls),
                      },
                      {
                        name: t('calls:stats.ringsAvg'),
                        type: 'line',
                        yAxisIndex: 1,
                        data: data.byHour.map((row) => row.ringsAverage),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col span={24}>
              {/* The per-agent figures take the whole width; the names stay in view when it scrolls. */}
              <Card size="small" title={t('calls:stats.byAgent')} data-testid="stats-by-agent">
                <Table<AgentRow>
                  size="small"
                  rowKey={(row) => row.staffId ?? '-'}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={data.byAgent}
                  columns={[
                    {
                      key: 'name',
                      title: t('calls:stats.agent'),
                      fixed: 'left',
                      render: (_: unknown, row: AgentRow) => row.name || t('calls:stats.unknown'),
                    },
                    ...figureColumns,
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('calls:stats.byPurpose')}>
                <ReactECharts
                  style={{ height: 260 }}
                  option={{
                    tooltip: { trigger: 'item' },
                    series: [
                      {
                        type: 'pie',
                        radius: ['35%', '65%'],
                        data: data.byPurpose.map((row) => ({
                          name: row.label || t('calls:stats.unknown'),
                          value: row.calls,
                        })),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}
