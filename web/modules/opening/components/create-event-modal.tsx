import { Checkbox, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequest } from '../../../app/components/use-request';
import { ZonedRangePicker } from '../../../app/components/zoned-pickers';
import { useErrorHandler } from '../../../app/errors';
import { inventoryApi } from '../../inventory';
import { openingApi } from '../opening.api';

export const phaseColor = {
  cancelled: 'default',
  upcoming: 'blue',
  open: 'green',
  closed: 'default',
} as const;

export function CreateEventModal({
  projectId,
  open,
  onClose,
  onCreated,
}: {
  projectId: string;
  open: boolean;
  onClose(): void;
  onCreated(id: string): void;
}) {
  const { t } = useTranslation('opening');
  const { showError } = useErrorHandler();
  const board = useRequest((signal) => inventoryApi.board(projectId, signal), open ? projectId : null);
  const [form] = Form.useForm<{
    name: string;
    window: [Dayjs, Dayjs];
    perBuyerLimit: number;
    buildingIds: string[];
  }>();
  const [busy, setBusy] = useState(false);
  const buildingIds = Form.useWatch('buildingIds', form) ?? [];
  const unitIds = (board.data?.buildings ?? [])
    .filter((building) => buildingIds.includes(building.id))
    .flatMap((building) => building.units.filter((cell) => cell.s === 'for_sale').map((cell) => cell.i));
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const created = await openingApi.create({
        projectId,
        name: values.name,
        startsAt: values.window[0].toISOString(),
        endsAt: values.window[1].toISOString(),
        perBuyerLimit: values.perBuyerLimit,
        unitIds,
      });
      form.resetFields();
      onCreated(created.id);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('staff.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ disabled: unitIds.length === 0, 'data-testid': 'opening-create-ok' } as never}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ perBuyerLimit: 1 }}>
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="opening-name" />
        </Form.Item>
        <Form.Item name="window" label={t('staff.window')} rules={[{ required: true }]}>
          <ZonedRangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="perBuyerLimit" label={t('staff.limit')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item
          name="buildingIds"
          label={t('staff.buildings')}
          rules={[{ required: true }]}
          extra={t('staff.unitCount', { count: unitIds.length })}
        >
          <Checkbox.Group
            options={(board.data?.buildings ?? []).map((building) => ({
              value: building.id,
              label: `${building.name}(${building.stats.byStatus.for_sale})`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
