import { Space, Tag, Typography } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '../../../app/format';
import type { Customer } from '../customers.api';

export function CustomerNameCell({
  customer,
}: {
  customer: Pick<Customer, 'name' | 'category' | 'keyKind'>;
}) {
  const { t } = useTranslation('customers');
  return (
    <Space size={4}>
      <Typography.Text strong>{customer.name}</Typography.Text>
      {customer.category === 'key' ? (
        <Tag color="gold">{t(`keyKinds.${customer.keyKind ?? 'none'}`)}</Tag>
      ) : null}
    </Space>
  );
}

export function PhonesCell({ customer }: { customer: Pick<Customer, 'phones' | 'isPhoneRefused'> }) {
  const { t } = useTranslation('customers');
  if (customer.isPhoneRefused) return <Tag>{t('list.refused')}</Tag>;
  if (customer.phones.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{customer.phones.join(' / ')}</span>;
}

/** The sortable protected-until and registered-at columns both customer lists end with. */
export function customerDateColumns(
  t: TFunction<'customers'>,
  table: { sortOrderFor(columnKey: string): SortOrder },
): ColumnsType<Customer> {
  return [
    {
      key: 'protectedUntil',
      title: t('fields.protectedUntil'),
      sorter: true,
      sortOrder: table.sortOrderFor('protectedUntil'),
      render: (_, row) => formatDate(row.protectedUntil),
    },
    {
      key: 'createdAt',
      title: t('fields.createdAt'),
      sorter: true,
      sortOrder: table.sortOrderFor('createdAt'),
      render: (_, row) => formatTime(row.createdAt, 'YYYY-MM-DD HH:mm'),
    },
  ];
}
