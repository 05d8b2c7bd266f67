import { CameraOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Image,
  Input,
  Rate,
  Select,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../app/data/use-api-mutation';
import { keyed, useApiQuery } from '../../../app/data/use-api-query';
import { useLiveInvalidation } from '../../../app/data/use-live-invalidation';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type WorkOrderDetail, type WorkOrderStep, workOrdersApi } from '../workorders.api';
import { shrinkPhoto } from './shrink-photo';
import { SlaTimer } from './sla-timer';

const statusColours: Record<string, string> = {
  new: 'default',
  assigned: 'geekblue',
  accepted: 'blue',
  on_site: 'cyan',
  done: 'green',
  callback: 'purple',
  closed: 'default',
};

export function StatusTag({ status }: { status: WorkOrderDetail['status'] }) {
  const { t } = useTranslation('workorders');
  return (
    <Tag color={statusColours[status]} data-testid="work-order-status" data-status={status}>
      {t(`statuses.${status}`)}
    </Tag>
  );
}

/** Take a photo (the phone's camera) or pick one; shrunk in the browser before upload. */
export function PhotoButton({ order, stage }: { order: WorkOrderDetail; stage: 'report' | 'done' }) {
  const { t } = useTranslation('workorders');
  const input = useRef<HTMLInputElement>(null);
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const upload = useApiMutation(
    async (file: File) => workOrdersApi.uploadPhoto(order.id, await shrinkPhoto(file), stage),
    { invalidates: [['workorders']] },
  );
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        data-testid="photo-input"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          try {
            await upload.run(file);
            void message.success(t('detail.uploaded'));
          } catch (error) {
            showError(error);
          }
        }}
      />
      <Button icon={<CameraOutlined />} loading={upload.isRunning} onClick={() => input.current?.click()}>
        {stage === 'done' ? t('actions.takePhoto') : t('actions.upload')}
      </Button>
    </>
  );
}

function AssignForm({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation('workorders');
  const { showError } = useErrorHandler();
  const assignees = useApiQuery(keyed(['workorders', 'assignees'], order.projectId), (signal) =>
    workOrdersApi.assignees(order.projectId, signal),
  );
  const [value, setValue] = useState<string | undefined>();
  const assign = useApiMutation(
    (choice: string) =>
      workOrdersApi.assign(
        order.id,
        choice.startsWith('team:') ? { teamId: choice.slice(5) } : { assigneeId: choice.slice(9) },
      ),
    { invalidates: [['workorders']] },
  );
  const options = [
    ...(assignees.data?.teams ?? []).map((team) => ({
      value: `team:${team.teamId}`,
      label: `${t('fields.team')} · ${team.name}`,
    })),
    ...(assignees.data?.engineers ?? []).map((engineer) => ({
      value: `engineer:${engineer.staffId}`,
      label: engineer.displayName,
    })),
  ];
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        style={{ flex: 1 }}
        placeholder={t('detail.assignTo')}
        options={options}
        value={value}
        onChange={setValue}
        data-testid="assign-select"
      />
      <Button
        type="primary"
        disabled={!value}
        loading={assign.isRunning}
        data-testid="assign-button"
        onClick={() => value && assign.run(value).catch(showError)}
      >
        {t('actions.assign')}
      </Button>
    </Space.Compact>
  );
}

function CallbackForm({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation('workorders');
  const [form] = Form.useForm<{ satisfaction: number; comment: string }>();
  const { applyFormErrors } = useErrorHandler();
  const save = useApiMutation(
    (values: { satisfaction: number; comment: string }) =>
      workOrdersApi.callback(order.id, values.satisfaction, values.comment ?? ''),
    { invalidates: [['workorders']] },
  );
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="callback-form"
      onFinish={(values) => save.run(values).catch((error) => applyFormErrors(form, error))}
    >
      <Form.Item name="satisfaction" label={t('detail.score')} rules={[{ required: true }]}>
        <Rate data-testid="callback-score" />
      </Form.Item>
      <Form.Item name="comment" label={t('detail.comment')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isRunning} data-testid="callback-save">
        {t('actions.callback')}
      </Button>
    </Form>
  );
}

