import { App, Button, Input, Select, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { toRequestQuery, useServerTable } from '../../../app/components/use-server-table';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { callsApi, type Incident, type LeaderCall } from '../calls.api';

interface Filters {
  deskId?: string;
  status?: string;
  emergencyOnly?: string;
}

/** SEC-5 timelines (reported → dispatched → resolved) and SEC-4 leader calls followed to closure. */
export default function RecordsPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { showError } = useErrorHandler();
  const desks = useApiQuery(['calls', 'desks'], (signal) => callsApi.findDesks(signal));
  const incidents = useServerTable<Incident, Filters>(
    (query, signal) => callsApi.findIncidents(toRequestQuery(query), signal),
    { queryKey: ['calls', 'incidents'], filters: {} },
  );
  const leaders = useServerTable<LeaderCall, Filters>(
    (query, signal) => callsApi.findLeaderCalls(toRequestQuery(query), signal),
    { queryKey: ['calls', 'leader-calls'], filters: {} },
  );
  const deskOptions = (desks.data?.items ?? []).map((desk) => ({ value: desk.id, label: desk.name }));

  const askNote = (title: string, run: (note: string) => Promise<unknown>, reload: () => void) => {
    let note = '';
    modal.confirm({
      title,
      content: <Input.TextArea rows={3} maxLength={1000} onChange={(event) => (note = event.target.value)} />,
      onOk: () =>
        run(note)
          .then(reload)
          .catch((error: unknown) => {
            showError(error);
          }),
    });
  };

  return (
    <>
      <PageHeader title={t('calls:menu.records')} />
      <Tabs
        items={[
          {
            key: 'incidents',
            label: t('calls:desk.emergency'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select
                    allowClear
                    style={{ width: 180 }}
                    placeholder={t('calls:history.desk')}
                    options={deskOptions}
                    onChange={(deskId) => incidents.setFilters({ deskId })}
                  />
                  <Select
                    allowClear
                    style={{ width: 140 }}
                    placeholder={t('calls:history.status')}
                    options={(['reported', 'dispatched', 'resolved'] as const).map((value) => ({
                      value,
                      label: t(`calls:incident.status.${value}`),
                    }))}
                    onChange={(status) => incidents.setFilters({ status })}
                  />
                  <Select
                    allowClear
                    style={{ width: 140 }}
                    placeholder={t('calls:incident.isEmergency')}
                    options={[{ value: 'true', label: t('calls:incident.isEmergency') }]}
                    onChange={(emergencyOnly) => incidents.setFilters({ emergencyOnly })}
                  />
                </Space>
                <Table<Incident>
                  rowKey="id"
                  size="small"
                  {...incidents.tableProps}
                  columns={[
                    {
                      key: 'reportedAt',
                      title: t('calls:history.ringingAt'),
                      render: (_, row) => formatTime(row.reportedAt),
                      width: 150,
                    },
                    {
                      key: 'who',
                      title: t('calls:incident.caller'),
                      width: 100,
                      render: (_, row) => (
                        <Space direction="vertical" size={2} data-testid="incident-caller">
                          {row.isEmergency ? <Tag color="red">{t('calls:incident.isEmergency')}</Tag> : null}
                          <span>{row.callerName || '—'}</span>
                          {row.callerIdentity ? (
                            <Typography.Text type="secondary">
                              {t(`calls:incident.identities.${row.callerIdentity}`)}
                            </Typography.Text>
                          ) : null}
                        </Space>
                      ),
                    },
                    {
                      key: 'phone',
                      title: t('calls:incident.phone'),
                      width: 130,
                      render: (_, row) => (
                        <span data-testid="incident-phone" style={{ whiteSpace: 'nowrap' }}>
                          {row.phone || '—'}
                        </span>
                      ),
                    },
                    {
                      // SEC-5: the address in its parts, each labelled, never run into the phone number.
                      key: 'address',
                      title: t('calls:incident.address'),
                      width: 130,
                      render: (_, row) => (
                        <Space direction="vertical" size={0} data-testid="incident-address">
                          {!row.buildingName && !row.doorName && !row.unitLabel ? '—' : null}
                          {(
                            [
                              ['building', row.buildingName],
                              ['door', row.doorName],
                              ['unit', row.unitLabel],
                            ] as const
                          )
                            .filter(([, value]) => value)
                            .map(([part, value]) => (
                              <span key={part} data-part={part}>
                                {t('calls:incident.labelled', { label: t(`calls:incident.${part}`), value })}
                              </span>
                            ))}
                        </Space>
                      ),
                    },
                    {
                      key: 'account',
                      title: t('calls:incident.account'),
                      dataIndex: 'account',
                    },
                    {
                      key: 'timeline',
                      title: t('calls:history.status'),
                      width: 200,
                      render: (_, row) => (
                        <Steps
                          size="small"
                          direction="vertical"
                          data-testid="incident-timeline"
                          current={row.timeline.length - 1}
                          items={(['reported', 'dispatched', 'resolved'] as const).map((status) => {
                            const step = row.timeline.find((item) => item.status === status);
                            return {
                              title: t(`calls:incident.status.${status}`),
                              description: step
                                ? `${formatTime(step.at, 'MM-DD HH:mm')} ${step.byName}${step.note ? ` · ${step.note}` : ''}`
                                : undefined,
                            };
                          })}
                        />
                      ),
                    },
                    {
                      key: 'actions',
                      width: 90,
                      render: (_, row) =>
                        row.status === 'resolved' ? null : (
                          <Button
                            size="small"
                            onClick={() =>
                              askNote(
                                t(
                                  row.status === 'reported'
                                    ? 'calls:incident.dispatch'
                                    : 'calls:incident.resolve',
                                ),
                                (note) =>
                                  callsApi.stepIncident(
                                    row.id,
                                    row.status === 'reported' ? 'dispatch' : 'resolve',
                                    note,
                                  ),
                                incidents.reload,
                              )
                            }
                          >
                            {t(
                              row.status === 'reported'
                                ? 'calls:incident.dispatch'
                                : 'calls:incident.resolve',
                            )}
                          </Button>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'leaders',
            label: t('calls:desk.leaderCall'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select
                    allowClear
                    style={{ width: 180 }}
                    placeholder={t('calls:history.desk')}
                    options={deskOptions}
                    onChange={(deskId) => leaders.setFilters({ deskId })}
                  />
                  <Select
                    allowClear
                    style={{ width: 140 }}
                    placeholder={t('calls:history.status')}
                    options={(['recorded', 'reported', 'closed'] as const).map((value) => ({
                      value,
                      label: t(`calls:leader.status.${value}`),
                    }))}
                    onChange={(status) => leaders.setFilters({ status })}
                  />
                </Space>
                <Table<LeaderCall>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  {...leaders.tableProps}
                  columns={[
                    {
                      key: 'createdAt',
                      title: t('calls:history.ringingAt'),
                      render: (_, row) => formatTime(row.createdAt),
                      width: 150,
                    },
                    {
                      key: 'claimed',
                      title: t('calls:leader.claimedName'),
                      render: (_, row) => (
                        <>
                          {row.claimedName}
                          {row.claimedTitle}{' '}
                          <Tag color={row.isIdentified ? 'green' : 'orange'}>
                            {row.isIdentified ? '✓' : '?'}
                          </Tag>
                          <div>{row.callbackNumber}</div>
                        </>
                      ),
                    },
                    { key: 'request', title: t('calls:leader.request'), dataIndex: 'request' },
                    {
                      key: 'status',
                      title: t('calls:history.status'),
                      render: (_, row) => (
                        <>
                          <Tag>{t(`calls:leader.status.${row.status}`)}</Tag>
                          {row.reportedToName ? (
                            <div>{t('calls:leader.reportedTo', { name: row.reportedToName })}</div>
                          ) : null}
                          {row.closingNote ? <div>{row.closingNote}</div> : null}
                        </>
                      ),
                    },
                    {
                      key: 'actions',
                      width: 160,
                      render: (_, row) => (
                        <Space>
                          {row.status === 'recorded' ? (
                            <Button
                              size="small"
                              onClick={() =>
                                callsApi.reportLeaderCall(row.id).then(leaders.reload).catch(showError)
                              }
                            >
                              {t('calls:leader.report')}
                            </Button>
                          ) : null}
                          {row.status !== 'closed' ? (
                            <Button
                              size="small"
                              onClick={() =>
                                askNote(
                                  t('calls:leader.close'),
                                  (note) => callsApi.closeLeaderCall(row.id, note),
                                  leaders.reload,
                                )
                              }
                            >
                              {t('calls:leader.close')}
                            </Button>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
