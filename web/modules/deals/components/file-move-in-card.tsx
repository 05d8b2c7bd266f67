import { Button, Card, Form, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { formatTime } from '../../../app/format';
import type { TransactionFile } from '../deals.api';
import { dealsApi } from '../deals.api';
import type { Run, Submit } from './file-actions';

/** The move-in appointment (SA-17) and its completion. */
export function FileMoveInCard({ view, run, submit }: { view: TransactionFile; run: Run; submit: Submit }) {
  const { t } = useTranslation('deals');
  const [moveInForm] = Form.useForm<{
    time: Dayjs;
    place: string;
    contact: string;
    phone: string;
    message: string;
  }>();
  return (
    <Card size="small" title={t('file.moveIn')}>
      {view.moveIns.map((row) => (
        <Space key={row.id} style={{ display: 'flex', marginBottom: 8 }}>
          <span>
            {formatTime(row.appointmentAt, 'YYYY-MM-DD HH:mm')} · {row.place} · {row.propertyOfficeContact}{' '}
            {row.propertyOfficePhone}
          </span>
          {row.status === 'scheduled' ? (
            <ActionButton
              size="small"
              onClick={() => run(() => dealsApi.completeMoveIn(row.id))}
              invalidates={[['deals']]}
            >
              {t('file.completeMoveIn')}
            </ActionButton>
          ) : (
            <Typography.Text type="success">✓</Typography.Text>
          )}
        </Space>
      ))}
      <Form
        form={moveInForm}
        layout="inline"
        initialValues={{ message: t('file.congratulationDefault') }}
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) moveInForm.scrollToField(errorFields[0].name, { block: 'center' });
        }}
        onFinish={(values) =>
          submit(moveInForm, () =>
            dealsApi.scheduleMoveIn(view.file.id, {
              appointmentAt: values.time.toISOString(),
              place: values.place,
              propertyOfficeContact: values.contact,
              propertyOfficePhone: values.phone ?? '',
              congratulationMessage: values.message,
            }),
          )
        }
      >
        <Form.Item name="time" rules={[{ required: true }]} messageVariables={{ label: t('file.time') }}>
          <ZonedDatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={t('file.time')}
          />
        </Form.Item>
        <Form.Item name="place" rules={[{ required: true }]} messageVariables={{ label: t('file.place') }}>
          <Input placeholder={t('file.place')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="contact"
          rules={[{ required: true }]}
          messageVariables={{ label: t('file.propertyContact') }}
        >
          <Input placeholder={t('file.propertyContact')} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="phone" messageVariables={{ label: t('file.propertyPhone') }}>
          <Input placeholder={t('file.propertyPhone')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="message"
          rules={[{ required: true }]}
          messageVariables={{ label: t('file.congratulation') }}
        >
          <Input placeholder={t('file.congratulation')} style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit">{t('file.schedule')}</Button>
      </Form>
    </Card>
  );
}
