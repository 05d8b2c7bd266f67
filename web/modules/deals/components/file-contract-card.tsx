import { Button, Card, Checkbox, Descriptions, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { projectToday } from '../../../app/format';
import type { TransactionFile } from '../deals.api';
import { dealsApi } from '../deals.api';
import type { Run } from './file-actions';

/** The contract step (SA-15): its number, the checklist of what the buyer brings, and the signing. */
export function FileContractCard({ view, run }: { view: TransactionFile; run: Run }) {
  const { t, i18n } = useTranslation('deals');
  const locale = i18n.language as 'zh-CN' | 'zh-TW' | 'en';
  const [contractNumber, setContractNumber] = useState('');
  return (
    <Card size="small" title={t('file.contract')} style={{ marginBottom: 12 }}>
      {view.contract ? (
        <>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('file.contractNumber')}>
              {view.contract.contractNumber}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              {view.contract.status === 'signed' ? `✓ ${view.contract.signedOn}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text strong>{t('file.checklist')}</Typography.Text>
          <Checkbox.Group
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0' }}
            value={view.contract.checklist.filter((item) => item.isDone).map((item) => item.key)}
            options={view.contract.checklist.map((item) => ({
              value: item.key,
              label: item.label[locale] ?? item.label['zh-CN'],
            }))}
            onChange={(keys) => run(() => dealsApi.updateChecklist(view.file.id, keys as string[]))}
          />
          {view.contract.status === 'draft' ? (
            <Button
              size="small"
              onClick={() => run(() => dealsApi.signContract(view.file.id, projectToday()))}
            >
              {t('file.signContract')}
            </Button>
          ) : null}
        </>
      ) : (
        <Space>
          <Input
            placeholder={t('file.contractNumber')}
            value={contractNumber}
            onChange={(event) => setContractNumber(event.target.value)}
            data-testid="contract-number"
          />
          <ActionButton
            type="primary"
            disabled={!contractNumber.trim()}
            onClick={() => run(() => dealsApi.prepareContract(view.file.id, contractNumber.trim()))}
            data-testid="contract-prepare"
          >
            {t('file.prepareContract')}
          </ActionButton>
        </Space>
      )}
    </Card>
  );
}
