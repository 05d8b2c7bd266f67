import {
  ArrowLeftOutlined,
  CalendarOutlined,
  EditOutlined,
  EyeOutlined,
  FileTextOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ConsentVia } from '../../../../contracts/customers';
import { useCurrentUser } from '../../../app/auth';
import { FormModal } from '../../../app/components/form-modal';
import { PageHeader } from '../../../app/components/page-header';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import {
  formatDate,
  formatTime,
  projectDate,
  projectDayStart,
  projectDaysFromToday,
} from '../../../app/format';
import { CustomerNameCell } from '../components/customer-cells';
import { CustomerModal } from '../components/customer-modal';
import { CompleteFollowUpModal, PlanFollowUpModal } from '../components/follow-up-modals';
import { PersonalDataPanel, RevealReasonModal } from '../components/personal-data-panel';
import { ReassignModal } from '../components/reassign-modal';
import { customersApi, type FollowUp, type RevealReason } from '../customers.api';

export default function CustomerPage() {
  const { t } = useTranslation(['customers', 'app']);
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const customer = useApiQuery(keyed(['customers', 'customer'], id), (signal) =>
    customersApi.getCustomer(id, signal),
  );
  const timeline = useApiQuery(keyed(['customers', 'timeline'], id), (signal) =>
    customersApi.getTimeline(id, signal),
  );
  // The DPO opens a customer for their rights only; follow-up plans are the sales office's.
  const seesFollowUps = user.roles.some((grant) => ['admin', 'manager', 'consultant'].includes(grant.role));
  const followUps = useApiQuery(
    keyed(
      ['customers', 'follow-ups', 'of-customer'],
      customer.data && seesFollowUps
        ? `${id}:${customer.data.protectedUntil}:${timeline.data?.items.length ?? 0}`
        : null,
    ),
    (signal) =>
      customersApi.findFollowUps(
        { projectId: customer.data?.projectId ?? '', customerId: id, scope: 'all', pageSize: 100 },
        signal,
      ),
  );
  const [revealed, setRevealed] = useState<string[] | null>(null);
  const [isEditing, setEditing] = useState(false);
  const [isPlanning, setPlanning] = useState(false);
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const [isReassigning, setReassigning] = useState(false);
  const [isMovingIn, setMovingIn] = useState(false);
  const [isAskingReveal, setAskingReveal] = useState(false);
  const data = customer.data;
  if (!data) return <Card loading={customer.loading} />;
  const isManager = user.roles.some(
    (grant) => grant.role === 'manager' && (grant.projectId === null || grant.projectId === data.projectId),
  );
  const reload = () => {
    customer.reload();
    timeline.reload();
    followUps.reload();
  };
  // The DPO and the project's manager act on the person's rights; the administrator does not (PRIV).
  const mayActOnRights = user.roles.some(
    (grant) =>
      (grant.role === 'dpo' || grant.role === 'manager') &&
      (grant.projectId === null || grant.projectId === data.projectId),
  );
  const reveal = async (reasonCode: RevealReason, reasonText: string) => {
    try {
      const result = await customersApi.revealPhones(data.id, reasonCode, reasonText);
      setRevealed(result.phones.map((phone) => phone.phone));
      setAskingReveal(false);
    } catch (error) {
      showError(error);
    }
  };
  const isProtected = data.protectedUntil ? dayjs(data.protectedUntil).isAfter(dayjs()) : false;
  const consentText = (has: boolean, via: ConsentVia | null, at: string | null) =>
    has
      ? t('detail.consentAt', {
          via: via ? t(`consentVia.${via}`) : '—',
          at: formatTime(at, 'YYYY-MM-DD HH:mm'),
        })
      : t('app:common.no');

  return (
    <>
      <PageHeader
        breadcrumb={
          <Button
            type="link"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate(-1)}
            style={{ padding: 0 }}
          >
            {t('detail.back')}
          </Button>
        }
        title={<CustomerNameCell customer={data} />}
        subtitle={
          <Space size={8} wrap>
            <span>
              {t('fields.owner')}:{data.ownerName ?? '—'}
            </span>
            {data.protectedUntil ? (
              <Tag color={isProtected ? 'green' : 'default'}>
                {isProtected
                  ? `${t('detail.protected')} · ${formatDate(data.protectedUntil)}`
                  : t('detail.lapsed')}
              </Tag>
            ) : null}
            {data.isErased ? <Tag color="red">{t('detail.erased')}</Tag> : null}
          </Space>
        }
        extra={
          data.isErased ? null : (
            <>
              {data.canEdit ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-customer">
                  {t('app:actions.edit')}
                </Button>
              ) : null}
              {data.canEdit ? (
                <Button
                  icon={<CalendarOutlined />}
                  onClick={() => setPlanning(true)}
                  data-testid="plan-follow-up"
                >
                  {t('detail.plan')}
                </Button>
              ) : null}
              <Link to={`/deals/plans/new?customerId=${encodeURIComponent(data.id)}`}>
                <Button icon={<FileTextOutlined />} data-testid="purchase-plan">
                  {t('detail.purchasePlan')}
                </Button>
              </Link>
              {data.canEdit ? <Button onClick={() => setMovingIn(true)}>{t('detail.moveIn')}</Button> : null}
              {isManager ? (
                <Button onClick={() => setReassigning(true)}>{t('detail.reassign')}</Button>
              ) : null}
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('detail.profile')}>
            <Descriptions column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 2, xxl: 2 }} size="small" bordered>
              <Descriptions.Item label={t('fields.phones')} span="filled">
                {data.isPhoneRefused ? (
                  <Tag>{t('fields.isPhoneRefused')}</Tag>
                ) : data.phones.length === 0 ? (
                  t('detail.noPhones')
                ) : (
                  <Space wrap>
                    <span data-testid="customer-phones" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {(revealed ?? data.phones).join(' / ')}
                    </span>
                    {data.canRevealPhones ? (
                      revealed ? (
                        <Button size="small" type="link" onClick={() => setRevealed(null)}>
                          {t('detail.hide')}
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          type="link"
                          icon={<EyeOutlined />}
                          onClick={() => setAskingReveal(true)}
                          title={t('detail.revealHint')}
                          data-testid="reveal-phones"
                        >
                          {t('detail.reveal')}
                        </Button>
                      )
                    ) : null}
                  </Space>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.gender')}>{t(`genders.${data.gender}`)}</Descriptions.Item>
              <Descriptions.Item label={t('fields.category')}>
                {t(`categories.${data.category}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.intentLayout')}>
                {data.intentLayout || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.intentArea')}>
                {data.intentAreaMin ? `${data.intentAreaMin}–${data.intentAreaMax ?? ''}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.intentBudget')}>
                {data.intentBudgetFen === null ? '—' : data.intentBudgetFen / 1_000_000}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.intentPurpose')}>
                {t(`purposes.${data.intentPurpose}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.contactConsent')}>
                {consentText(data.hasContactConsent, data.contactConsentVia, data.contactConsentAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.marketingConsent')}>
                {consentText(data.hasMarketingConsent, data.marketingConsentVia, data.marketingConsentAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.createdAt')}>
                {formatTime(data.createdAt, 'YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.movedInAt')}>
                {formatDate(data.movedInAt) || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.notes')} span="filled">
                {data.notes || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('detail.followUps')} style={{ marginTop: 16 }}>
            <Table<FollowUp>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={followUps.data?.items ?? []}
              loading={followUps.loading}
              data-testid="customer-follow-ups"
              columns={[
                {
                  key: 'plannedAt',
                  title: t('followUps.plannedAt'),
                  render: (_, row) => formatTime(row.plannedAt, 'YYYY-MM-DD HH:mm'),
                },
                {
                  key: 'theme',
                  title: t('followUps.theme'),
                  render: (_, row) => (
                    <>
                      {row.kind === 'after_sales' ? <Tag>{t('followUps.afterSales')}</Tag> : null}
                      {row.theme}
                    </>
                  ),
                },
                {
                  key: 'channel',
                  title: t('followUps.channel'),
                  render: (_, row) => t(`channels.${row.channel}`),
                },
                {
                  key: 'status',
                  title: t('followUps.status'),
                  render: (_, row) =>
                    row.isOverdue ? (
                      <Tag color="red">{t('followUps.statuses.overdue')}</Tag>
                    ) : (
                      t(`followUps.statuses.${row.status}`)
                    ),
                },
                { key: 'outcome', title: t('followUps.outcome'), dataIndex: 'outcome' },
                {
                  key: 'actions',
                  title: '',
                  render: (_, row) =>
                    row.status === 'planned' && data.canEdit ? (
                      <Button size="small" onClick={() => setCompleting(row)}>
                        {t('followUps.complete')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {mayActOnRights ? (
            <div style={{ marginBottom: 16 }}>
              <PersonalDataPanel customer={data} onChanged={reload} />
            </div>
          ) : null}
          <Card size="small" title={t('detail.timeline')}>
            {(timeline.data?.items ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.emptyTimeline')} />
            ) : (
              <Timeline
                data-testid="customer-timeline"
                items={(timeline.data?.items ?? []).map((item) => ({
                  key: item.id,
                  children: (
                    <Space direction="vertical" size={0}>
                      <Space size={6}>
                        <Tag>{t(`timelineKinds.${item.kind}`, { defaultValue: item.kind })}</Tag>
                        <Typography.Text type="secondary">
                          {formatTime(item.at, 'YYYY-MM-DD HH:mm')} · {item.actorName}
                        </Typography.Text>
                      </Space>
                      <Typography.Text>{item.summary}</Typography.Text>
                    </Space>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <RevealReasonModal open={isAskingReveal} onClose={() => setAskingReveal(false)} onReveal={reveal} />
      <CustomerModal
        open={isEditing}
        projectId={data.projectId}
        customer={data}
        onClose={() => setEditing(false)}
        onSaved={reload}
      />
      <PlanFollowUpModal
        open={isPlanning}
        customerId={data.id}
        onClose={() => setPlanning(false)}
        onSaved={() => {
          void message.success(t('followUps.planned'));
          reload();
        }}
      />
      <CompleteFollowUpModal
        followUp={completing}
        onClose={() => setCompleting(null)}
        onSaved={() => {
          void message.success(t('followUps.saved'));
          reload();
        }}
      />
      <ReassignModal
        open={isReassigning}
        customerId={data.id}
        projectId={data.projectId}
        onClose={() => setReassigning(false)}
        onSaved={reload}
      />
      <FormModal<{ movedInAt: Dayjs }>
        open={isMovingIn}
        title={t('detail.moveIn')}
        initialValues={{ movedInAt: projectDaysFromToday(0) }}
        onClose={() => setMovingIn(false)}
        onSubmit={async (values) => {
          const result = await customersApi.moveIn(
            data.id,
            projectDayStart(projectDate(values.movedInAt)).add(10, 'hour').toISOString(),
          );
          if (result.isCareSkippedForConsent) void message.warning(t('detail.moveInCareSkipped'));
          reload();
        }}
      >
        <Typography.Paragraph type="secondary">{t('detail.moveInHint')}</Typography.Paragraph>
        <Form.Item name="movedInAt" label={t('fields.movedInAt')} rules={[{ required: true }]}>
          <ZonedDatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
