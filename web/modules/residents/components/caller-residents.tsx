import { HomeOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallerResident } from '../residents.api';

/**
 * The caller pop's residents (issue 18): who is probably calling — name, role, unit, owner since
 * and a new owner's consultant. The caller's open work orders follow it on the pop (ScreenPop).
 */
export function CallerResidents({ residents }: { residents: CallerResident[] }) {
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
        </div>
      ))}
    </>
  );
}
