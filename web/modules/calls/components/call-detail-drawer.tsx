import { Descriptions, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../app/data/use-api-query';
import { formatTime } from '../../../app/format';
import { ConformancePanel } from '../../conformance';
import { type CallRecordingInfo, callsApi } from '../calls.api';

const seconds = (ms: number | null) => (ms === null ? '' : `${Math.round(ms / 1000)}″`);

/**
 * One call of the history: what the desk recorded (caller, rings, who answered, times) and the
 * conformance checks it was scored on. Opened from a row or from `/calls/history?callId=…` (the
 * drill-down's link); the server scopes it as it scopes the list (404 for a call not the caller's).
 */
export function CallDetailDrawer({ callId, onClose }: { callId: string | null; onClose: () => void }) {
  const { t } = useTranslation(['app', 'calls']);
  const detail = useApiQuery(callId ? ['calls', 'call', callId] : null, (signal) =>
    callsApi.getCall(callId!, signal),
  );
  const data = detail.data;
  return (
    <Drawer
      open={Boolean(callId)}
      onClose={onClose}
      width={Math.min(720, window.innerWidth - 48)}
      title={t('calls:history.detailTitle')}
      destroyOnHidden
      data-testid="call-detail"
    >
      {!data || data.call.id !== callId ? (
        detail.error ? null : (
          <Skeleton active />
        )
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('calls:history.ringingAt')}>
              {formatTime(data.call.ringingAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('calls:history.desk')}>{data.desk.name}</Descriptions.Item>
            <Descriptions.Item label={t('calls:history.caller')}>
              {`${data.callerNumberDisplay}${data.call.callerName ? ` ${data.call.callerName}` : ''}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('calls:history.status')}>
              <Tag color={data.call.status === 'missed' ? 'red' : undefined}>
                {t(`calls:status.${data.call.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('calls:history.answeredBy')}>
              {data.answeredByName ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('calls:history.rings')}>
              {data.call.rings ? (
                <Tag
                  color={data.call.isAnsweredWithinLimit ? 'green' : 'red'}
                  data-testid="call-detail-rings"
                >
                  {`${data.call.rings} / ${seconds(data.call.ringMs)}`}
                </Tag>
              ) : (
                ''
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('calls:history.talk')}>{seconds(data.call.talkMs)}</Descriptions.Item>
            <Descriptions.Item label={t('calls:history.notes')}>{data.call.notes}</Descriptions.Item>
          </Descriptions>
          {data.recording ? <CallRecording callId={data.call.id} recording={data.recording} /> : null}
          <ConformancePanel kind="call" id={data.call.id} />
        </Space>
      )}
    </Drawer>
  );
}

/**
 * The call's recording for someone allowed to hear it: the audio streams from the server (byte
 * ranges, so seeking works; the server logs the playback), or the mark left when it was deleted.
 */
function CallRecording({ callId, recording }: { callId: string; recording: CallRecordingInfo }) {
  const { t } = useTranslation(['calls']);
  if (recording.status === 'deleted')
    return (
      <Tag data-testid="call-recording-deleted">
        {t('calls:recording.deleted', { date: formatTime(recording.deletedAt ?? '') })}
      </Tag>
    );
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text strong>{t('calls:recording.title')}</Typography.Text>
      {/* biome-ignore lint/a11y/useMediaCaption: a phone call's recording has no captions to offer */}
      <audio
        controls
        preload="metadata"
        src={callsApi.recordingSource(callId)}
        style={{ width: '100%' }}
        data-testid="call-recording-audio"
      >
        {t('calls:recording.unsupported')}
      </audio>
      <Typography.Text type="secondary">{t('calls:recording.loggedHint')}</Typography.Text>
    </Space>
  );
}
