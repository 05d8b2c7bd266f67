import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/page-header';
import { ProjectPicker } from '../../../app/components/project-picker';
import { useUnsavedChanges } from '../../../app/components/unsaved-changes';
import { useRequest } from '../../../app/components/use-request';
import { useProjectSelection } from '../../../app/data/projects';
import { useErrorHandler } from '../../../app/errors';
import { inventoryApi } from '../../inventory';
import { receptionApi, type SellingPointInput } from '../reception.api';

interface Values {
  items: SellingPointInput[];
}

/** SA-6: the project manager keeps the ordered selling points the visit's boards step presents. */
export default function SellingPointsPage() {
  const { t } = useTranslation('reception');
  const { message } = App.useApp();
  const { applyFormErrors } = useErrorHandler();
  const { projectId, projects, setProjectId } = useProjectSelection({ kind: 'sales' });
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [isDirty, setDirty] = useState(false);
  const release = useUnsavedChanges(isDirty);
  const points = useRequest((signal) => receptionApi.findSellingPoints(projectId ?? '', signal), projectId);
  const layouts = useRequest(
    (signal) => inventoryApi.findLayouts(projectId ?? '', signal),
    projectId ? `layouts:${projectId}` : null,
  );
  useEffect(() => {
    if (!points.data) return;
    form.setFieldsValue({
      items: points.data.items.map(({ title, body, layout }) => ({ title, body, layout })),
    });
    setDirty(false);
  }, [points.data, form]);

  const save = async (values: Values) => {
    if (!projectId) return;
    setSaving(true);
    try {
      const saved = await receptionApi.saveSellingPoints(
        projectId,
        (values.items ?? []).map((item) => ({
          title: item.title ?? '',
          body: item.body ?? '',
          layout: item.layout ?? '',
        })),
      );
      release();
      points.setData(saved);
      void message.success(t('sellingPoints.saved'));
    } catch (error) {
      applyFormErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  if (!projectId)
    return <PageHeader title={t('sellingPoints.title')} subtitle={t('customers:project.none')} />;
  const layoutOptions = [
    { value: '', label: t('sellingPoints.allLayouts') },
    ...(layouts.data?.items ?? []).map((item) => ({ value: item.layout, label: item.layout })),
  ];
  return (
    <>
      <PageHeader
        title={t('sellingPoints.title')}
        subtitle={t('sellingPoints.subtitle')}
        extra={<ProjectPicker value={projectId} projects={projects} onChange={setProjectId} />}
      />
      <Card loading={points.loading && !points.data}>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => void save(values)}
          onValuesChange={() => setDirty(true)}
          initialValues={{ items: [] }}
          data-testid="selling-points-form"
        >
          <Form.List name="items">
            {(fields, { add, remove, move }) => (
              <>
                {fields.length === 0 ? <Empty description={t('sellingPoints.empty')} /> : null}
                {fields.map((field, index) => (
                  <Card
                    key={field.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={<Tag color="blue">{t('sellingPoints.order', { n: index + 1 })}</Tag>}
                    data-testid={`selling-point-${index}`}
                    extra={
                      <Space size={4}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('sellingPoints.moveUp')}
                          title={t('sellingPoints.moveUp')}
                          disabled={index === 0}
                          onClick={() => {
                            move(index, index - 1);
                            setDirty(true);
                          }}
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('sellingPoints.moveDown')}
                          title={t('sellingPoints.moveDown')}
                          disabled={index === fields.length - 1}
                          onClick={() => {
                            move(index, index + 1);
                            setDirty(true);
                          }}
                          data-testid={`selling-point-down-${index}`}
                        />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('sellingPoints.remove')}
                          title={t('sellingPoints.remove')}
                          onClick={() => {
                            remove(index);
                            setDirty(true);
                          }}
                        />
                      </Space>
                    }
                  >
                    <Space.Compact block style={{ gap: 12, display: 'flex', flexWrap: 'wrap' }}>
                      <Form.Item
                        name={[field.name, 'title']}
                        label={t('sellingPoints.itemTitle')}
                        rules={[{ required: true, whitespace: true, max: 40 }]}
                        style={{ flex: '2 1 220px' }}
                      >
                        <Input
                          maxLength={40}
                          placeholder={t('sellingPoints.itemTitlePlaceholder')}
                          data-testid={`selling-point-title-${index}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'layout']}
                        label={t('sellingPoints.itemLayout')}
                        style={{ flex: '1 1 160px' }}
                      >
                        <Select options={layoutOptions} data-testid={`selling-point-layout-${index}`} />
                      </Form.Item>
                    </Space.Compact>
                    <Form.Item
                      name={[field.name, 'body']}
                      label={t('sellingPoints.itemBody')}
                      rules={[{ required: true, whitespace: true, max: 500 }]}
                      style={{ marginBottom: 20 }}
                    >
                      <Input.TextArea
                        rows={3}
                        maxLength={500}
                        showCount
                        placeholder={t('sellingPoints.itemBodyPlaceholder')}
                        data-testid={`selling-point-body-${index}`}
                      />
                    </Form.Item>
                  </Card>
                ))}
                <Space>
                  <Button
                    icon={<PlusOutlined />}
                    disabled={fields.length >= 30}
                    onClick={() => {
                      add({ title: '', body: '', layout: '' });
                      setDirty(true);
                    }}
                    data-testid="selling-point-add"
                  >
                    {t('sellingPoints.add')}
                  </Button>
                  <Button
                    type="primary"
                    htmlType="submit"
                    loading={isSaving}
                    data-testid="selling-points-save"
                  >
                    {t('sellingPoints.save')}
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      </Card>
    </>
  );
}
