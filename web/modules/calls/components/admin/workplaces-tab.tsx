import { Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../../app/data/use-api-query';
import { useErrorHandler } from '../../../../app/errors';
import { callsApi, type DirectoryEntry } from '../../calls.api';
import { useBuildings } from '../call-forms';

/** Where each person sits (building and door), for the directory (CS-4). */
export function WorkplacesTab({ projectId }: { projectId: string | undefined }) {
  const { t } = useTranslation();
  const { showError } = useErrorHandler();
  const people = useApiQuery(['calls', 'directory', {}], (signal) => callsApi.searchDirectory({}, signal));
  const buildings = useBuildings(projectId);
  const set = (person: DirectoryEntry, buildingId: string | null, doorId: string | null) =>
    callsApi.setWorkplace(person.id, buildingId, doorId).then(people.reload).catch(showError);
  return (
    <Table<DirectoryEntry>
      rowKey="id"
      size="small"
      pagination={{ pageSize: 20 }}
      dataSource={people.data?.items ?? []}
      columns={[
        {
          key: 'name',
          title: t('calls:incident.callerName'),
          render: (_, row) => `${row.displayName} ${row.title}`,
        },
        { key: 'department', title: '', dataIndex: 'departmentName' },
        {
          key: 'building',
          title: t('calls:incident.building'),
          render: (_, row) => (
            <Select
              allowClear
              size="small"
              style={{ width: 120 }}
              value={row.buildingId ?? undefined}
              options={buildings.map((building) => ({ value: building.id, label: building.name }))}
              onChange={(value) => set(row, value ?? null, null)}
            />
          ),
        },
        {
          key: 'door',
          title: t('calls:incident.door'),
          render: (_, row) => (
            <Select
              allowClear
              size="small"
              style={{ width: 120 }}
              value={row.doorId ?? undefined}
              disabled={!row.buildingId}
              options={(buildings.find((building) => building.id === row.buildingId)?.doors ?? []).map(
                (door) => ({ value: door.id, label: door.name }),
              )}
              onChange={(value) => set(row, row.buildingId, value ?? null)}
            />
          ),
        },
      ]}
    />
  );
}
