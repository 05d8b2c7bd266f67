import { ArrowDownOutlined, ArrowUpOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { PresenceBadge } from '../../../app/components/presence-badge';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useProjectSelection } from '../../../app/data/projects';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { useLiveEvents } from '../../../app/live';
import { CallDrawer } from '../components/call-drawer';
import { OutOfTurnModal } from '../components/out-of-turn-modal';
import { VisitorModal } from '../components/visitor-modal';
import { type OutOfTurn, receptionApi, type SalesCall } from '../reception.api';

export default function DeskPage() {
  const { t } = useTranslation(['reception', 'customers']);
  const navigate = useNavigate();
  const { user } = useAuth();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const board = useApiQuery(
    keyed(['reception', 'board'], projectId ? `${projectId}:${user?.presence}` : null),
    (signal) => receptionApi.getBoard(projectId ?? '', signal),
  );
  const openVisits = useApiQuery(
    keyed(
      ['reception', 'visits', 'in-progress'],
      projectId
        ? `${projectId}:${board.data?.members.reduce((sum, member) => sum + member.visits, 0) ?? 0}`
        : null,
    ),
    (signal) =>
      receptionApi.findVisits({ projectId: projectId ?? '', status: 'in_progress', pageSize: 20 }, signal),
  );
  const [call, setCall] = useState<{ call: SalesCall; greeting: string } | null>(null);
  const [isReceiving, setReceiving] = useState(false);
  const [isAnswering, setAnswering] = useState(false);
  // SA-1(1): taking someone else's turn asks why first; a visitor's reason rides with the visitor form.
  const [askingWhy, setAskingWhy] = useState<'call' | 'visit' | null>(null);
  const [visitOutOfTurn, setVisitOutOfTurn] = useState<OutOfTurn | null>(null);
  // Navigation waits until the visitor form has closed, so its unsaved-changes guard is released.
  const [goTo, setGoTo] = useState<string | null>(null);
  useEffect(() => {
    if (goTo && !isReceiving) navigate(goTo);
  }, [goTo, isReceiving, navigate]);

  // A turn taken at another desk moves the order at once; presence changes are caught by a slow poll.
  useLiveEvents(projectId ? [`project:${projectId}`] : [], (event) => {
    if (event.type.startsWith('reception.')) board.reload();
  });
  useEffect(() => {
    const timer = window.setInterval(() => board.reload(), 15_000);
    return () => window.clearInterval(timer);
  }, [board]);

  if (!projectId) return <PageHeader title={t('desk.title')} subtitle={t('customers:project.none')} />;
  const data = board.data;
  const isConsultant = user?.roles.some((grant) => grant.role === 'consultant') ?? false;
  const move = async (index: number, delta: number) => {
    if (!data) return;
    const ids = data.members.map((member) => member.staffId);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved);
    try {
      board.setData(await receptionApi.setOrder(projectId, ids));
    } catch (error) {
      showError(error);
    }
  };
  const answer = async (outOfTurn: OutOfTurn | null = null) => {
    setAnswering(true);
    try {
      setCall(await receptionApi.answerCall(projectId, outOfTurn));
      board.reload();
    } catch (error) {
      showError(error);
      board.reload();
    } finally {
      setAnswering(false);
    }
  };
  const me = data?.members.find((member) => member.staffId === user?.id);
  const canTakeOutOfTurn =
    !!data && !data.isMyTurn && me?.presence === 'at_desk' && data.nextStaffId !== null;
  return (
    <>
      <PageHeader
        title={t('desk.title')}
        subtitle={t('desk.subtitle')}
        extra={<ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />}
      />
      {data ? (
        <Card style={{ marginBottom: 16, background: '#f0f7ff', borderColor: '#bcd8f5' }}>
          <Row gutter={16} align="middle">
            <Col flex="auto">
              <Typography.Text type="secondary">{t('desk.greeting')}</Typography.Text>
              <Typography.Title level={2} style={{ margin: '4px 0 0' }} data-testid="desk-greeting">
                {data.greeting}
              </Typography.Title>
            </Col>
            <Col>
              <Space direction="vertical" align="end">
                <Typography.Text data-testid="desk-next">
                  {t('desk.nextIs', { name: data.nextName ?? t('desk.nobody') })}
                </Typography.Text>
                {isConsultant ? (
                  data.isMyTurn ? (
                    <Tag color="green" data-testid="my-turn">
                      {t('desk.myTurn')}
                    </Tag>
                  ) : me?.presence !== 'at_desk' ? (
                    <Typography.Text type="warning">{t('desk.setAtDesk')}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">
                      {t('desk.notMyTurn', { name: data.nextName ?? '—' })}
                    </Typography.Text>
                  )
                ) : null}
                {isConsultant ? (
                  <Space>
                    <ActionButton
                      type="primary"
                      size="large"
                      icon={<PhoneOutlined />}
                      disabled={!data.isMyTurn && !canTakeOutOfTurn}
                      loading={isAnswering}
                      onClick={() => (data.isMyTurn ? answer() : setAskingWhy('call'))}
                      data-testid="answer-call"
                    >
                      {t('desk.answer')}
                    </ActionButton>
                    <Button
                      size="large"
                      icon={<TeamOutlined />}
                      disabled={!data.isMyTurn && !canTakeOutOfTurn}
                      onClick={() => {
                        setVisitOutOfTurn(null);
                        if (data.isMyTurn) setReceiving(true);
                        else setAskingWhy('visit');
                      }}
                      data-testid="receive-visitor"
                    >
                      {t('desk.receive')}
                    </Button>
                  </Space>
                ) : null}
              </Space>
            </Col>
          </Row>
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={data ? `${t('desk.order')} · ${t('desk.today', { day: data.day })}` : t('desk.order')}
            loading={board.loading && !data}
          >
            {data && data.members.length === 0 ? <Empty /> : null}
            <List
              dataSource={data?.members ?? []}
              data-testid="answering-order"
              renderItem={(member, index) => (
                <List.Item
                  style={member.isNext ? { background: '#f6ffed', paddingInline: 8 } : { paddingInline: 8 }}
                  actions={
                    data?.canReorder
                      ? [
                          <ActionButton
                            key="up"
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={index === 0}
                            onClick={() => move(index, -1)}
                            aria-label={t('desk.moveUp')}
                          />,
                          <ActionButton
                            key="down"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={index === (data?.members.length ?? 0) - 1}
                            onClick={() => move(index, 1)}
                            aria-label={t('desk.moveDown')}
                          />,
                        ]
                      : undefined
                  }
                >
                  <Space size={12}>
                    <Typography.Text type="secondary" style={{ width: 20, display: 'inline-block' }}>
                      {member.position}
                    </Typography.Text>
                    <PresenceBadge presence={member.presence} />
                    <Typography.Text strong={member.isNext}>{member.displayName}</Typography.Text>
                    {member.isNext ? <Tag color="green">{t('desk.next')}</Tag> : null}
                  </Space>
                  <Space size={16}>
                    <Typography.Text data-testid="member-calls">
                      {t('desk.callCount', { count: member.calls })}
                    </Typography.Text>
                    <Typography.Text data-testid="member-visits">
                      {t('desk.visitCount', { count: member.visits })}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('desk.openVisits')}>
            {(openVisits.data?.items ?? []).length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={openVisits.data?.items ?? []}
                renderItem={(visit) => (
                  <List.Item
                    extra={
                      <Typography.Text type="secondary">
                        {formatTime(visit.arrivedAt, 'HH:mm')}
                      </Typography.Text>
                    }
                  >
                    <Link to={`/reception/visits/${visit.id}`}>
                      {visit.customerName} · {visit.staffName}
                    </Link>
                  </List.Item>
                )}
              />
            )}
          </Card>
          {data?.members.every((member) => member.presence !== 'at_desk') ? (
            <Alert type="warning" showIcon title={t('desk.nobody')} style={{ marginTop: 16 }} />
          ) : null}
        </Col>
      </Row>
      <CallDrawer
        call={call?.call ?? null}
        greeting={call?.greeting ?? ''}
        projectId={projectId}
        onClose={() => {
          setCall(null);
          board.reload();
        }}
      />
      <OutOfTurnModal
        open={askingWhy !== null}
        nextName={data?.nextName ?? ''}
        onClose={() => setAskingWhy(null)}
        onConfirm={async (outOfTurn) => {
          const kind = askingWhy;
          setAskingWhy(null);
          if (kind === 'call') await answer(outOfTurn);
          else {
            setVisitOutOfTurn(outOfTurn);
            setReceiving(true);
          }
        }}
      />
      <VisitorModal
        open={isReceiving}
        projectId={projectId}
        outOfTurn={visitOutOfTurn}
        onClose={() => setReceiving(false)}
        onReceived={(visit, takenBy) => {
          if (takenBy !== null) void message.warning(t('visit.ownershipTaken', { owner: takenBy }), 8);
          setGoTo(`/reception/visits/${visit.id}`);
        }}
      />
    </>
  );
}
