import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../app/components/form-modal';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { projectDate, projectDayStart } from '../../../app/format';
import { type Resident, type ResidentRole, residentsApi } from '../residents.api';

interface Values {
  buildingName?: string;
  doorName?: string;
  room?: string;
  locationText?: string;
  name: string;
  role: ResidentRole;
  phones: string[];
  moveInOn?: Dayjs | null;
  notes?: string;
}

const roles: ResidentRole[] = ['owner', 'tenant', 'member'];

/** Create or edit a resident: place by building → door → unit (or an address), phones, move-in day. */
export function ResidentFormModal({
  open,
  projectId,
  resident,
  onClose,
  onSaved,
}: {
  open: boolean;
  projectId: string;
  resident?: Resident | null;
  onClose(): void;
  onSaved(resident: Resident): void;
}) {
  const { t } = useTranslation(['residents', 'app']);
  const [form] = Form.useForm<Values>();
  const initialValues: Partial<Values> = resident
    ? {
        buildingName: resident.buildingName,
        doorName: resident.doorName,
        room: resident.room,
        locationText: resident.room ? '' : resident.place,
        name: resident.name,
        role: resident.role,
        phones: resident.phones.length ? resident.phones : [''],
        moveInOn: resident.moveInOn ? projectDayStart(resident.moveInOn) : null,
        notes: resident.notes,
      }
    : { role: 'owner', phones: [''] };
  return (
    <FormModal<Values>
      open={open}
      form={form}
      width={640}
      title={resident ? t('residents:form.editTitle') : t('residents:form.createTitle')}
      initialValues={initialValues}
      testId="resident-form"
      onClose={onClose}
      onSubmit={async (values) => {
        const input = {
          buildingName: values.buildingName?.trim() ?? '',
          doorName: values.doorName?.trim() ?? '',
          room: values.room?.trim() ?? '',
          locationText: values.locationText?.trim() ?? '',
          name: values.name.trim(),
          role: values.role,
          phones: (values.phones ?? []).map((phone) => phone?.trim() ?? '').filter(Boolean),
          moveInOn: values.moveInOn ? projectDate(values.moveInOn) : null,
          notes: values.notes ?? '',
        };
        onSaved(
          resident
            ? await residentsApi.updateResident(resident.id, input)
            : await residentsApi.createResident({ projectId, ...input }),
        );
      }}
    >
      <Typography.Paragraph type="secondary">{t('residents:form.placeHint')}</Typography.Paragraph>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="buildingName" label={t('residents:fields.building')}>
            <Input maxLength={40} data-testid="resident-building" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="doorName" label={t('residents:fields.door')}>
            <Input maxLength={40} data-testid="resident-door" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="room" label={t('residents:fields.room')}>
            <Input maxLength={40} data-testid="resident-room" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="locationText" label={t('residents:fields.locationText')}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('residents:fields.name')}
            rules={[{ required: true, whitespace: true, message: t('residents:form.nameRequired') }]}
          >
            <Input maxLength={60} data-testid="resident-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="role"
            label={t('residents:fields.role')}
            rules={[{ required: true, message: t('residents:form.roleRequired') }]}
          >
            <Select options={roles.map((role) => ({ value: role, label: t(`residents:roles.${role}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="phones">
        {(fields, { add, remove }) => (
          <Form.Item label={t('residents:fields.phones')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={field.name} noStyle>
                    <Input
                      maxLength={40}
                      style={{ width: 220 }}
                      placeholder={t('residents:fields.phone', { index: index + 1 })}
                      data-testid="resident-phone"
                    />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(field.name)} /> : null}
                </Space>
              ))}
              {fields.length < 5 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  {t('residents:form.addPhone')}
                </Button>
              ) : null}
            </Space>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="moveInOn" label={t('residents:fields.moveInOn')}>
        <ZonedDatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="notes" label={t('residents:fields.notes')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}
