import { Alert, Col, Row, Segmented, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardPeriod } from '../../../../contracts/dashboard';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ZonedDatePicker, ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useProjectSelection } from '../../../app/data/projects';
import { useApiQuery } from '../../../app/data/use-api-query';
import { projectDate, projectDaysFromToday } from '../../../app/format';
import { orgApi } from '../../org';
import { AttentionLists, RankingTable } from '../components/attention-lists';
import { FunnelChart, SourceChart, TrendChart } from '../components/dashboard-charts';
import { FigureCards } from '../components/figure-cards';
import { type DashboardQuery, dashboardApi } from '../dashboard.api';

const allProjects = '';
const holdHours = 24;

/** 案场看板: a manager's figures of the period (their own for a consultant), set out for a PC or a phone. */
export default function DashboardPage() {
  const { t } = useTranslation(['dashboard', 'app']);
  const selection = useProjectSelection({ kind: 'sales' });
  const [projectChoice, setProjectChoice] = useState<string | null>(null);
  const projectId = projectChoice ?? selection.projectId ?? allProjects;
  const [period, setPeriod] = useState<DashboardPeriod>('month');
  const [day, setDay] = useState<Dayjs>(() => projectDaysFromToday(0));
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    projectDaysFromToday(-6),
    projectDaysFromToday(0),
  ]);
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  // The same key and shape (the list of departments) as the org and staff pages, which share the answer.
  const departments = useApiQuery(['org', 'departments'], (signal) =>
    orgApi.findDepartments(signal).then((result) => result.items),
  );
  const query: DashboardQuery = {
    projectId: projectId || undefined,
    period,
    ...(period === 'custom'
      ? { fromDay: projectDate(range[0]), toDay: projectDate(range[1]) }
      : { day: projectDate(day) }),
    departmentId,
    holdHours,
  };
  const dashboard = useApiQuery(
    ['dashboard', 'sales', query],
    (signal) => dashboardApi.getSales(query, signal),
    {
      keepPrevious: true,
    },
  );
  const data = dashboard.data;
  const periods: DashboardPeriod[] = ['day', 'week', 'month', 'custom'];

  return (
    <>
      <PageHeader
        title={t('page.title')}
        subtitle={data ? t('page.subtitle', { from: data.fromDay, to: data.toDay }) : undefined}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 160 }}
              value={projectId}
              onChange={(value: string) => {
                setProjectChoice(value);
                if (value) selection.setProjectId(value);
              }}
              options={[
                { value: allProjects, label: t('page.allProjects') },
                ...selection.projects.map((project) => ({ value: project.id, label: project.name })),
              ]}
              data-testid="dashboard-project"
            />
            {data?.reach === 'own' ? null : (
              <Select
                allowClear
                style={{ minWidth: 140 }}
                placeholder={t('page.allTeams')}
                aria-label={t('page.team')}
                value={departmentId}
                onChange={setDepartmentId}
                options={(departments.data ?? []).map((item) => ({
                  value: item.id,
                  label: item.name,
                }))}
              />
            )}
            <Segmented<DashboardPeriod>
              value={period}
              onChange={setPeriod}
              options={periods.map((value) => ({ value, label: t(`page.period.${value}`) }))}
              data-testid="dashboard-period"
            />
            {period === 'custom' ? (
              <ZonedRangePicker
                allowClear={false}
                value={range}
                onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
              />
            ) : (
              <ZonedDatePicker allowClear={false} value={day} onChange={(value) => value && setDay(value)} />
            )}
            <ExportButton
              path="/dashboard/sales/export"
              query={{ ...query }}
              fallbackFileName="sales-dashboard.xlsx"
              label={t('page.export')}
            />
          </Space>
        }
      />
      {data?.reach === 'own' ? (
        <Alert type="info" showIcon message={t('page.own')} style={{ marginBottom: 12 }} />
      ) : null}
      {data ? (
        <div data-testid="sales-dashboard">
          <FigureCards data={data} />
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <FunnelChart data={data} />
            </Col>
            <Col xs={24} lg={12}>
              <SourceChart data={data} />
            </Col>
            <Col xs={24}>
              <TrendChart data={data} />
            </Col>
            <Col xs={24} xl={12}>
              <RankingTable data={data} />
            </Col>
            <Col xs={24} xl={12}>
              <AttentionLists data={data} holdHours={holdHours} />
            </Col>
          </Row>
        </div>
      ) : null}
    </>
  );
}
