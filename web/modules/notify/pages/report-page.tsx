import { Card, Progress, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useApiQuery } from '../../../app/data/use-api-query';
import { projectDaysFromToday, shanghaiDayRange } from '../../../app/format';
import { notifyApi, type ReportRow } from '../notify.api';

export default function ReportPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    projectDaysFromToday(-29),
    projectDaysFromToday(0),
  ]);
  const bounds = shanghaiDayRange(range);
  const report = useApiQuery(
    bounds.from && bounds.to ? ['notify', 'report', bounds.from, bounds.to] : null,
    (signal) => notifyApi.report({ from: bounds.from ?? '', to: bounds.to ?? '' }, signal),
  );
  const columns: TableColumnsType<ReportRow> = [
    {
      title: t('notify:report.rule'),
      dataIndex: 'rule',
      width: 90,
      render: (value: string) => (value ? <Tag color="blue">{value}</Tag> : '—'),
    },
    { title: t('notify:report.event'), dataIndex: 'label' },
    { title: t('notify:report.total'), dataIndex: 'total', width: 80, align: 'right' },
    { title: t('notify:report.onTime'), dataIndex: 'onTime', width: 80, align: 'right' },
    { title: t('notify:report.late'), dataIndex: 'late', width: 80, align: 'right' },
    { title: t('notify:report.failed'), dataIndex: 'failed', width: 80, align: 'right' },
    { title: t('notify:report.waiting'), dataIndex: 'waiting', width: 90, align: 'right' },
    { title: t('notify:report.skipped'), dataIndex: 'skipped', width: 150, align: 'right' },
    {
      title: t('notify:report.averageDelay'),
      dataIndex: 'averageDelaySeconds',
      width: 110,
      align: 'right',
      render: (value: number | null) => (value === null ? '—' : t('notify:report.seconds', { value })),
    },
    {
      title: t('notify:report.rate'),
      dataIndex: 'onTimeRate',
      width: 160,
      render: (value: number | null) =>
        value === null ? (
          '—'
        ) : (
          <Progress
            percent={Math.round(value * 1000) / 10}
            size="small"
            status={value >= 0.95 ? 'success' : 'exception'}
          />
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('notify:report.title')}
        subtitle={t('notify:report.subtitle')}
        extra={
          <ZonedRangePicker
            value={range}
            allowClear={false}
            onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
            data-testid="report-range"
          />
        }
      />
      <Card>
        <Table<ReportRow>
          rowKey="event"
          loading={report.loading}
          columns={columns}
          dataSource={report.data?.rows ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('notify:report.empty') }}
          data-testid="report-table"
        />
      </Card>
    </>
  );
}
