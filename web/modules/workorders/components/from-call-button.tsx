import { ToolOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../app/data/use-api-mutation';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useLiveInvalidation } from '../../../app/data/use-live-invalidation';
import { useErrorHandler } from '../../../app/errors';
import { workOrdersApi } from '../workorders.api';
import { WorkOrderDrawer } from './detail-drawer';
import { OpenWorkOrdersForCaller } from './open-for-caller';
import { emptyWorkOrder, WorkOrderFields, type WorkOrderFormValues } from './work-order-form';

/**
 * The live call's "work order" button: a drawer prefilled with the caller, saved in one step linked
 * to the call; the orders opened from this call stay on the desk with their SLA clocks running.
 */
export function WorkOrderFromCall({
  callId,
  projectId,
  callerName,
  callerPhone,
}: {
  callId: string;
  projectId: string;
  callerName: string;
  callerPhone: string;
}) {
  const { t } = useTranslation('workorders');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [created, setCreated] = useState<string[]>([]);
  const [form] = Form.useForm<WorkOrderFormValues>();
  const { applyFormErrors } = useErrorHandler();
  const create = useApiMutation(
    async (values: WorkOrderFormValues) => {
      const order = await workOrdersApi.createFromCall(callId, values);
      setCreated((ids) => [...ids, order.id]);
      setOpen(false);
      void message.success(t('fromCall.created', { number: order.number }));
    },
    { invalidates: [['workorders']] },
  );
  const orders = useApiQuery(
    keyed(['workorders', 'from-call'], created.length ? `${callId}:${created.join(',')}` : null),
    (signal) => Promise.all(created.map((id) => workOrdersApi.get(id, signal))),
  );
  useLiveInvalidation(projectId ? [`project:${projectId}`] : [], [['workorders', 'from-call']], (event) =>
    event.type.startsWith('workorder.'),
  );
  return (
    <>
      <Button icon={<ToolOutlined />} onClick={() => setOpen(true)} data-testid="work-order-from-call">
        {t('fromCall.button')}
      </Button>
      <OpenWorkOrdersForCaller orders={orders.data ?? []} onOpen={setShown} />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('fromCall.title')}
        size="large"
        destroyOnHidden
        extra={
          <Button
            type="primary"
            loading={create.isRunning}
            onClick={() => form.submit()}
            data-testid="work-order-save"
          >
            {t('actions.create')}
          </Button>
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ ...emptyWorkOrder, callerName, callerPhone }}
          onFinish={(values) => create.run(values).catch((error) => applyFormErrors(form, error))}
        >
          <WorkOrderFields />
        </Form>
      </Drawer>
      <WorkOrderDrawer workOrderId={shown} onClose={() => setShown(null)} />
    </>
  );
}
