import { PhoneOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Empty, Input, List, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ExportButton } from '../../../app/components/export-button';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useServerTable } from '../../../app/components/use-server-table';
import { useProjectSelection } from '../../../app/data/projects';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { formatTime } from '../../../app/format';
import { CustomerNameCell, customerDateColumns, PhonesCell } from '../components/customer-cells';
import { CustomerModal } from '../components/customer-modal';
import { CompleteFollowUpModal } from '../components/follow-up-modals';
import { type Customer, customersApi, type FollowUp, toSearchQuery } from '../customers.api';

function TodayColumn({
  title,
  icon,
  items,
  testId,
}: {
  title: string;
  icon: React.ReactNode;
  items: Array<Customer & { servedAt: string }>;
  testId: string;
}) {
  const { t } = useTranslation('customers');
  return (
    <Card
      size="small"
      title={
        <Space>
          {icon}
          {title}
          <Badge count={items.length} showZero color="#1f6fbf" />
        </Space>
      }
      data-testid={testId}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('book.emptyToday')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(customer) => (
            <List.Item
              extra={
                <Typography.Text type="secondary">{formatTime(customer.servedAt, 'HH:mm')}</Typography.Text>
              }
            >
              <Space direction="vertical" size={0}>
                <Link to={`/customers/${customer.id}`} data-testid="book-customer">
                  <CustomerNameCell customer={customer} />
                </Link>
                <PhonesCell customer={customer} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export default function BookPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [isRegistering, setRegistering] = useState(false);
  // Navigation waits until the form has closed, so its unsaved-changes guard is released.
  const [goTo, setGoTo] = useState<string | null>(null);
  useEffect(() => {
    if (goTo && !isRegistering) navigate(goTo);
  }, [goTo, isRegistering, navigate]);
  const [completing, setCompleting] = useState<FollowUp | null>(null);
  const book = useApiQuery(keyed(['customers', 'book'], projectId), (signal) =>
    customersApi.getBook(projectId ?? '', signal),
  );
  const table = useServerTable<Customer, { q?: string }>(
    (query, signal) =>
      projectId
        ? customersApi.findCustomers(
            {
              projectId,
              scope: 'mine',
              q: query.filters.q,
              page: query.page,
              pageSize: query.pageSize,
              sort: query.sort,
              order: query.order,
            },
            signal,
          )
        : Promise.resolve({ items: [], total: 0 }),
    { filters: {}, scope: projectId },
  );
  const refresh = () => {
    book.reload();
    table.reload();
  };
  if (!projectId) return <PageHeader title={t('book.title')} subtitle={t('project.none')} />;
  const due = book.data?.dueFollowUps ?? [];
  return (
    <>
      <PageHeader
        title={t('book.title')}
        subtitle={t('book.subtitle')}
        extra={
          <>
            <ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setRegistering(true)}
              data-testid="register-customer"
            >
              {t('book.register')}
            </Button>
          </>
        }
      />
      <Tabs
        defaultActiveKey="today"
        items={[
          {
            key: 'today',
            label: t('book.today'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={8}>
                  <TodayColumn
                    title={t('book.callers')}
                    icon={<PhoneOutlined />}
                    items={book.data?.callers ?? []}
                    testId="book-callers"
                  />
                </Col>
                <Col xs={24} lg={8}>
                  <TodayColumn
                    title={t('book.visitors')}
                    icon={<TeamOutlined />}
                    items={book.data?.visitors ?? []}
                    testId="book-visitors"
                  />
                </Col>
                <Col xs={24} lg={8}>
                  <Card
                    size="small"
                    title={
                      <Space>
                        {t('book.due')}
                        <Badge count={due.length} showZero />
                      </Space>
                    }
                    data-testid="book-due"
                  >
                    {due.length === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                    ) : (
                      <List
                        size="small"
                        dataSource={due}
                        renderItem={(item) => (
                          <List.Item
                            actions={[
                              <Button
                                key="done"
                                size="small"
                                onClick={() => setCompleting(item)}
                                data-testid="complete-follow-up"
                              >
                                {t('followUps.complete')}
                              </Button>,
                            ]}
                          >
                            <Space direction="vertical" size={0}>
                              <Space size={4}>
                                <Link to={`/customers/${item.customerId}`}>{item.customerName}</Link>
                                {item.isOverdue ? (
                                  <Tag color="red">{t('followUps.statuses.overdue')}</Tag>
                                ) : null}
                              </Space>
                              <Typography.Text type="secondary">
                                {formatTime(item.plannedAt, 'MM-DD HH:mm')} · {t(`channels.${item.channel}`)}{' '}
                                · {item.theme}
                              </Typography.Text>
                            </Space>
                          </List.Item>
                        )}
                      />
                    )}
                  </Card>
                </Col>
              </Row>
            ),
          },
          {
            key: 'mine',
            label: t('book.mine'),
            children: (
              <Card size="small">
                <Space style={{ marginBottom: 12 }} wrap>
                  <Input.Search
                    allowClear
                    placeholder={t('book.searchPlaceholder')}
                    style={{ width: 320 }}
                    onSearch={(value) => table.setFilters({ q: toSearchQuery(value) })}
                    data-testid="book-search"
                  />
                  <ExportButton
                    path="/customers/export"
                    query={{ projectId, scope: 'mine', ...table.exportQuery }}
                    fallbackFileName={t('list.exportFileName')}
                  />
                </Space>
                <Table<Customer>
                  rowKey="id"
                  size="middle"
                  {...table.tableProps}
                  scroll={{ x: 860 }}
                  onRow={(record) => ({
                    onClick: () => navigate(`/customers/${record.id}`),
                    style: { cursor: 'pointer' },
                  })}
                  data-testid="book-table"
                  columns={[
                    {
                      key: 'name',
                      title: t('fields.name'),
                      render: (_, row) => <CustomerNameCell customer={row} />,
                    },
                    {
                      key: 'phones',
                      title: t('fields.phones'),
                      render: (_, row) => <PhonesCell customer={row} />,
                    },
                    { key: 'intent', title: t('fields.intentLayout'), dataIndex: 'intentLayout' },
                    ...customerDateColumns(t, table),
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
      <CustomerModal
        open={isRegistering}
        projectId={projectId}
        onClose={() => setRegistering(false)}
        onSaved={(customer) => {
          refresh();
          setGoTo(`/customers/${customer.id}`);
        }}
      />
      <CompleteFollowUpModal followUp={completing} onClose={() => setCompleting(null)} onSaved={refresh} />
    </>
  );
}
