import { Col, Form, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { workOrderCategories, workOrderUrgencies } from '../../../../contracts/workorders';
import type { WorkOrderInput } from '../workorders.api';

export type WorkOrderFormValues = WorkOrderInput;

/** The fields of a new work order, on the call's drawer and the work-order page alike. */
export function WorkOrderFields() {
  const { t } = useTranslation('workorders');
  return (
    <>
      <Form.Item name="category" label={t('fields.category')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid">
          {workOrderCategories.map((value) => (
            <Radio.Button key={value} value={value} data-testid={`category-${value}`}>
              {t(`categories.${value}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="urgency" label={t('fields.urgency')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid">
          {workOrderUrgencies.map((value) => (
            <Radio.Button key={value} value={value} data-testid={`urgency-${value}`}>
              {t(`urgencies.${value}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item name="buildingText" label={t('fields.building')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="doorText" label={t('fields.door')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="unitText" label={t('fields.unit')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('fields.description')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="work-order-description" />
      </Form.Item>
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="callerName" label={t('fields.callerName')}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="callerPhone" label={t('fields.callerPhone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

export const emptyWorkOrder: WorkOrderFormValues = {
  category: 'repair',
  urgency: 'normal',
  buildingText: '',
  doorText: '',
  unitText: '',
  description: '',
  callerName: '',
  callerPhone: '',
};
