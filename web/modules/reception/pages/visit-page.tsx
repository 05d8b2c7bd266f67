import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  FileTextOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Input, Row, Space, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { ConformancePanel } from '../../conformance';
import { CustomerModal, customersApi } from '../../customers';
import { LeaveEarlyModal } from '../components/leave-early-modal';
import { receptionApi, type SellingPoint, type Visit } from '../reception.api';

const skippable = new Set(['boards', 'show_flat', 'seated', 'plan']);

function useTicker(isRunning: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isRunning) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [isRunning]);
  return now;
}

/** SA-6: the project's selling points in the manager's order, each as the consultant presents it. */
function SellingPoints({ points, canManage }: { points: SellingPoint[]; canManage: boolean }) {
  const { t } = useTranslation(['reception', 'customers']);
  if (points.length === 0)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="visit-selling-points-empty"
        title={canManage ? t('sellingPoints.emptyForManager') : t('sellingPoints.emptyForConsultant')}
        action={
          canManage ? (
            <Link to="/reception/selling-points">
              <Button size="small">{t('sellingPoints.manage')}</Button>
            </Link>
          ) : null
        }
      />
    );
  return (
    <ol
      className="yk-selling-points"
      data-testid="visit-selling-points"
      style={{ paddingLeft: 20, marginTop: 0 }}
    >
      {points.map((point) => (
        <li key={point.id} style={{ marginBottom: 12 }}>
          <Space size={8} wrap>
            <Typography.Text strong>{point.title}</Typography.Text>
            {point.layout ? <Tag color="geekblue">{point.layout}</Tag> : null}
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
            {point.body}
          </Typography.Paragraph>
        </li>
      ))}
    </ol>
  );
}

