import type { FormInstance } from 'antd';
import { Button, Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { foldWidth, residentIdRule } from '../../../app/validation';
import { UploadButton } from '../components/upload-button';
import type { IdType } from '../deals.api';
import { type FormValues, idTypes } from './agreement-form-values';

/** The buyers of an agreement (SA-13), each with their ID, its copy and the separate consent to keep it (PIPL). */
export function AgreementBuyers({
  form,
  projectId,
  keptIdHint,
}: {
  form: FormInstance<FormValues>;
  projectId: string;
  keptIdHint: (buyerId: string | null | undefined, idType: IdType | undefined) => string | undefined;
}) {
  const { t } = useTranslation('deals');
  const buyers = Form.useWatch('buyers', form) ?? [];
  return (
    <Form.List name="buyers">
      {(items, { add, remove }) => (
        <>
          {items.map((item) => (
            <Card
              key={item.key}
              size="small"
              title={`${t('agreement.buyers')} ${item.name + 1}`}
              style={{ marginBottom: 12 }}
              extra={
                items.length > 1 ? (
                  <Button type="link" size="small" onClick={() => remove(item.name)}>
                    ✕
                  </Button>
                ) : null
              }
            >
              <Space wrap align="start">
                <Form.Item name={[item.name, 'id']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[item.name, 'name']}
                  label={t('agreement.buyerName')}
                  rules={[{ required: true }]}
                >
                  <Input style={{ width: 140 }} data-testid={`buyer-name-${item.name}`} />
                </Form.Item>
                <Form.Item name={[item.name, 'idType']} label={t('agreement.idType')}>
                  <Select
                    style={{ width: 140 }}
                    options={idTypes.map((value) => ({
                      value,
                      label: t(`agreement.idTypes.${value}`),
                    }))}
                  />
                </Form.Item>
                <Form.Item
                  name={[item.name, 'idNumber']}
                  label={t('agreement.idNumber')}
                  normalize={foldWidth}
                  dependencies={[['buyers', item.name, 'idType']]}
                  extra={keptIdHint(buyers[item.name]?.id, buyers[item.name]?.idType)}
                  rules={[
                    { required: !keptIdHint(buyers[item.name]?.id, buyers[item.name]?.idType) },
                    residentIdRule(
                      () => form.getFieldValue(['buyers', item.name, 'idType']) === 'resident_id',
                    ),
                  ]}
                >
                  <Input
                    style={{ width: 220 }}
                    autoComplete="off"
                    data-testid={`buyer-id-number-${item.name}`}
                  />
                </Form.Item>
                <Form.Item name={[item.name, 'idCopyFileId']} label={t('agreement.idCopy')}>
                  <UploadButton projectId={projectId} kind="id_copy" testId={`buyer-id-copy-${item.name}`} />
                </Form.Item>
              </Space>
              <Form.Item
                name={[item.name, 'hasIdCopyConsent']}
                valuePropName="checked"
                style={{ marginBottom: 0 }}
              >
                <Checkbox data-testid={`buyer-consent-${item.name}`}>{t('agreement.consent')}</Checkbox>
              </Form.Item>
            </Card>
          ))}
          <Button
            size="small"
            onClick={() =>
              add({
                name: '',
                idType: 'resident_id',
                idNumber: '',
                idCopyFileId: null,
                hasIdCopyConsent: false,
              })
            }
          >
            {t('agreement.addBuyer')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
