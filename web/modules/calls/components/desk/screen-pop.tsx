import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../../app/format';
import { CallerResidents } from '../../../residents';
import { OpenWorkOrdersForCaller } from '../../../workorders';
import type { CallDetail } from '../../calls.api';

/** Who is calling: a member of staff, residents, customers of the sales register, and their recent history. */
export function ScreenPop({ detail }: { detail: CallDetail }) {
  const { t } = useTranslation(['app', 'calls']);
  return (
    <>
      {detail.caller.staff ? (
        <Space wrap>
          <Tag color="blue">{t('calls:desk.staffCaller')}</Tag>
          <Typography.Text strong>{detail.caller.staff.displayName}</Typography.Text>
          <Typography.Text type="secondary">
            {[detail.caller.staff.departmentName, detail.caller.staff.title].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ) : detail.caller.customers.length === 0 && detail.caller.residents.length === 0 ? (
        <Typography.Text>{detail.call.callerName || t('calls:desk.unknownCaller')}</Typography.Text>
      ) : null}
      <CallerResidents residents={detail.caller.residents} />
      <OpenWorkOrdersForCaller
        orders={detail.caller.workOrders}
        testId="screen-pop-work-orders"
        titleKey="fromCall.callerOrders"
      />
      {detail.caller.customers.map((customer) => (
        <div key={customer.id} data-testid="screen-pop-customer">
          <Space wrap>
            <Tag color={customer.category === 'key' ? 'gold' : 'green'}>
              {customer.category === 'key' ? t('calls:desk.keyCustomer') : t('calls:desk.customerCaller')}
            </Tag>
            <Typography.Text strong>{customer.name}</Typography.Text>
            <Typography.Text type="secondary">
              {[
                customer.projectName,
                customer.phoneMasked,
                customer.ownerName
                  ? t('calls:desk.customerOwner', { name: customer.ownerName })
                  : t('calls:desk.customerNoOwner'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </Space>
        </div>
      ))}
      <Descriptions size="small" column={1} style={{ marginTop: 4 }}>
        <Descriptions.Item label={t('calls:desk.recentCalls')}>
          {detail.caller.recentCalls.length
            ? detail.caller.recentCalls
                .map(
                  (call) =>
                    `${formatTime(call.ringingAt, 'MM-DD HH:mm')} ${t(`calls:status.${call.status}`)}${call.notes ? ` · ${call.notes}` : ''}`,
                )
                .join(';')
            : t('calls:desk.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('calls:desk.recentMessages')}>
          {detail.caller.recentMessages.length
            ? detail.caller.recentMessages.map((row) => `${row.recipientName}:${row.content}`).join(';')
            : t('calls:desk.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('calls:desk.recentIncidents')}>
          {detail.caller.recentIncidents.length
            ? detail.caller.recentIncidents.map((row) => row.account).join(';')
            : t('calls:desk.none')}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
