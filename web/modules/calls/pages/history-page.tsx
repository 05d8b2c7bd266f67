import { Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { toRequestQuery, useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useApiQuery } from '../../../app/data/use-api-query';
import { formatTime, projectDayStrings } from '../../../app/format';
import { type Call, callsApi, conductSteps } from '../calls.api';
import { CallDetailDrawer } from '../components/call-detail-drawer';

interface Filters {
  deskId?: string;
  fromDay?: string;
  toDay?: string;
  status?: string;
  purposeId?: string;
  withinLimit?: string;
}

const seconds = (ms: number | null) => (ms === null ? '' : `${Math.round(ms / 1000)}″`);

export default function HistoryPage() {
  const { t } = useTranslation(['app', 'calls']);
  // The open call's detail lives in the address (`?callId=…`): the conformance drill-down links it.
  const [params, setParams] = useSearchParams();
  const openCallId = params.get('callId');
  const openCall = (callId: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (callId) next.set('callId', callId);
        else next.delete('callId');
        return next;
      },
      { replace: !callId },
    );
  const desks = useApiQuery(['calls', 'desks'], (signal) => callsApi.findDesks(signal));
  const purposes = useApiQuery(['calls', 'purposes'], (signal) => callsApi.findPurposes(signal));
  const table = useServerTable<Call, Filters>(
    (query, signal) => callsApi.findCalls(toRequestQuery(query), signal),
    { queryKey: ['calls', 'history'], filters: {} },
  );
  const purposeLabel = useMemo(
    () => new Map((purposes.data?.items ?? []).map((purpose) => [purpose.id, purpose.label])),
    [purposes.data],
  );
  const deskName = useMemo(
    () => new Map((desks.data?.items ?? []).map((desk) => [desk.id, desk.name])),
    [desks.data],
  );

  return (
    <>
      <PageHeader
        title={t('calls:history.title')}
        extra={<ExportButton path="/calls/export" query={table.exportQuery} fallbackFileName="calls.xlsx" />}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('calls:history.desk')}
          options={(desks.data?.items ?? []).map((desk) => ({ value: desk.id, label: desk.name }))}
          onChange={(deskId) => table.setFilters({ deskId })}
        />
        <ZonedRangePicker
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
            const [fromDay, toDay] = projectDayStrings(range);
            table.setFilters({ fromDay, toDay });
          }}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('calls:history.status')}
          options={(['ringing', 'answered', 'on_hold', 'ended', 'missed'] as const).map((value) => ({
            value,
            label: t(`calls:status.${value}`),
          }))}
          onChange={(status) => table.setFilters({ status })}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('calls:history.purpose')}
          options={(purposes.data?.items ?? []).map((purpose) => ({
            value: purpose.id,
            label: purpose.label,
          }))}
          onChange={(purposeId) => table.setFilters({ purposeId })}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('calls:history.withinLimit')}
          options={[
            { value: 'true', label: t('calls:history.yes') },
            { value: 'false', label: t('calls:history.no') },
          ]}
          onChange={(withinLimit) => table.setFilters({ withinLimit })}
        />
      </Space>
      <Table<Call>
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        {...table.tableProps}
        onRow={(row) => ({
          onClick: () => openCall(row.id),
          style: { cursor: 'pointer' },
          'data-testid': 'history-row',
        })}
        columns={[
          {
            key: 'ringingAt',
            title: t('calls:history.ringingAt'),
            dataIndex: 'ringingAt',
            sorter: true,
            sortOrder: table.sortOrderFor('ringingAt'),
            render: (value: string) => formatTime(value),
            width: 150,
          },
          { key: 'desk', title: t('calls:history.desk'), render: (_, row) => deskName.get(row.deskId) ?? '' },
          {
            key: 'caller',
            title: t('calls:history.caller'),
            render: (_, row) => `${row.callerNumberDisplay}${row.callerName ? ` ${row.callerName}` : ''}`,
          },
          {
            key: 'status',
            title: t('calls:history.status'),
            render: (_, row) => (
              <Tag color={row.status === 'missed' ? 'red' : undefined}>{t(`calls:status.${row.status}`)}</Tag>
            ),
          },
          { key: 'answeredBy', title: t('calls:history.answeredBy'), dataIndex: 'answeredByName' },
          {
            key: 'ringMs',
            title: t('calls:history.rings'),
            sorter: true,
            sortOrder: table.sortOrderFor('ringMs'),
            render: (_, row) =>
              row.rings ? (
                <Tag
                  color={row.isAnsweredWithinLimit ? 'green' : 'red'}
                >{`${row.rings} / ${seconds(row.ringMs)}`}</Tag>
              ) : (
                ''
              ),
          },
          {
            key: 'holdMs',
            title: t('calls:history.hold'),
            sorter: true,
            sortOrder: table.sortOrderFor('holdMs'),
            render: (_, row) => seconds(row.holdMs),
          },
          {
            key: 'talkMs',
            title: t('calls:history.talk'),
            sorter: true,
            sortOrder: table.sortOrderFor('talkMs'),
            render: (_, row) => seconds(row.talkMs),
          },
          {
            key: 'released',
            title: t('calls:history.hungUpFirst'),
            render: (_, row) =>
              row.releasedBy ? (
                <span data-testid="history-released" data-released-by={row.releasedBy}>
                  {t(`calls:released.${row.releasedBy}`)}
                </span>
              ) : (
                ''
              ),
          },
          {
            key: 'conduct',
            title: t('calls:history.conduct'),
            render: (_, row) =>
              row.status === 'ended'
                ? t('calls:history.conductDone', {
                    done: row.conductSteps.length,
                    total: conductSteps.length,
                  })
                : '',
          },
          {
            key: 'purpose',
            title: t('calls:history.purpose'),
            render: (_, row) => (row.purposeId ? purposeLabel.get(row.purposeId) : ''),
          },
          { key: 'notes', title: t('calls:history.notes'), dataIndex: 'notes', ellipsis: true },
        ]}
      />
      <CallDetailDrawer callId={openCallId} onClose={() => openCall(null)} />
    </>
  );
}
