import { Button, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../../app/data/use-api-query';
import { useErrorHandler } from '../../../../app/errors';
import { callsApi, type Purpose } from '../../calls.api';

/** The company's call purposes (目的) the agents pick from. */
export function PurposesTab() {
  const { t } = useTranslation();
  const { showError } = useErrorHandler();
  const purposes = useApiQuery(['calls', 'purposes'], (signal) => callsApi.findPurposes(signal));
  const [label, setLabel] = useState('');
  const update = (row: Purpose, changes: Partial<Purpose>) =>
    callsApi
      .updatePurpose(row.id, {
        label: changes.label ?? row.label,
        sortOrder: changes.sortOrder ?? row.sortOrder,
        isActive: changes.isActive ?? row.isActive,
      })
      .then(purposes.reload)
      .catch(showError);
  return (
    <>
      <Space.Compact style={{ marginBottom: 12 }}>
        <Input
          value={label}
          maxLength={20}
          onChange={(event) => setLabel(event.target.value)}
          placeholder={t('calls:admin.label')}
        />
        <Button
          type="primary"
          onClick={() =>
            callsApi
              .createPurpose(label, 100)
              .then(() => {
                setLabel('');
                purposes.reload();
              })
              .catch(showError)
          }
        >
          {t('calls:admin.addPurpose')}
        </Button>
      </Space.Compact>
      <Table<Purpose>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={purposes.data?.items ?? []}
        columns={[
          {
            key: 'label',
            title: t('calls:admin.label'),
            render: (_, row) => (
              <Typography.Text
                editable={{
                  onChange: (value) => value && value !== row.label && update(row, { label: value }),
                }}
              >
                {row.label}
              </Typography.Text>
            ),
          },
          {
            key: 'order',
            title: t('calls:admin.order'),
            render: (_, row) => (
              <InputNumber
                size="small"
                min={0}
                max={10000}
                defaultValue={row.sortOrder}
                onBlur={(event) => update(row, { sortOrder: Number(event.target.value) })}
              />
            ),
          },
          {
            key: 'active',
            title: t('calls:admin.active'),
            render: (_, row) => (
              <Switch
                disabled={Boolean(row.key)}
                checked={row.isActive}
                onChange={(isActive) => update(row, { isActive })}
              />
            ),
          },
        ]}
      />
    </>
  );
}
