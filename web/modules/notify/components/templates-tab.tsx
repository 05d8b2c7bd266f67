import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  List,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../contracts/locales';
import { ActionButton } from '../../../app/components/action-button';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { notifyApi, type TemplateSummary, type TemplateVersion } from '../notify.api';

const localeOptions: Array<{ value: Locale; label: string }> = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'zh-TW', label: '繁體中文' },
  { value: 'en', label: 'English' },
];

function TemplateEditor({
  template,
  onClose,
  onSaved,
}: {
  template: TemplateSummary;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  // Placeholders are named in words; the template text holds their {code}, inserted by a click.
  const paramLabel = (param: string) => t(`notify:templates.paramLabels.${param}`, { defaultValue: param });
  const { message } = App.useApp();
  const { showError, applyFormErrors } = useErrorHandler();
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [form] = Form.useForm<{ title: string; body: string; smsTemplateCode: string }>();
  const versions = useApiQuery(['notify', 'templates', template.event, 'versions', locale], (signal) =>
    notifyApi.versions(template.event, locale, signal),
  );
  const [preview, setPreview] = useState<{ title: string; body: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const active = versions.data?.items.find((item) => item.isActive);
    if (active)
      form.setFieldsValue({
        title: active.title,
        body: active.body,
        smsTemplateCode: active.smsTemplateCode,
      });
    setPreview(null);
  }, [versions.data, form]);

  const runPreview = () => {
    const values = form.getFieldsValue();
    notifyApi
      .preview({ event: template.event, locale, title: values.title, body: values.body })
      .then(setPreview)
      .catch((error) => applyFormErrors(form, error));
  };
  const save = async (values: { title: string; body: string; smsTemplateCode: string }) => {
    setSaving(true);
    try {
      const result = await notifyApi.saveVersion(template.event, {
        locale,
        ...values,
        smsTemplateCode: values.smsTemplateCode ?? '',
      });
      void message.success(t('notify:templates.saved', { version: result.version }));
      versions.reload();
      onSaved();
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };
  const activate = (version: TemplateVersion) =>
    notifyApi
      .activate(template.event, { locale, version: version.version })
      .then(() => {
        void message.success(t('notify:templates.activated', { version: version.version }));
        versions.reload();
        onSaved();
      })
      .catch(showError);

  return (
    <Drawer
      open
      onClose={onClose}
      width={760}
      title={t('notify:templates.editTitle', { event: template.label })}
      data-testid="template-editor"
    >
      <Segmented<Locale>
        options={localeOptions}
        value={locale}
        onChange={setLocale}
        style={{ marginBottom: 16 }}
        data-testid="template-locale"
      />
      <Typography.Paragraph type="secondary">
        {t('notify:templates.placeholderHint')}{' '}
        {template.params.map((param) => (
          <Tag
            key={param}
            color="blue"
            style={{ cursor: 'pointer' }}
            onClick={() => form.setFieldValue('body', `${form.getFieldValue('body') ?? ''}{${param}}`)}
            data-testid={`template-param-${param}`}
          >
            {paramLabel(param)}
          </Tag>
        ))}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="title" label={t('notify:templates.fieldTitle')} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="template-title" />
        </Form.Item>
        <Form.Item name="body" label={t('notify:templates.fieldBody')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="template-body" />
        </Form.Item>
        <Form.Item name="smsTemplateCode" label={t('notify:templates.smsCode')}>
          <Input maxLength={60} style={{ width: 240 }} />
        </Form.Item>
        <Space>
          <ActionButton onClick={runPreview} data-testid="template-preview">
            {t('notify:templates.preview')}
          </ActionButton>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="template-save">
            {t('notify:templates.newVersion')}
          </Button>
        </Space>
      </Form>
      {preview ? (
        <Card
          size="small"
          title={t('notify:templates.previewTitle')}
          style={{ marginTop: 16 }}
          data-testid="template-preview-card"
        >
          <Typography.Text strong>{preview.title}</Typography.Text>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {preview.body}
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('notify:templates.versions')}
      </Typography.Title>
      <List
        loading={versions.loading}
        dataSource={versions.data?.items ?? []}
        renderItem={(item) => (
          <List.Item
            actions={[
              item.isActive ? (
                <Tag key="active" color="green">
                  {t('notify:templates.active')}
                </Tag>
              ) : (
                <ActionButton key="activate" size="small" onClick={() => activate(item)}>
                  {t('notify:templates.activate')}
                </ActionButton>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <span>{item.version === 0 ? t('notify:templates.shipped') : `v${item.version}`}</span>
                  <Typography.Text>{item.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{item.body}</div>
                  {item.createdAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('notify:templates.by', {
                        name: item.createdByName ?? '—',
                        time: formatTime(item.createdAt, 'YYYY-MM-DD HH:mm'),
                      })}
                    </Typography.Text>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}

export function TemplatesTab() {
  const { t } = useTranslation();
  // Placeholders are named in words; the template text holds their {code}, inserted by a click.
  const paramLabel = (param: string) => t(`notify:templates.paramLabels.${param}`, { defaultValue: param });
  const templates = useApiQuery(['notify', 'templates'], (signal) => notifyApi.templates(signal));
  const [editing, setEditing] = useState<TemplateSummary | null>(null);
  const columns: TableColumnsType<TemplateSummary> = [
    {
      title: t('notify:templates.event'),
      key: 'event',
      dataIndex: 'label',
    },
    {
      title: t('notify:templates.rule'),
      dataIndex: 'rule',
      width: 90,
      render: (value: string) => (value ? <Tag>{value}</Tag> : null),
    },
    {
      title: t('notify:templates.params'),
      dataIndex: 'params',
      render: (params: string[]) => params.map((param) => <Tag key={param}>{paramLabel(param)}</Tag>),
    },
    {
      title: t('notify:templates.versions'),
      key: 'versions',
      width: 220,
      render: (_, row) => (
        <Flex gap={4} wrap>
          {localeOptions.map((option) => (
            <Tag key={option.value}>
              {option.label}{' '}
              {row.activeVersions[option.value]
                ? `v${row.activeVersions[option.value]}`
                : t('notify:templates.shipped')}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('notify:columns.actions'),
      key: 'actions',
      width: 90,
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          onClick={() => setEditing(row)}
          data-testid={`template-edit-${row.event}`}
        >
          {t('notify:templates.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<TemplateSummary>
        rowKey="event"
        size="middle"
        loading={templates.loading}
        columns={columns}
        dataSource={templates.data?.items ?? []}
        pagination={false}
        data-testid="template-table"
      />
      {editing ? (
        <TemplateEditor template={editing} onClose={() => setEditing(null)} onSaved={templates.reload} />
      ) : null}
    </>
  );
}
