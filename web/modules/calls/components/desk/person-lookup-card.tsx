import { QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../../app/components/action-button';
import { useErrorHandler } from '../../../../app/errors';
import { formatTime } from '../../../../app/format';
import { type CallDetail, callsApi } from '../../calls.api';

/**
 * CS-4: the agent does not know the person the caller asks for. "不认识此人" shows the rule's
 * phrases (and the server keeps when); the directory below then searches for the caller, each
 * search kept on the call; the lookup ends in a transfer or fetch, a message, or "not found, caller
 * told", which the call's record shows.
 */
export function PersonLookupCard({
  detail,
  isLive,
  onChanged,
}: {
  detail: CallDetail;
  isLive: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation(['app', 'calls']);
  const { showError } = useErrorHandler();
  const lookup = detail.personLookup;
  const script = detail.scripts.find((item) => item.situation === 'unknown_person');
  const callId = detail.call.id;
  const run = (action: () => Promise<unknown>) => async () => {
    try {
      await action();
      onChanged();
    } catch (error) {
      showError(error);
    }
  };

  if (!lookup)
    return isLive ? (
      <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
        <ActionButton
          icon={<QuestionCircleOutlined />}
          onClick={run(() => callsApi.openPersonLookup(callId))}
          data-testid="lookup-open"
        >
          {t('calls:lookup.open')}
        </ActionButton>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('calls:lookup.openHint')}
        </Typography.Text>
      </Flex>
    ) : null;

  const outcome = lookup.outcome;
  return (
    <Alert
      type={outcome ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="lookup-card"
      title={
        <Flex vertical gap={2}>
          <Space size={4}>
            {script ? <Tag>{script.rule}</Tag> : null}
            <Typography.Text strong>{t('calls:lookup.title')}</Typography.Text>
          </Space>
          {(script?.phrases ?? []).map((text) => (
            <Typography.Text key={text} style={{ fontSize: 15 }} data-testid="lookup-phrase">
              {text}
            </Typography.Text>
          ))}
        </Flex>
      }
      description={
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="lookup-record">
            {t('calls:lookup.shownAt', { time: formatTime(lookup.shownAt, 'HH:mm:ss') })}
            {' · '}
            {lookup.searches.length
              ? t('calls:lookup.searched', {
                  count: lookup.searches.length,
                  words: lookup.searches.map((search) => `“${search.query}”`).join(' '),
                })
              : t('calls:lookup.notSearched')}
          </Typography.Text>
          {outcome ? (
            <Tag color="green" data-testid="lookup-outcome">
              {t(`calls:lookup.outcome.${outcome.kind}`, { name: outcome.staffName ?? '' })} ·{' '}
              {formatTime(outcome.at, 'HH:mm:ss')}
            </Tag>
          ) : (
            <Flex align="center" gap={8} wrap>
              <Typography.Text>{t('calls:lookup.waiting')}</Typography.Text>
              <ActionButton
                size="small"
                onClick={run(() => callsApi.recordPersonNotFound(callId))}
                data-testid="lookup-not-found"
              >
                {t('calls:lookup.notFound')}
              </ActionButton>
            </Flex>
          )}
        </Flex>
      }
    />
  );
}
