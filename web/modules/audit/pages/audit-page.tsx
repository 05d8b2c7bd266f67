import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Result,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../contracts/locales';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useServerTable } from '../../../app/components/use-server-table';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useErrorHandler } from '../../../app/errors';
import { formatTime, shanghaiDayRange } from '../../../app/format';
import { currentLocale } from '../../../app/i18n';
import { StaffSelect } from '../../staff';
import { type AuditEntry, type AuditFilters, type AuditVerifyResult, auditApi } from '../audit.api';
import { auditActionLabels, auditEntityTypeLabels } from '../audit.labels';
import { AuditDiff } from '../components/audit-diff';

const entityTypes = Object.keys(auditEntityTypeLabels);
const actions = Object.keys(auditActionLabels);

const actionColors: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  disable: 'volcano',
  enable: 'cyan',
  archive: 'default',
  reset_password: 'gold',
  change_password: 'gold',
  enable_two_factor: 'green',
  disable_two_factor: 'volcano',
  reset_two_factor: 'gold',
  use_recovery_code: 'orange',
  regenerate_recovery_codes: 'gold',
  login_failed: 'red',
};

export default function AuditPage() {
  // The staff list answers administrators only; a manager or the DPO reads the log without that filter.
  const canListStaff = canAccess(useCurrentUser().roles, ['admin']);
  const { t, i18n } = useTranslation(['audit', 'app']);
  const locale = (i18n.language as Locale) ?? currentLocale();
  const { modal } = App.useApp();
  const { showError } = useErrorHandler();
  const table = useServerTable<AuditEntry, AuditFilters>(
    (query, signal) =>
      auditApi.findAuditEntries(
        { ...query.filters, page: query.page, pageSize: query.pageSize, order: query.order ?? 'desc' },
        signal,
      ),
    { filters: {}, order: 'desc', pageSize: 20, queryKey: ['audit', 'entries'] },
  );
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [entityIdText, setEntityIdText] = useState('');
  const [isVerifying, setVerifying] = useState(false);
  const { filters } = table.query;

  const labelOf = (group: 'entityTypes' | 'actions', value: string) =>
    (group === 'entityTypes' ? auditEntityTypeLabels : auditActionLabels)[value]?.[locale] ?? value;

  const verify = async () => {
    setVerifying(true);
    try {
      const result: AuditVerifyResult = await auditApi.verifyAuditChain();
      const content = (
        <Result
          status={result.ok ? 'success' : 'error'}
          title={
            result.ok ? t('verify.okTitle') : t('verify.brokenTitle', { seq: result.firstBreak?.seq ?? '?' })
          }
          subTitle={
            result.ok
              ? t('verify.okDetail', { count: result.checkedRows, head: result.headSeq ?? '—' })
              : t('verify.brokenDetail', {
                  reason: result.firstBreak?.reason ?? '—',
                  count: result.checkedRows,
                })
          }
          style={{ padding: '16px 0 0' }}
        />
      );
      const options = { icon: null, content, width: 520, okText: t('app:actions.close') };
      if (result.ok) modal.success(options);
      else modal.error(options);
    } catch (error) {
      showError(error);
    } finally {
      setVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'seq',
      title: t('columns.seq'),
      dataIndex: 'seq',
      width: 90,
      sorter: true,
      sortOrder: table.query.order === 'asc' ? 'ascend' : 'descend',
      sortDirections: ['descend', 'ascend', 'descend'],
    },
    {
      key: 'at',
      title: t('columns.at'),
      dataIndex: 'at',
      width: 170,
      render: (iso: string) => formatTime(iso),
    },
    {
      key: 'actor',
      title: t('columns.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (name: string | null) =>
        name ?? <Typography.Text type="secondary">{t('system')}</Typography.Text>,
    },
    {
      key: 'action',
      title: t('columns.action'),
      dataIndex: 'action',
      width: 110,
      render: (action: string) => (
        <Tag color={actionColors[action] ?? 'default'}>{labelOf('actions', action)}</Tag>
      ),
    },
    {
      key: 'entityType',
      title: t('columns.entityType'),
      dataIndex: 'entityType',
      width: 110,
      render: (type: string) => labelOf('entityTypes', type),
    },
    {
      key: 'entityId',
      title: t('columns.entityId'),
      dataIndex: 'entityId',
      width: 220,
      render: (id: string) => (
        <Typography.Text
          copyable
          ellipsis={{ tooltip: id }}
          style={{ maxWidth: 200, fontFamily: 'monospace', fontSize: 12 }}
        >
          {id}
        </Typography.Text>
      ),
    },
    {
      key: 'requestId',
      title: t('columns.requestId'),
      dataIndex: 'requestId',
      width: 200,
      render: (id: string | null) =>
        id ? (
          <Typography.Text
            copyable
            ellipsis={{ tooltip: id }}
            type="secondary"
            style={{ maxWidth: 180, fontFamily: 'monospace', fontSize: 12 }}
          >
            {id}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('page.title')}
        subtitle={t('page.subtitle')}
        extra={
          <ActionButton
            icon={<SafetyCertificateOutlined />}
            loading={isVerifying}
            onClick={() => verify()}
            data-testid="audit-verify"
          >
            {t('page.verify')}
          </ActionButton>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filters.entityType')}
            value={filters.entityType}
            onChange={(entityType?: string) => table.setFilters({ entityType })}
            options={entityTypes.map((value) => ({ value, label: labelOf('entityTypes', value) }))}
            style={{ width: 150 }}
            data-testid="audit-entity-type"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filters.action')}
            value={filters.action}
            onChange={(action?: string) => table.setFilters({ action })}
            options={actions.map((value) => ({ value, label: labelOf('actions', value) }))}
            style={{ width: 150 }}
            data-testid="audit-action"
          />
          {canListStaff ? (
            <StaffSelect
              includeDisabled
              placeholder={t('filters.actor')}
              value={filters.actorId ?? null}
              onChange={(actorId) => table.setFilters({ actorId: actorId ?? undefined })}
              style={{ width: 200 }}
            />
          ) : null}
          <Input.Search
            allowClear
            placeholder={t('filters.entityId')}
            value={entityIdText}
            onChange={(event) => {
              setEntityIdText(event.target.value);
              if (!event.target.value) table.setFilters({ entityId: undefined });
            }}
            onSearch={(value) => table.setFilters({ entityId: value.trim() || undefined })}
            style={{ width: 220 }}
          />
          <ZonedRangePicker
            value={range}
            placeholder={[t('filters.dateFrom'), t('filters.dateTo')]}
            allowEmpty={[true, true]}
            onChange={(next) => {
              setRange(next);
              table.setFilters(shanghaiDayRange(next));
            }}
            data-testid="audit-range"
          />
          <Button
            onClick={() => {
              setRange(null);
              setEntityIdText('');
              table.resetFilters();
            }}
          >
            {t('filters.reset')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={table.reload} aria-label={t('app:actions.refresh')} />
        </Flex>
        <Table<AuditEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          scroll={{ x: 1100 }}
          expandable={{
            expandedRowRender: (entry) => <AuditDiff entry={entry} />,
            rowExpandable: (entry) => entry.before !== null || entry.after !== null,
          }}
          {...table.tableProps}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
