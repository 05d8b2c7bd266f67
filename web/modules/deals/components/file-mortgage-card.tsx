import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ZonedDatePicker } from '../../../app/components/zoned-pickers';
import { formatTime } from '../../../app/format';
import { withDataKeys } from '../../../app/i18n-keys';
import { documentLabel } from '../deal-labels';
import type { TransactionFile } from '../deals.api';
import { dealsApi } from '../deals.api';
import type { Run, Submit } from './file-actions';

/** Bank appointments for the mortgage (SA-16), their outcome and the documents handed in. */
export function FileMortgageCard({ view, run, submit }: { view: TransactionFile; run: Run; submit: Submit }) {
  const { t, i18n } = useTranslation('deals');
  const locale = i18n.language as 'zh-CN' | 'zh-TW' | 'en';
  const [mortgageForm] = Form.useForm<{ bank: string; place: string; time: Dayjs; documents: string[] }>();
  return (
    <Card size="small" title={t('file.mortgage')} style={{ marginBottom: 12 }}>
      {view.mortgages.map((row) => (
        <Space key={row.id} style={{ display: 'flex', marginBottom: 8 }} wrap>
          <span>
            {formatTime(row.appointmentAt, 'YYYY-MM-DD HH:mm')} {row.bank} · {row.place} ·{' '}
            {row.documents
              .map((entry) => documentLabel(entry, withDataKeys(t)))
              .join(locale === 'en' ? ', ' : '、')}
          </span>
          {row.status === 'scheduled' ? (
            <>
              <Button
                size="small"
                onClick={() =>
                  run(() =>
                    dealsApi.mortgageOutcome(row.id, {
                      status: 'completed',
                      note: '',
                      approvedAmountFen: null,
                    }),
                  )
                }
              >
                {t('file.completed')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() =>
                  run(() =>
                    dealsApi.mortgageOutcome(row.id, {
                      status: 'failed',
                      note: '',
                      approvedAmountFen: null,
                    }),
                  )
                }
              >
                {t('file.failed')}
              </Button>
            </>
          ) : (
            <Typography.Text type="secondary">{t(`file.mortgageStatuses.${row.status}`)}</Typography.Text>
          )}
        </Space>
      ))}
      <Form
        form={mortgageForm}
        layout="inline"
        onFinish={(values) =>
          submit(mortgageForm, () =>
            dealsApi.scheduleMortgage(view.file.id, {
              bank: values.bank,
              place: values.place,
              appointmentAt: values.time.toISOString(),
              documents: values.documents.map((item) => item.trim()).filter(Boolean),
            }),
          ).then((done) => {
            if (done) mortgageForm.resetFields();
          })
        }
        onFinishFailed={({ errorFields }) => {
          if (errorFields[0]) mortgageForm.scrollToField(errorFields[0].name, { block: 'center' });
        }}
      >
        <Form.Item name="bank" rules={[{ required: true }]} messageVariables={{ label: t('file.bank') }}>
          <Input placeholder={t('file.bank')} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="place" rules={[{ required: true }]} messageVariables={{ label: t('file.place') }}>
          <Input placeholder={t('file.place')} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="time" rules={[{ required: true }]} messageVariables={{ label: t('file.time') }}>
          <ZonedDatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={t('file.time')}
          />
        </Form.Item>
        {/* The loan type's documents by code, worded per language; anything typed is kept as typed. */}
        <Form.Item
          name="documents"
          rules={[{ required: true }]}
          messageVariables={{ label: t('file.documents') }}
          initialValue={view.mortgageDocumentCodes}
        >
          <Select
            mode="tags"
            placeholder={t('file.documents')}
            style={{ minWidth: 320, maxWidth: 560 }}
            options={view.mortgageDocumentCodes.map((code) => ({
              value: code,
              label: documentLabel(code, withDataKeys(t)),
            }))}
          />
        </Form.Item>
        <Button htmlType="submit">{t('file.schedule')}</Button>
      </Form>
    </Card>
  );
}
