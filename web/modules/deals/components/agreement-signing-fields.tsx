import type { FormInstance } from 'antd';
import { Button, Divider, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { projectDate } from '../../../app/format';
import { foldWidth, residentIdRule } from '../../../app/validation';
import { RestDayWarning } from '../components/rest-day-warning';
import { UploadButton } from '../components/upload-button';
import type { Agreement } from '../deals.api';
import { type FormValues, idTypes } from './agreement-form-values';

/** Who signs (a buyer or an agent with a notarised authorisation), the dates, and the form's actions. */
export function AgreementSigningFields({
  form,
  projectId,
  current,
  busy,
  onSave,
  onAbandon,
}: {
  form: FormInstance<FormValues>;
  projectId: string;
  current: Agreement | null | undefined;
  busy: boolean;
  onSave: (andSubmit: boolean) => Promise<void>;
  onAbandon: () => void;
}) {
  const { t } = useTranslation('deals');
  const signerKind = Form.useWatch('signerKind', form);
  const buyers = Form.useWatch('buyers', form) ?? [];
  const downPaymentDueOn = Form.useWatch('downPaymentDueOn', form);
  const contractDueOn = Form.useWatch('contractDueOn', form);
  return (
    <>
      <Divider />
      <Form.Item name="signerKind" label={t('agreement.signer')}>
        <Radio.Group
          options={(['buyer', 'agent'] as const).map((value) => ({
            value,
            label: t(`agreement.signerKinds.${value}`),
          }))}
        />
      </Form.Item>
      {signerKind === 'agent' ? (
        <Space wrap align="start">
          <Form.Item name={['agent', 'name']} label={t('agreement.agentName')} rules={[{ required: true }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['agent', 'idType']} label={t('agreement.idType')} initialValue="resident_id">
            <Select
              style={{ width: 140 }}
              options={idTypes.map((value) => ({ value, label: t(`agreement.idTypes.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            name={['agent', 'idNumber']}
            label={t('agreement.agentId')}
            normalize={foldWidth}
            dependencies={[['agent', 'idType']]}
            extra={
              current?.agentIdNumberMasked
                ? t('agreement.idNumberKept', { masked: current.agentIdNumberMasked })
                : undefined
            }
            rules={[
              { required: !current?.agentIdNumberMasked },
              residentIdRule(() => form.getFieldValue(['agent', 'idType']) === 'resident_id'),
            ]}
          >
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name={['agent', 'notarialNumber']}
            label={t('agreement.notarialNumber')}
            rules={[{ required: true }]}
          >
            <Input style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={['agent', 'notarialFileId']} label={t('agreement.notarialFile')}>
            <UploadButton projectId={projectId} kind="notarised_authorisation" />
          </Form.Item>
        </Space>
      ) : (
        <Form.Item name="signerBuyerIndex" label={t('agreement.signerBuyer')}>
          <Select
            style={{ width: 200 }}
            options={buyers.map((buyer, index) => ({
              value: index,
              label: buyer?.name || `${index + 1}`,
            }))}
          />
        </Form.Item>
      )}
      <Space wrap>
        <Form.Item name="signedOn" label={t('agreement.signedOn')} rules={[{ required: true }]}>
          <ZonedDatePicker allowClear={false} />
        </Form.Item>
        <Form.Item
          name="downPaymentDueOn"
          label={t('agreement.downPaymentDueOn')}
          rules={[{ required: true }]}
        >
          <ZonedDatePicker allowClear={false} data-testid="agreement-down-due" />
        </Form.Item>
        <Form.Item name="contractDueOn" label={t('agreement.contractDueOn')} rules={[{ required: true }]}>
          <ZonedDatePicker allowClear={false} data-testid="agreement-contract-due" />
        </Form.Item>
      </Space>
      <RestDayWarning
        dates={[
          {
            label: t('agreement.downPaymentDueOn'),
            day: downPaymentDueOn && projectDate(downPaymentDueOn),
          },
          { label: t('agreement.contractDueOn'), day: contractDueOn && projectDate(contractDueOn) },
        ]}
      />
      <Typography.Paragraph type="secondary">{t('agreement.formHint')}</Typography.Paragraph>
      <Space>
        <ActionButton loading={busy} onClick={() => onSave(false)} data-testid="agreement-save">
          {t('agreement.saveDraft')}
        </ActionButton>
        <ActionButton
          type="primary"
          loading={busy}
          onClick={() => onSave(true)}
          data-testid="agreement-submit"
        >
          {t('agreement.submit')}
        </ActionButton>
        {current ? (
          <Button danger onClick={() => onAbandon()} data-testid="agreement-abandon">
            {t('agreement.abandon')}
          </Button>
        ) : null}
      </Space>
    </>
  );
}