/** The steps the caller may take now, with the note a completion or reopening asks for. */
export function StepButtons({ order, block }: { order: WorkOrderDetail; block?: boolean }) {
  const { t } = useTranslation('workorders');
  const { showError } = useErrorHandler();
  const [note, setNote] = useState('');
  const step = useApiMutation((name: WorkOrderStep) => workOrdersApi.step(order.id, name, note), {
    invalidates: [['workorders']],
  });
  const reopen = useApiMutation(() => workOrdersApi.reopen(order.id, note), {
    invalidates: [['workorders']],
  });
  const needsNote = order.can.steps.includes('complete') || order.can.reopen;
  return (
    <Flex vertical gap={8}>
      {needsNote ? (
        <Input.TextArea
          rows={2}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder={order.can.reopen ? t('detail.reopenReason') : t('detail.doneNote')}
          data-testid="step-note"
        />
      ) : null}
      <Flex gap={8} wrap>
        {order.can.steps.map((name) => (
          <Button
            key={name}
            type="primary"
            block={block}
            size={block ? 'large' : 'middle'}
            loading={step.isRunning}
            data-testid={`step-${name}`}
            onClick={() => step.run(name).catch(showError)}
          >
            {t(`actions.${name}`)}
          </Button>
        ))}
        {order.can.reopen ? (
          <Button
            danger
            disabled={!note.trim()}
            data-testid="reopen"
            onClick={() => reopen.run().catch(showError)}
          >
            {t('actions.reopen')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}

export function WorkOrderTimeline({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation('workorders');
  return (
    <Timeline
      items={order.timeline.map((event) => ({
        color: event.action === 'escalate' ? 'red' : event.action === 'reopen' ? 'orange' : 'blue',
        content: (
          <>
            <div>
              <strong>{t(`actions.${event.action}`)}</strong> · {event.byName || t('detail.system')} ·{' '}
              {formatTime(event.at, 'MM-DD HH:mm')}
            </div>
            {event.note && event.action !== 'escalate' ? <div>{event.note}</div> : null}
          </>
        ),
      }))}
    />
  );
}

export function PhotoStrip({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation('workorders');
  if (order.photos.length === 0) return <span>{t('detail.noPhotos')}</span>;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {order.photos.map((photo) => (
          <Image
            key={photo.id}
            width={72}
            height={72}
            style={{ objectFit: 'cover' }}
            src={workOrdersApi.photoUrl(photo.id)}
            alt={t(`detail.photoStages.${photo.stage}`)}
            data-testid="work-order-photo"
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

/** A work order with its timeline, photos and the next steps the caller may take. */
export function WorkOrderDrawer({
  workOrderId,
  onClose,
}: {
  workOrderId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('workorders');
  const detail = useApiQuery(keyed(['workorders', 'detail'], workOrderId), (signal) =>
    workOrdersApi.get(workOrderId ?? '', signal),
  );
  useLiveInvalidation(detail.data ? [`project:${detail.data.projectId}`] : [], [['workorders', 'detail']]);
  const order = detail.data;
  return (
    <Drawer
      open={workOrderId !== null}
      onClose={onClose}
      size="large"
      title={order ? t('detail.title', { number: order.number }) : ''}
      data-testid="work-order-drawer"
    >
      {order ? (
        <Flex vertical gap={16}>
          <Space wrap>
            <StatusTag status={order.status} />
            <Tag color={order.urgency === 'urgent' ? 'red' : 'default'}>
              {t(`urgencies.${order.urgency}`)}
            </Tag>
            <Tag>{t(`categories.${order.category}`)}</Tag>
            <SlaTimer order={order} />
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('fields.location')}>{order.location}</Descriptions.Item>
            <Descriptions.Item label={t('fields.description')}>{order.description}</Descriptions.Item>
            <Descriptions.Item label={t('fields.callerName')}>
              {order.callerName} {order.callerPhone}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.source')}>
              {t(`sources.${order.source}`)}
              {order.hasCall ? ` · ${t('detail.linkedCall')}` : ''}
              {order.hasIncident ? ` · ${t('detail.linkedIncident')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.assignee')}>
              {[order.teamName, order.assigneeName].filter(Boolean).join(' · ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.createdAt')}>
              {formatTime(order.createdAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            {order.doneNote ? (
              <Descriptions.Item label={t('detail.doneNote')}>{order.doneNote}</Descriptions.Item>
            ) : null}
            {order.satisfaction !== null ? (
              <Descriptions.Item label={t('fields.satisfaction')}>
                <Rate disabled value={order.satisfaction} /> {order.callbackComment}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {order.can.assign ? <AssignForm order={order} /> : null}
          <StepButtons order={order} />
          {order.can.callback ? <CallbackForm order={order} /> : null}
          <div>
            <h4>{t('detail.photos')}</h4>
            <Flex vertical gap={8}>
              <PhotoStrip order={order} />
              {order.can.upload ? (
                <PhotoButton order={order} stage={order.status === 'on_site' ? 'done' : 'report'} />
              ) : null}
            </Flex>
          </div>
          <div>
            <h4>{t('detail.timeline')}</h4>
            <WorkOrderTimeline order={order} />
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