export default function VisitPage() {
  const { t } = useTranslation(['reception', 'customers']);
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const visit = useApiQuery(keyed(['reception', 'visit'], id), (signal) => receptionApi.getVisit(id, signal));
  // The checks are evaluated from the recorded facts: a step done, the visit ended early or the
  // customer's key mark changed here changes them, so the panel reads them again.
  const queryClient = useQueryClient();
  const refreshChecks = () =>
    void queryClient.invalidateQueries({ queryKey: ['conformance', 'subject', 'visit', id] });
  const [note, setNote] = useState('');
  const [isSaving, setSaving] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const [isLeaving, setLeaving] = useState(false);
  const customer = useApiQuery(
    keyed(['customers', 'customer'], isEditing && visit.data ? visit.data.customerId : null),
    (signal) => customersApi.getCustomer(visit.data?.customerId ?? '', signal),
  );
  const now = useTicker(visit.data?.status === 'in_progress');
  const canManage = canAccess(useCurrentUser().roles, ['manager']);
  const data = visit.data;
  if (!data) return <Card loading />;

  const duration = (seconds: number) =>
    seconds < 60
      ? t('visit.seconds', { count: seconds })
      : t('visit.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
  const act = async (step: Visit['steps'][number]['step'], isSkipped: boolean) => {
    setSaving(true);
    try {
      const next = await receptionApi.completeStep(data.id, step, { note: note.trim(), isSkipped });
      visit.setData(next);
      refreshChecks();
      setNote('');
      if (next.status === 'done') void message.success(t('visit.done'));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  const currentIndex = data.steps.findIndex((step) => step.step === data.currentStep);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Button
            type="link"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/reception')}
            style={{ padding: 0 }}
          >
            {t('desk.title')}
          </Button>
        }
        title={t('visit.title', { name: data.customer?.name ?? '—' })}
        subtitle={
          <Space wrap>
            <span>{formatTime(data.arrivedAt, 'HH:mm')}</span>
            <span>
              {t('visit.partySize')}:{data.partySize}
            </span>
            <Tag color={data.visitorKind === 'buyer' ? 'default' : 'gold'}>
              {t(`visit.kinds.${data.visitorKind}`)}
            </Tag>
            <Tag color={data.status === 'done' ? 'green' : 'blue'} data-testid="visit-status">
              {data.status === 'done' ? t('visit.done') : t('visit.inProgress')}
            </Tag>
          </Space>
        }
        extra={
          data.customer ? (
            <Link to={`/customers/${data.customerId}`}>
              <Button>{t('customers:detail.profile')}</Button>
            </Link>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('visit.checklist')}>
            <Steps
              direction="vertical"
              size="small"
              current={currentIndex < 0 ? data.steps.length : currentIndex}
              items={data.steps.map((step) => ({
                title: `${t(`visit.steps.${step.step}`)} (${step.rule})`,
                icon: step.completedAt ? (
                  step.isSkipped ? (
                    <MinusCircleOutlined />
                  ) : (
                    <CheckCircleFilled style={{ color: '#52c41a' }} />
                  )
                ) : step.startedAt ? (
                  <ClockCircleOutlined />
                ) : undefined,
                description: step.completedAt
                  ? `${step.isSkipped ? t('visit.stepSkipped') : t('visit.stepDone')} · ${duration(step.durationSeconds ?? 0)}`
                  : step.startedAt
                    ? duration(Math.max(0, Math.round((now - Date.parse(step.startedAt)) / 1000)))
                    : t('visit.stepWaiting'),
              }))}
              data-testid="visit-steps"
            />
          </Card>
          <div style={{ marginTop: 16 }}>
            <ConformancePanel kind="visit" id={data.id} />
          </div>
        </Col>
        <Col xs={24} lg={15}>
          {data.status === 'done' ? (
            data.leftEarlyReason ? (
              <Alert
                type="warning"
                showIcon
                title={t('visit.leftEarly', { reason: data.leftEarlyReason })}
                data-testid="visit-left-early"
              />
            ) : (
              <Alert type="success" showIcon title={t('visit.done')} />
            )
          ) : (
            data.steps
              .filter((step) => step.step === data.currentStep)
              .map((step) => (
                <Card
                  key={step.step}
                  title={`${t(`visit.steps.${step.step}`)} · ${step.rule}`}
                  data-testid={`visit-step-${step.step}`}
                >
                  <Typography.Paragraph type="secondary">
                    {t(`visit.guidance.${step.step}`)}
                  </Typography.Paragraph>
                  {step.phrase ? (
                    <Alert
                      type="info"
                      style={{ marginBottom: 16 }}
                      title={
                        <Space direction="vertical" size={0}>
                          <Typography.Text type="secondary">{t('visit.phrase')}</Typography.Text>
                          <Typography.Title level={4} style={{ margin: 0 }} data-testid="visit-phrase">
                            “{step.phrase}”
                          </Typography.Title>
                        </Space>
                      }
                    />
                  ) : null}
                  {step.step === 'boards' ? (
                    <SellingPoints points={data.sellingPoints} canManage={canManage} />
                  ) : null}
                  {step.step === 'plan' ? (
                    <Link to={data.planLink}>
                      <Button
                        icon={<FileTextOutlined />}
                        style={{ marginBottom: 16 }}
                        data-testid="visit-plan-link"
                      >
                        {t('visit.plan')}
                      </Button>
                    </Link>
                  ) : null}
                  {step.step === 'registration' && data.customer ? (
                    <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
                      <Descriptions.Item label={t('customers:fields.name')}>
                        {data.customer.name}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('customers:fields.phones')}>
                        <Space>
                          {data.customer.isPhoneRefused ? (
                            <Tag data-testid="visit-phone-refused">{t('visit.refused')}</Tag>
                          ) : (
                            data.customer.phones.join(' / ') || '—'
                          )}
                          <Button size="small" onClick={() => setEditing(true)}>
                            {t('visit.editCustomer')}
                          </Button>
                        </Space>
                      </Descriptions.Item>
                    </Descriptions>
                  ) : null}
                  <Input.TextArea
                    rows={2}
                    maxLength={500}
                    placeholder={t('visit.note')}
                    value={note}
                    onChange={(event) => setNote(event.target.value)}
                    style={{ marginBottom: 12 }}
                  />
                  <Space>
                    <ActionButton
                      type="primary"
                      loading={isSaving}
                      onClick={() => act(step.step, false)}
                      data-testid="visit-step-complete"
                    >
                      {t('visit.complete')}
                    </ActionButton>
                    {skippable.has(step.step) ? (
                      <ActionButton
                        disabled={isSaving}
                        onClick={() => act(step.step, true)}
                        data-testid="visit-step-skip"
                      >
                        {t('visit.skip')}
                      </ActionButton>
                    ) : null}
                    <Button
                      danger
                      type="text"
                      onClick={() => setLeaving(true)}
                      data-testid="visit-leave-early"
                    >
                      {t('visit.leaveEarly')}
                    </Button>
                  </Space>
                </Card>
              ))
          )}
        </Col>
      </Row>
      <LeaveEarlyModal
        open={isLeaving}
        visitId={data.id}
        onClose={() => setLeaving(false)}
        onEnded={(ended) => {
          setLeaving(false);
          visit.setData(ended);
          refreshChecks();
        }}
      />
      {customer.data ? (
        <CustomerModal
          open={isEditing}
          projectId={customer.data.projectId}
          customer={customer.data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            visit.reload();
            refreshChecks();
          }}
        />
      ) : null}
    </>
  );
}
