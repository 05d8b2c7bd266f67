import {
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../contracts/locales';
import {
  type ErasureLine,
  erasureRules,
  type RevealReason,
  revealReasonLabels,
  revealReasons,
} from '../../../../contracts/personal-data';
import { ActionButton } from '../../../app/components/action-button';
import { saveBlob } from '../../../app/components/export-button';
import { useErrorHandler } from '../../../app/errors';
import { currentLocale } from '../../../app/i18n';
import { type Customer, customersApi } from '../customers.api';
import { CustomerModal } from './customer-modal';

const outcomeColors = { erased: 'red', anonymised: 'orange', kept: 'blue' } as const;

/** What an erasure did, per category, with the legal basis: shown once it is done. */
export function ErasureResultTable({ lines }: { lines: ErasureLine[] }) {
  const { t, i18n } = useTranslation(['customers', 'app']);
  const locale = (i18n.language as Locale) ?? currentLocale();
  return (
    <Table<ErasureLine>
      rowKey="category"
      size="small"
      pagination={false}
      dataSource={lines}
      data-testid="erasure-result"
      columns={[
        {
          key: 'category',
          title: t('privacy.category'),
          render: (_, line) => erasureRules[line.category].label[locale],
        },
        {
          key: 'outcome',
          title: t('privacy.outcome'),
          width: 100,
          render: (_, line) => (
            <Tag color={outcomeColors[line.outcome]} data-testid={`erasure-${line.category}`}>
              {t(`privacy.outcomes.${line.outcome}`)}
            </Tag>
          ),
        },
        { key: 'count', title: t('privacy.count'), dataIndex: 'count', width: 70 },
        {
          key: 'basis',
          title: t('privacy.basis'),
          render: (_, line) => erasureRules[line.category].basis[locale],
        },
      ]}
    />
  );
}

/** PRIV: asks why before a whole number is shown; the reason goes to the access log. */
export function RevealReasonModal({
  open,
  onClose,
  onReveal,
}: {
  open: boolean;
  onClose(): void;
  onReveal(reasonCode: RevealReason, reasonText: string): Promise<void>;
}) {
  const { t, i18n } = useTranslation(['customers', 'app']);
  const locale = (i18n.language as Locale) ?? currentLocale();
  const [form] = Form.useForm<{ reasonCode: RevealReason; reasonText: string }>();
  const [isBusy, setBusy] = useState(false);
  const reasonCode = Form.useWatch('reasonCode', form);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await onReveal(values.reasonCode, values.reasonText?.trim() ?? '');
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('privacy.revealTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'reveal-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('privacy.revealHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reasonCode: 'callback', reasonText: '' }}>
        <Form.Item name="reasonCode" label={t('privacy.revealReason')} rules={[{ required: true }]}>
          <Select
            data-testid="reveal-reason"
            options={revealReasons.map((value) => ({ value, label: revealReasonLabels[value][locale] }))}
          />
        </Form.Item>
        <Form.Item
          name="reasonText"
          label={t('privacy.revealText')}
          rules={[
            { required: reasonCode === 'other', whitespace: true, message: t('privacy.revealTextRequired') },
          ]}
        >
          <Input maxLength={200} data-testid="reveal-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A customer's PIPL rights, for the DPO and the project's manager: export, correction, withdrawal, erasure. */
export function PersonalDataPanel({ customer, onChanged }: { customer: Customer; onChanged(): void }) {
  const { t } = useTranslation(['customers', 'app']);
  const { message, modal } = App.useApp();
  const { showError } = useErrorHandler();
  const [isCorrecting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    try {
      const file = await customersApi.exportPersonalData(customer.id, format);
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const askReason = (options: {
    title: string;
    text: string;
    label: string;
    testId: string;
    danger?: boolean;
    run(reason: string): Promise<void>;
  }) => {
    let reason = '';
    modal.confirm({
      title: options.title,
      width: 520,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{options.text}</Typography.Text>
          <Input.TextArea
            placeholder={options.label}
            maxLength={200}
            autoSize={{ minRows: 2 }}
            onChange={(event) => {
              reason = event.target.value;
            }}
            data-testid={`${options.testId}-reason`}
          />
        </Space>
      ),
      okButtonProps: { danger: options.danger, 'data-testid': `${options.testId}-confirm` } as ButtonProps,
      onOk: async () => {
        if (!reason.trim()) {
          void message.error(t('app:common.required', { field: options.label }));
          throw new Error('reason required');
        }
        try {
          await options.run(reason.trim());
        } catch (error) {
          showError(error);
        }
      },
    });
  };

  const withdraw = () =>
    askReason({
      title: t('privacy.withdrawTitle'),
      text: t('privacy.withdrawConfirm'),
      label: t('detail.reason'),
      testId: 'withdraw',
      run: async (reason) => {
        await customersApi.withdrawConsent(customer.id, reason);
        void message.success(t('privacy.withdrawn'));
        onChanged();
      },
    });

  const erase = () =>
    askReason({
      title: t('privacy.erase'),
      text: t('privacy.eraseConfirm'),
      label: t('privacy.eraseReason'),
      testId: 'erase',
      danger: true,
      run: async (reason) => {
        const result = await customersApi.erase(customer.id, reason);
        modal.success({
          title: t('privacy.erasedTitle'),
          width: 760,
          content: (
            <>
              <Typography.Paragraph>{t('privacy.erasedHint')}</Typography.Paragraph>
              <ErasureResultTable lines={result.lines} />
            </>
          ),
        });
        onChanged();
      },
    });

  return (
    <Card size="small" title={t('privacy.panel')} data-testid="personal-data-panel">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('privacy.panelHint')}
      </Typography.Paragraph>
      <Space wrap>
        <ActionButton
          icon={<FileExcelOutlined />}
          loading={busy === 'xlsx'}
          onClick={() => download('xlsx')}
          data-testid="export-personal-xlsx"
        >
          {t('privacy.exportXlsx')}
        </ActionButton>
        <ActionButton
          icon={<FilePdfOutlined />}
          loading={busy === 'pdf'}
          onClick={() => download('pdf')}
          data-testid="export-personal-pdf"
        >
          {t('privacy.exportPdf')}
        </ActionButton>
        {customer.isErased ? null : (
          <>
            <Button
              icon={<EditOutlined />}
              onClick={() => setCorrecting(true)}
              data-testid="correct-customer"
            >
              {t('privacy.correct')}
            </Button>
            {customer.hasMarketingConsent ? (
              <ActionButton icon={<StopOutlined />} onClick={withdraw} data-testid="withdraw-consent">
                {t('privacy.withdraw')}
              </ActionButton>
            ) : null}
            <ActionButton danger icon={<DeleteOutlined />} onClick={erase} data-testid="erase-customer">
              {t('privacy.erase')}
            </ActionButton>
          </>
        )}
      </Space>
      <CustomerModal
        open={isCorrecting}
        projectId={customer.projectId}
        customer={customer}
        isCorrection
        onClose={() => setCorrecting(false)}
        onSaved={() => {
          setCorrecting(false);
          onChanged();
        }}
      />
    </Card>
  );
}
