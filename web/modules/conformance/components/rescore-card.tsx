import { Button, Card, Popconfirm, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../../app/data/use-api-mutation';
import { useApiQuery } from '../../../app/data/use-api-query';
import { formatTime } from '../../../app/format';
import { conformanceApi } from '../conformance.api';

/** The administrator's "rescore everything", with its progress (polled while it runs) and a cancel. */
export function RescoreCard() {
  const { t } = useTranslation('conformance');
  const progress = useApiQuery(['conformance', 'rescore'], (signal) => conformanceApi.getRescore(signal), {
    refetchIntervalMs: 1000,
  });
  const start = useApiMutation(() => conformanceApi.startRescore(), { invalidates: [['conformance']] });
  const cancel = useApiMutation(() => conformanceApi.cancelRescore(), {
    invalidates: [['conformance', 'rescore']],
  });
  const state = progress.data?.state ?? 'idle';
  const running = state === 'running';
  return (
    <Card size="small" title={t('rescore.title')} data-testid="rescore-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('rescore.description')}</Typography.Text>
        <Space wrap>
          <Popconfirm title={t('rescore.confirm')} onConfirm={() => start.run()} disabled={running}>
            <Button type="primary" disabled={running} loading={start.isSlow} data-testid="rescore-start">
              {t('rescore.start')}
            </Button>
          </Popconfirm>
          <Button danger disabled={!running} onClick={() => cancel.run()} data-testid="rescore-cancel">
            {t('rescore.cancel')}
          </Button>
          {running ? <Spin size="small" /> : null}
          <Typography.Text data-testid="rescore-state">{t(`rescore.state.${state}`)}</Typography.Text>
          <Typography.Text>{t('rescore.scored', { count: progress.data?.scored ?? 0 })}</Typography.Text>
          {progress.data?.finishedAt ? (
            <Typography.Text type="secondary">{formatTime(progress.data.finishedAt)}</Typography.Text>
          ) : null}
        </Space>
      </Space>
    </Card>
  );
}
