import { Card } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useTranslation } from 'react-i18next';
import type { SalesDashboard } from '../dashboard.api';

/** The charts take the card's whole width; on a phone the cards stack, so each chart is full width. */
const chartStyle = { height: 280, width: '100%' };

/** Call/visit → registered → plan → deposit → agreement → contract → paid, counts of the period. */
export function FunnelChart({ data }: { data: SalesDashboard }) {
  const { t } = useTranslation('dashboard');
  return (
    <Card size="small" title={t('funnel.title')} data-testid="dashboard-funnel">
      <ReactECharts
        style={chartStyle}
        option={{
          tooltip: { trigger: 'item', formatter: '{b}: {c}' },
          series: [
            {
              type: 'funnel',
              sort: 'none',
              // The labels sit beside the funnel: late stages are narrow, and a count of 0 has no width at all.
              left: '4%',
              width: '56%',
              minSize: '12%',
              gap: 2,
              label: { show: true, position: 'right', formatter: '{b} {c}' },
              labelLine: { show: true },
              data: data.funnel.map((stage) => ({ name: t(`funnel.${stage.stage}`), value: stage.count })),
            },
          ],
        }}
      />
    </Card>
  );
}

export function SourceChart({ data }: { data: SalesDashboard }) {
  const { t } = useTranslation('dashboard');
  return (
    <Card size="small" title={t('sources.title')} data-testid="dashboard-sources">
      <ReactECharts
        style={chartStyle}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: data.sources.map((source) => source.name) },
          series: [
            { name: t('sources.calls'), type: 'bar', stack: 'all', data: data.sources.map((s) => s.calls) },
            { name: t('sources.visits'), type: 'bar', stack: 'all', data: data.sources.map((s) => s.visits) },
          ],
        }}
      />
    </Card>
  );
}

export function TrendChart({ data }: { data: SalesDashboard }) {
  const { t } = useTranslation('dashboard');
  return (
    <Card size="small" title={t('trend.title')} data-testid="dashboard-trend">
      <ReactECharts
        style={chartStyle}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: 'category', data: data.trend.map((point) => point.day.slice(5)) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: t('trend.calls'), type: 'line', data: data.trend.map((point) => point.calls) },
            { name: t('trend.visits'), type: 'line', data: data.trend.map((point) => point.visits) },
            { name: t('trend.agreements'), type: 'bar', data: data.trend.map((point) => point.agreements) },
          ],
        }}
      />
    </Card>
  );
}
