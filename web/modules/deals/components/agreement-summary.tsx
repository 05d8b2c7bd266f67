import { Card, Descriptions, Divider, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { formatTime } from '../../../app/format';
import { DealFileLink } from '../components/deal-file-link';
import { type Agreement, yuan } from '../deals.api';

/** A submitted or approved agreement as read: its terms, buyers and files; the reviewer decides here. */
export function AgreementSummary({
  current,
  busy,
  mayReview,
  onReview,
}: {
  current: Agreement;
  busy: boolean;
  mayReview: boolean;
  onReview: (decision: 'approve' | 'return', comment: string) => Promise<void>;
}) {
  const { t } = useTranslation('deals');
  const [comment, setComment] = useState('');
  return (
    <Card size="small">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('agreement.formNumber')}>{current.formNumber}</Descriptions.Item>
        <Descriptions.Item label={t('agreement.price')}>¥{yuan(current.priceFen)}</Descriptions.Item>
        {(current.buyers ?? []).map((buyer, index) => (
          <Descriptions.Item key={buyer.id} label={`${t('agreement.buyers')} ${index + 1}`} span={2}>
            {buyer.name} · {t(`agreement.idTypes.${buyer.idType}`)}{' '}
            <span data-testid={`buyer-id-${index}`}>{buyer.idNumberMasked}</span> ·{' '}
            {buyer.idCopyFileId ? (
              <DealFileLink fileId={buyer.idCopyFileId}>{t('agreement.idCopy')}</DealFileLink>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('agreement.signer')}>
          {current.signerKind === 'agent'
            ? `${current.agentName}(${current.notarialNumber})`
            : t('agreement.signerKinds.buyer')}
        </Descriptions.Item>
        <Descriptions.Item label={t('agreement.signedOn')}>{current.signedOn}</Descriptions.Item>
        <Descriptions.Item label={t('agreement.downPaymentDueOn')}>
          {current.downPaymentDueOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('agreement.contractDueOn')}>{current.contractDueOn}</Descriptions.Item>
        <Descriptions.Item label={t('agreement.reviewer')} span={2}>
          {current.reviewerName ? `${current.reviewerName} ${formatTime(current.reviewedAt)}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      {mayReview ? (
        <>
          <Divider />
          <Input.TextArea
            rows={2}
            placeholder={t('agreement.comment')}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            data-testid="review-comment"
          />
          <Space style={{ marginTop: 12 }}>
            <ActionButton
              type="primary"
              loading={busy}
              onClick={() => onReview('approve', comment)}
              invalidates={[['deals']]}
              data-testid="review-approve"
            >
              {t('agreement.approve')}
            </ActionButton>
            <ActionButton
              danger
              loading={busy}
              onClick={() => onReview('return', comment)}
              invalidates={[['deals']]}
              disabled={!comment.trim()}
            >
              {t('agreement.return')}
            </ActionButton>
          </Space>
        </>
      ) : null}
    </Card>
  );
}
