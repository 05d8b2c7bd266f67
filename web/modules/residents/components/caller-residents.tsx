import { HomeOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallerResident } from '../residents.api';

/**
 * The caller pop's residents (issue 18): who is probably calling — name, role, unit, owner since
 * and a new owner's consultant. `workOrders` is where the work-orders module's open orders for
 * the resident go (the lead wires that component in).
 */
export function CallerResidents({
  residents,
  workOrders,
}: {
  residents: CallerResident[];
  workOrders?: (resident: CallerResident) => ReactNode;
}) {
  const { t } = useTranslation(['residents']);
  return (
    <>
      {residents.map((resident) => (
        <div key={resident.id} data-testid="screen-pop-resident">
          <Space wrap>
            <Tag icon={<HomeOutlined />} color={resident.role === 'owner' ? 'gold' : 'cyan'}>
              {t(`residents:roles.${resident.role}`)}
            </Tag>
            <Typography.Text strong>{resident.name}</Typography.Text>
            <Typography.Text type="secondary">
              {[
                `${resident.projectName} ${resident.place}`,
                resident.moveInOn ? t('residents:pop.ownerSince', { day: resident.moveInOn }) : '',
                resident.consultantName
                  ? t('residents:pop.consultant', { name: resident.consultantName })
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </Space>
          {/* WORK ORDERS: the work-orders module's open orders of this resident, wired in by the lead. */}
          {workOrders ? <div data-testid="screen-pop-work-orders">{workOrders(resident)}</div> : null}
        </div>
      ))}
    </>
  );
}
