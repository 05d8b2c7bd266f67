import { App, Button, Drawer, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useProjectSelection } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { inventoryApi, type PriceList, yuan } from '../inventory.api';

const statusColor = { draft: 'gold', approved: 'green', rejected: 'red', superseded: 'default' } as const;

export default function PriceListsPage() {
  const { t } = useTranslation('inventory');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  const isManager = canAccess(user.roles, ['manager']);
  const { projects: salesProjects, projectId, setProjectId } = useProjectSelection({ kind: 'sales' });
  const lists = useRequest((signal) => inventoryApi.priceLists(projectId!, signal), projectId);
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useRequest((signal) => inventoryApi.priceList(openId!, signal), openId);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const decide = async (decision: 'approve' | 'reject') => {
    if (!openId) return;
    setBusy(true);
    try {
      await inventoryApi.decide(openId, decision, note);
      message.success(decision === 'approve' ? t('priceLists.approved') : t('priceLists.rejected'));
      setNote('');
      lists.reload();
      detail.reload();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const current = detail.data?.priceList;
  return (
    <>
      <PageHeader
        title={t('priceLists.title')}
        extra={
          <Select
            style={{ minWidth: 160 }}
            value={projectId ?? undefined}
            onChange={setProjectId}
            options={salesProjects.map((project) => ({ value: project.id, label: project.name }))}
          />
        }
      />
      <Table<PriceList>
        rowKey="id"
        size="middle"
        loading={lists.loading}
        dataSource={lists.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('priceLists.empty')} /> }}
        pagination={false}
        columns={[
          {
            title: t('priceLists.version'),
            dataIndex: 'version',
            width: 80,
            render: (version: number) => `V${version}`,
          },
          { title: t('priceLists.name'), dataIndex: 'name' },
          { title: t('priceLists.items'), dataIndex: 'itemCount', width: 90 },
          {
            title: t('priceLists.status'),
            dataIndex: 'status',
            width: 120,
            render: (status: PriceList['status']) => (
              <Tag color={statusColor[status]}>{t(`priceLists.statuses.${status}`)}</Tag>
            ),
          },
          {
            title: t('priceLists.createdBy'),
            render: (_, row) => `${row.createdByName ?? ''} ${formatTime(row.createdAt, 'MM-DD HH:mm')}`,
          },
          {
            title: t('priceLists.decidedBy'),
            render: (_, row) =>
              row.decidedAt ? `${row.decidedByName ?? ''} ${formatTime(row.decidedAt, 'MM-DD HH:mm')}` : '—',
          },
          {
            title: '',
            width: 80,
            render: (_, row) => (
              <Button type="link" onClick={() => setOpenId(row.id)} data-testid={`price-list-${row.version}`}>
                {t('priceLists.view')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={Boolean(openId)}
        onClose={() => setOpenId(null)}
        width={720}
        title={current ? `V${current.version} ${current.name}` : ''}
        destroyOnHidden
      >
        {current && current.status === 'draft' && isManager ? (
          <Space style={{ marginBottom: 12 }} wrap>
            <Input
              placeholder={t('priceLists.note')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              style={{ width: 260 }}
              maxLength={500}
            />
            <ActionButton
              type="primary"
              loading={busy}
              onClick={() => decide('approve')}
              data-testid="price-list-approve"
            >
              {t('priceLists.approve')}
            </ActionButton>
            <ActionButton danger loading={busy} onClick={() => decide('reject')}>
              {t('priceLists.reject')}
            </ActionButton>
          </Space>
        ) : null}
        <Table
          rowKey="unitId"
          size="small"
          loading={detail.loading}
          dataSource={detail.data?.items ?? []}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: t('unit.title', { label: '' }), dataIndex: 'label' },
            { title: t('unit.buildingArea'), dataIndex: 'buildingArea', align: 'right' },
            {
              title: `${t('priceLists.current')} ${t('unit.unitPrice')}`,
              dataIndex: 'currentUnitPriceFen',
              align: 'right',
              render: yuan,
            },
            {
              title: `${t('priceLists.next')} ${t('unit.unitPrice')}`,
              dataIndex: 'unitPriceFen',
              align: 'right',
              render: yuan,
            },
            {
              title: `${t('priceLists.next')} ${t('unit.total')}`,
              dataIndex: 'totalFen',
              align: 'right',
              render: yuan,
            },
          ]}
        />
      </Drawer>
    </>
  );
}
