import { Button, Checkbox, Descriptions, Drawer, Form, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { formatTime, projectDate, projectDaysFromToday } from '../../../app/format';
import { type Resident, residentsApi } from '../residents.api';
import { ResidentFormModal } from './resident-form-modal';

/** One resident: where, who, phones, days, consent with who changed it; edit, move out, consent. */
export function ResidentDrawer({
  resident,
  onClose,
  onChanged,
}: {
  resident: Resident | null;
  onClose(): void;
  onChanged(resident: Resident): void;
}) {
  const { t } = useTranslation(['residents', 'app']);
  const [isEditing, setEditing] = useState(false);
  const [isMovingOut, setMovingOut] = useState(false);
  const [isConsenting, setConsenting] = useState(false);
  if (!resident) return null;
  const consent = resident.consent;
  return (
    <>
      <Drawer
        open
        width={520}
        title={t('residents:detail.title')}
        onClose={onClose}
        data-testid="resident-drawer"
        extra={
          <Space>
            <Button onClick={() => setEditing(true)} data-testid="resident-edit">
              {t('residents:detail.edit')}
            </Button>
            {resident.isMovedOut || resident.moveOutOn ? null : (
              <Button onClick={() => setMovingOut(true)} data-testid="resident-move-out">
                {t('residents:detail.moveOut')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('residents:fields.name')}>
            <Space>
              <Typography.Text strong>{resident.name}</Typography.Text>
              <Tag color={resident.role === 'owner' ? 'gold' : 'blue'}>
                {t(`residents:roles.${resident.role}`)}
              </Tag>
              {resident.isMovedOut ? <Tag>{t('residents:status.movedOut')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.place')}>
            <Space>
              {`${resident.projectName} · ${resident.place}`}
              {resident.isLinkedToUnit ? <Tag color="green">{t('residents:fields.linkedToUnit')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.phones')}>
            {resident.phones.join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.moveInOn')}>
            {resident.moveInOn ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.moveOutOn')}>
            {resident.moveOutOn ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.consultant')}>
            {resident.consultantName ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.source')}>
            {t(`residents:sources.${resident.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.notes')}>{resident.notes}</Descriptions.Item>
          <Descriptions.Item label={t('residents:fields.consent')}>
            <Space direction="vertical" size={2}>
              <Checkbox checked={consent.afterSalesCare} disabled>
                {t('residents:fields.afterSalesCare')}
              </Checkbox>
              <Checkbox checked={consent.announcements} disabled>
                {t('residents:fields.announcements')}
              </Checkbox>
              <Typography.Text
                type="secondary"
                style={{ fontSize: 12 }}
                data-testid="resident-consent-changed"
              >
                {consent.changedAt
                  ? t('residents:fields.consentChanged', {
                      name: consent.changedByName ?? '',
                      time: formatTime(consent.changedAt, 'YYYY-MM-DD HH:mm'),
                    })
                  : t('residents:fields.consentNever')}
              </Typography.Text>
              {resident.role === 'owner' ? (
                <Button size="small" onClick={() => setConsenting(true)} data-testid="resident-consent">
                  {t('residents:detail.consent')}
                </Button>
              ) : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Drawer>
      <ResidentFormModal
        open={isEditing}
        projectId={resident.projectId}
        resident={resident}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          onChanged(saved);
        }}
      />
      <FormModal<{ moveOutOn: Dayjs }>
        open={isMovingOut}
        title={t('residents:moveOut.title')}
        initialValues={{ moveOutOn: projectDaysFromToday(0) }}
        testId="resident-move-out-form"
        onClose={() => setMovingOut(false)}
        onSubmit={async (values) => {
          onChanged(await residentsApi.moveOut(resident.id, projectDate(values.moveOutOn)));
          setMovingOut(false);
        }}
      >
        <Form.Item
          name="moveOutOn"
          label={t('residents:fields.moveOutOn')}
          rules={[{ required: true, message: t('residents:moveOut.required') }]}
        >
          <ZonedDatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <FormModal<{ afterSalesCare: boolean; announcements: boolean }>
        open={isConsenting}
        title={t('residents:consent.title')}
        initialValues={{ afterSalesCare: consent.afterSalesCare, announcements: consent.announcements }}
        testId="resident-consent-form"
        onClose={() => setConsenting(false)}
        onSubmit={async (values) => {
          onChanged(
            await residentsApi.setConsent(resident.id, {
              afterSalesCare: Boolean(values.afterSalesCare),
              announcements: Boolean(values.announcements),
            }),
          );
          setConsenting(false);
        }}
      >
        <Typography.Paragraph type="secondary">{t('residents:consent.hint')}</Typography.Paragraph>
        <Form.Item name="afterSalesCare" valuePropName="checked">
          <Checkbox>{t('residents:fields.afterSalesCare')}</Checkbox>
        </Form.Item>
        <Form.Item name="announcements" valuePropName="checked">
          <Checkbox>{t('residents:fields.announcements')}</Checkbox>
        </Form.Item>
      </FormModal>
    </>
  );
}
