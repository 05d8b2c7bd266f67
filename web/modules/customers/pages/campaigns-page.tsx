import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Form, Input, Select, Table, Tabs, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../app/components/export-button';
import { FormModal } from '../../../app/components/form-modal';
import { JobProgress } from '../../../app/components/job-progress';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type Campaign, type CampaignRecipient, customersApi, type SendLogItem } from '../customers.api';

function CampaignDrawer({
  campaign,
  onClose,
  onSent,
}: {
  campaign: Campaign | null;
  onClose(): void;
  onSent(): void;
}) {
  const { t } = useTranslation('customers');
  const { modal, message } = App.useApp();
  const { showError } = useErrorHandler();
  // The drawer stays mounted while closed: the campaign it shows is the tables' scope, so opening
  // another campaign fetches its recipients and log (an initial filter would keep the first one).
  const campaignId = campaign?.id ?? null;
  const recipients = useServerTable<CampaignRecipient, Record<string, never>>(
    (query, signal) =>
      campaignId
        ? customersApi.previewRecipients(campaignId, { page: query.page, pageSize: query.pageSize }, signal)
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: campaignId },
  );
  const log = useServerTable<SendLogItem, Record<string, never>>(
    (query, signal) =>
      campaignId
        ? customersApi.findSendLog(campaignId, { page: query.page, pageSize: query.pageSize }, signal)
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: campaignId },
  );
  // While a send runs: its progress, polled from the campaign (the send request answers at the end).
  const [sending, setSending] = useState<Campaign | null>(null);
  const [isCancelling, setCancelling] = useState(false);
  const sendingId = sending?.id ?? null;
  useEffect(() => {
    if (!sendingId) return;
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      customersApi
        .getCampaign(sendingId, controller.signal)
        .then((next) => setSending((current) => (current?.id === next.id ? next : current)))
        .catch(() => undefined);
    }, 700);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [sendingId]);
  if (!campaign) return null;
  const startSend = async () => {
    setSending({ ...campaign, status: 'sending', audienceCount: recipients.total, processedCount: 0 });
    setCancelling(false);
    try {
      const result = await customersApi.sendCampaign(campaign.id);
      const counts = { sent: result.sent, skipped: result.skipped, owners: result.skippedForOwnerConsent };
      if (result.cancelled) void message.warning(t('campaigns.stopped', counts));
      else void message.success(t('campaigns.sent', counts));
      onSent();
      log.reload();
    } catch (error) {
      showError(error);
    } finally {
      setSending(null);
    }
  };
  const cancelSend = async () => {
    setCancelling(true);
    try {
      setSending(await customersApi.cancelCampaign(campaign.id));
    } catch (error) {
      setCancelling(false);
      showError(error);
    }
  };
  const send = () =>
    modal.confirm({
      title: campaign.title,
      content: t('campaigns.sendConfirm', { count: recipients.total }),
      onOk: () => {
        void startSend();
      },
    });
  return (
    <Drawer
      open
      title={campaign.title}
      width={Math.min(760, window.innerWidth - 40)}
      onClose={onClose}
      destroyOnHidden
    >
      <Tabs
        items={[
          {
            key: 'preview',
            label: t('campaigns.preview'),
            children: (
              <>
                {sending ? (
                  <div style={{ marginBottom: 12 }}>
                    <JobProgress
                      unit="items"
                      done={sending.processedCount}
                      total={sending.audienceCount}
                      label={t('campaigns.sending')}
                      onCancel={() => void cancelSend()}
                      isCancelling={isCancelling || sending.isCancelRequested}
                      testId="campaign-progress"
                    />
                  </div>
                ) : campaign.status === 'draft' ? (
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    onClick={send}
                    style={{ marginBottom: 12 }}
                    disabled={recipients.total === 0}
                    data-testid="campaign-send"
                  >
                    {t('campaigns.send')}
                  </Button>
                ) : null}
                <Table<CampaignRecipient>
                  rowKey="customerId"
                  size="small"
                  {...recipients.tableProps}
                  columns={[
                    { key: 'name', title: t('fields.name'), dataIndex: 'name' },
                    { key: 'project', title: t('campaigns.customerProject'), dataIndex: 'projectName' },
                    { key: 'phone', title: t('fields.phone'), dataIndex: 'phone' },
                    {
                      key: 'consentAt',
                      title: t('campaigns.consentAt'),
                      render: (_, row) => formatTime(row.marketingConsentAt, 'YYYY-MM-DD'),
                    },
                    {
                      key: 'willSend',
                      title: '',
                      render: (_, row) =>
                        row.willSend ? (
                          <Tag color="green">{t('campaigns.willSend')}</Tag>
                        ) : (
                          <Tag>{t('campaigns.noMobile')}</Tag>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'log',
            label: t('campaigns.sendLog'),
            children: (
              <>
                <ExportButton
                  path={`/campaigns/${campaign.id}/send-log/export`}
                  fallbackFileName="send-log.xlsx"
                  size="small"
                />
                <Table<SendLogItem>
                  rowKey="id"
                  size="small"
                  style={{ marginTop: 8 }}
                  {...log.tableProps}
                  columns={[
                    {
                      key: 'at',
                      title: t('ownership.at'),
                      render: (_, row) => formatTime(row.at, 'YYYY-MM-DD HH:mm'),
                    },
                    { key: 'name', title: t('fields.name'), dataIndex: 'customerName' },
                    {
                      key: 'status',
                      title: t('campaigns.status'),
                      render: (_, row) => t(`campaigns.logStatuses.${row.status}`),
                    },
                    {
                      key: 'reason',
                      title: '',
                      render: (_, row) =>
                        row.reason ? t(`campaigns.reasons.${row.reason}`, { defaultValue: row.reason }) : '',
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

export default function CampaignsPage() {
  const { t } = useTranslation('customers');
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [isCreating, setCreating] = useState(false);
  const [open, setOpen] = useState<Campaign | null>(null);
  const table = useServerTable<Campaign, Record<string, never>>(
    (query, signal) =>
      projectId
        ? customersApi.findCampaigns({ projectId, page: query.page, pageSize: query.pageSize }, signal)
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: projectId },
  );
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('campaigns.create')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Table<Campaign>
          rowKey="id"
          size="middle"
          {...table.tableProps}
          onRow={(record) => ({ onClick: () => setOpen(record), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'createdAt',
              title: t('ownership.at'),
              render: (_, row) => formatTime(row.createdAt, 'YYYY-MM-DD HH:mm'),
            },
            { key: 'project', title: t('campaigns.project'), dataIndex: 'projectName' },
            { key: 'title', title: t('campaigns.titleField'), dataIndex: 'title' },
            {
              key: 'status',
              title: t('campaigns.status'),
              render: (_, row) => (
                <Tag
                  color={
                    row.status === 'sent' ? 'green' : row.status === 'sending' ? 'processing' : 'default'
                  }
                >
                  {t(`campaigns.statuses.${row.status}`)}
                </Tag>
              ),
            },
            { key: 'count', title: t('campaigns.recipients'), dataIndex: 'recipientCount' },
          ]}
        />
      </Card>
      <FormModal<{ projectId: string; title: string; message: string }>
        open={isCreating}
        title={t('campaigns.create')}
        initialValues={{ projectId: projectId ?? undefined, title: '', message: '' }}
        onClose={() => setCreating(false)}
        onSubmit={async (values) => {
          const created = await customersApi.createCampaign(values);
          setOpen(created);
          // The list shows one project's campaigns: the new one's.
          if (created.projectId === projectId) table.reload();
          else setProjectId(created.projectId);
        }}
      >
        <Form.Item name="projectId" label={t('campaigns.project')} rules={[{ required: true }]}>
          <Select options={projects.map((project) => ({ value: project.id, label: project.name }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('campaigns.titleField')}
          rules={[{ required: true, whitespace: true }, { max: 60 }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="message"
          label={t('campaigns.message')}
          extra={t('campaigns.messageHint')}
          rules={[{ required: true, whitespace: true }, { max: 300 }]}
        >
          <Input.TextArea rows={4} maxLength={300} showCount />
        </Form.Item>
      </FormModal>
      <CampaignDrawer campaign={open} onClose={() => setOpen(null)} onSent={table.reload} />
    </>
  );
}
