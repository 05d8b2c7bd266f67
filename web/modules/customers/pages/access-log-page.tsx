import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Locale } from '../../../../contracts/locales';
import { revealReasonLabels } from '../../../../contracts/personal-data';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { formatTime, shanghaiDayRange } from '../../../app/format';
import { currentLocale } from '../../../app/i18n';
import { type AccessLogItem, customersApi } from '../customers.api';

interface AccessLogFilters {
  staffId?: string;
  customerId?: string;
  from?: string;
  to?: string;
}

/** PRIV: the DPO's list of every reveal of a whole phone or ID number (server-side paging and filters). */
export default function AccessLogPage() {
  const { t, i18n } = useTranslation(['customers', 'app']);
  const locale = (i18n.language as Locale) ?? currentLocale();
  const table = useServerTable<AccessLogItem, AccessLogFilters>(
    (query, signal) =>
      customersApi.findAccessLog({ ...query.filters, page: query.page, pageSize: query.pageSize }, signal),
    { filters: {}, pageSize: 50 },
  );
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  // Names of the person and customer a filter was set from, to show it as a tag (never an id).
  const [labels, setLabels] = useState<{ staff?: string; customer?: string }>({});
  const { filters } = table.query;

  const columns: TableColumnsType<AccessLogItem> = [
    { key: 'at', title: t('privacy.at'), width: 170, render: (_, row) => formatTime(row.at) },
    {
      key: 'staff',
      title: t('privacy.staff'),
      width: 130,
      render: (_, row) => (
        <Typography.Link
          onClick={() => {
            setLabels((current) => ({ ...current, staff: row.staffName }));
            table.setFilters({ staffId: row.staffId });
          }}
        >
          {row.staffName}
        </Typography.Link>
      ),
    },
    {
      key: 'customer',
      title: t('privacy.customer'),
      width: 160,
      render: (_, row) => (
        <Flex gap={6} align="center">
          <Typography.Link
            onClick={() => {
              setLabels((current) => ({ ...current, customer: row.customerName }));
              table.setFilters({ customerId: row.customerId });
            }}
          >
            {row.customerName}
          </Typography.Link>
          {row.isCustomerErased ? <Tag>{t('privacy.erasedCustomer')}</Tag> : null}
          {row.isCustomerErased ? null : (
            <Link to={`/customers/${encodeURIComponent(row.customerId)}`}>↗</Link>
          )}
        </Flex>
      ),
    },
    { key: 'kind', title: t('privacy.kind'), width: 100, render: (_, row) => t(`privacy.kinds.${row.kind}`) },
    {
      key: 'reason',
      title: t('privacy.reason'),
      width: 200,
      render: (_, row) => revealReasonLabels[row.reasonCode][locale],
    },
    { key: 'reasonText', title: t('privacy.reasonText'), render: (_, row) => row.reasonText || '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('privacy.accessLogTitle')}
        subtitle={t('privacy.accessLogSubtitle')}
        extra={
          <ExportButton
            path="/privacy/access-log/export"
            query={table.exportQuery}
            fallbackFileName={t('privacy.exportFileName')}
          />
        }
      />
      <Card size="small">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          {filters.staffId ? (
            <Tag
              closable
              onClose={() => table.setFilters({ staffId: undefined })}
              data-testid="access-log-staff-filter"
            >
              {t('privacy.staff')}:{labels.staff}
            </Tag>
          ) : null}
          {filters.customerId ? (
            <Tag
              closable
              onClose={() => table.setFilters({ customerId: undefined })}
              data-testid="access-log-customer-filter"
            >
              {t('privacy.customer')}:{labels.customer}
            </Tag>
          ) : null}
          <ZonedRangePicker
            value={range}
            placeholder={[t('privacy.dateFrom'), t('privacy.dateTo')]}
            allowEmpty={[true, true]}
            onChange={(next) => {
              setRange(next);
              table.setFilters(shanghaiDayRange(next));
            }}
          />
          <Button
            onClick={() => {
              setRange(null);
              setLabels({});
              table.resetFilters();
            }}
          >
            {t('privacy.reset')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('app:actions.refresh')} />
          <Typography.Text type="secondary">{t('privacy.filterHint')}</Typography.Text>
        </Flex>
        <Table<AccessLogItem>
          rowKey="id"
          size="middle"
          columns={columns}
          scroll={{ x: 900 }}
          {...table.tableProps}
          data-testid="access-log-table"
        />
      </Card>
    </>
  );
}
