import { SwapOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAccess } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { dealsApi, type TransactionFile } from '../deals.api';
import type { Submit } from './file-actions';

interface HandOverValues {
  toConsultantId: string;
  reason: string;
}

/**
 * SA-19: the project manager hands the deal to another consultant, with the reason. The picker
 * lists the project's other consultants by name; a refusal marks the field it is about.
 */
export function FileHandOverButton({ view, submit }: { view: TransactionFile; submit: Submit }) {
  const { t } = useTranslation('deals');
  const { scrollToFirstError } = useErrorHandler();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<HandOverValues>();
  const fileId = view.file.id;
  const candidates = useApiQuery(open ? ['deals', 'file', fileId, 'hand-over-candidates'] : null, (signal) =>
    dealsApi.handOverCandidates(fileId, signal),
  );
  const isWorked = view.file.status === 'open' || view.file.status === 'contracted';
  if (!canAccess(user.roles, ['manager']) || !isWorked) return null;

  const close = () => {
    setOpen(false);
    form.resetFields();
  };
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="hand-over">
        {t('handOver.action')}
      </Button>
      <Modal
        open={open}
        title={t('handOver.title')}
        okText={t('handOver.submit')}
        onCancel={close}
        onOk={async () => {
          let values: HandOverValues;
          try {
            values = await form.validateFields();
          } catch (failure) {
            scrollToFirstError(form, failure);
            return;
          }
          if (await submit(form, () => dealsApi.handOver(fileId, values))) close();
        }}
      >
        <Typography.Paragraph type="secondary">{t('handOver.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            name="toConsultantId"
            label={t('handOver.to')}
            rules={[{ required: true, message: t('handOver.toRequired') }]}
          >
            <Select
              data-testid="hand-over-to"
              loading={candidates.loading}
              showSearch
              optionFilterProp="label"
              options={(candidates.data ?? []).map((person) => ({
                value: person.id,
                label: person.displayName,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('handOver.reason')}
            rules={[{ required: true, whitespace: true, message: t('handOver.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="hand-over-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The deal's hand-overs, oldest first, by name (none: nothing shown). */
export function FileHandOvers({ view }: { view: TransactionFile }) {
  const { t } = useTranslation('deals');
  if (!view.handOvers.length) return null;
  return (
    <Card size="small" title={t('handOver.history')} style={{ marginBottom: 12 }}>
      {view.handOvers.map((row) => (
        <Typography.Paragraph key={row.id} style={{ marginBottom: 4 }} data-testid="hand-over-entry">
          {t('handOver.entry', {
            from: row.fromConsultantName,
            to: row.toConsultantName,
            by: row.handedOverByName,
            at: formatTime(row.handedOverAt),
            reason: row.reason,
          })}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
