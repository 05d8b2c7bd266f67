import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { formatTime, shanghaiDayRange } from '../../../app/format';
import { callsApi, type RecordingPlay, type RecordingPlayFilters } from '../calls.api';

/** The administrator's and the DPO's log of every playback of a call recording (server-side paging). */
export default function RecordingPlaysPage() {
  const { t } = useTranslation(['calls', 'app']);
  const table = useServerTable<RecordingPlay, RecordingPlayFilters>(
    (query, signal) =>
      callsApi.findRecordingPlays({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal),
    { filters: {}, pageSize: 50 },
  );
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [listener, setListener] = useState<string>();
  const { filters } = table.query;

  const columns: TableColumnsType<RecordingPlay> = [
    {
      key: 'playedAt',
      title: t('recording.playedAt'),
      width: 170,
      render: (_, row) => formatTime(row.playedAt),
    },
    {
      key: 'listener',
      title: t('recording.listener'),
      width: 130,
      render: (_, row) => (
        <Typography.Link
          onClick={() => {
            setListener(row.staffName);
            table.setFilters({ staffId: row.staffId });
          }}
        >
          {row.staffName}
        </Typography.Link>
      ),
    },
    { key: 'project', title: t('recording.project'), width: 160, render: (_, row) => row.projectName },
    { key: 'desk', title: t('recording.desk'), width: 160, render: (_, row) => row.deskName },
    {
      key: 'callTime',
      title: t('recording.callTime'),
      width: 170,
      render: (_, row) => formatTime(row.callRingingAt),
    },
    { key: 'answeredBy', title: t('recording.answeredBy'), render: (_, row) => row.answeredByName || '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('recording.playsTitle')}
        subtitle={t('recording.playsSubtitle')}
        extra={
          <ExportButton
            path="/call-recording-plays/export"
            query={table.exportQuery}
            fallbackFileName={t('recording.exportFileName')}
          />
        }
      />
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          {filters.staffId ? (
            <Tag closable onClose={() => table.setFilters({ staffId: undefined })}>
              {t('recording.listener')}:{listener}
            </Tag>
          ) : null}
          <ZonedRangePicker
            value={range}
            placeholder={[t('recording.dateFrom'), t('recording.dateTo')]}
            allowEmpty={[true, true]}
            onChange={(next) => {
              setRange(next);
              table.setFilters(shanghaiDayRange(next));
            }}
          />
          <Button
            onClick={() => {
              setRange(null);
              setListener(undefined);
              table.resetFilters();
            }}
          >
            {t('recording.reset')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('app:actions.refresh')} />
        </Flex>
        <Table<RecordingPlay>
          rowKey="id"
          size="middle"
          columns={columns}
          scroll={{ x: 900 }}
          {...table.tableProps}
          data-testid="recording-plays-table"
        />
      </Card>
    </>
  );
}
