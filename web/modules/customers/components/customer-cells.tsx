import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
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
