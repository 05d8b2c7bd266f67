import { Alert, Card, Descriptions, List, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { resolveLocale } from '../../../../contracts/locales';
import { ApiError } from '../../../app/api';
import { useApiQuery } from '../../../app/data/use-api-query';
import { formatTime } from '../../../app/format';
import { conformanceApi, type SubjectKind } from '../conformance.api';
import { subjectPath } from '../conformance.links';
import { percentOf, StatusTag } from './status-tag';

/**
 * CONF: the checks of one call, visit or deal, each with its status and the evidence that decided
 * it, evaluated now from the recorded facts. Embedded in the record's own page and in the drill-down.
 */
export function ConformancePanel({
  kind,
  id,
  showRecordLink = false,
}: {
  kind: SubjectKind;
  id: string;
  showRecordLink?: boolean;
}) {
  const { t, i18n } = useTranslation('conformance');
  const locale = resolveLocale(i18n.language);
  const rulebookLabel = (since: string | null) =>
    since
      ? t('panel.rulebookSince', { time: formatTime(since, 'YYYY-MM-DD HH:mm') })
      : t('panel.rulebookCurrent');
  const subject = useApiQuery(
    ['conformance', 'subject', kind, id],
    (signal) => conformanceApi.getSubject(kind, id, signal),
    { quiet: true },
  );
  const data = subject.data;
  if (!data) {
    // Not the caller's to see (404/403): the record's page shows nothing of it; anything else is said.
    if (!subject.error) return <Skeleton active />;
    const hidden = subject.error instanceof ApiError && [403, 404].includes(subject.error.status);
    return hidden ? null : (
      <Alert type="warning" showIcon message={t('panel.unavailable')} data-testid="conformance-panel-error" />
    );
  }
  const recordPath = subjectPath(kind, id);
  return (
    <Card
      size="small"
      title={t('panel.title')}
      data-testid="conformance-panel"
      extra={
        <Space>
          <Typography.Text strong>{percentOf(data.tally.score)}</Typography.Text>
          {showRecordLink && recordPath ? <Link to={recordPath}>{t('panel.openRecord')}</Link> : null}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('subjects.kind')}>{t(`kinds.${kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('subjects.time')}>{formatTime(data.occurredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('subjects.project')}>{data.projectName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('subjects.staff')}>{data.staffName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('panel.stored')}>
          {data.stored ? `${percentOf(data.stored.score)} · ${formatTime(data.stored.scoredAt)}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('panel.rulebook')}>
          {/* Rulebooks are told apart by when they began to score, never by their hash. */}
          {rulebookLabel(data.stored?.rulebookSince ?? data.rulebookSince)}
        </Descriptions.Item>
      </Descriptions>
      {data.checks.length === 0 ? (
        <Alert type="info" showIcon message={t('panel.noChecks')} />
      ) : (
        <List
          size="small"
          dataSource={data.checks}
          rowKey={(check) => check.checkId}
          renderItem={(check) => (
            <List.Item data-testid={`check-${check.checkId}`}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <StatusTag status={check.status} />
                  <Typography.Text strong>{check.ruleId}</Typography.Text>
                  <Typography.Text>{check.title[locale]}</Typography.Text>
                  {check.decidesAt ? (
                    <Typography.Text type="secondary">
                      {t('panel.decidesAt')} {formatTime(check.decidesAt)}
                    </Typography.Text>
                  ) : null}
                </Space>
                {check.evidence.map((item, index) => {
                  // On the record's own page a link back to the same record is left out.
                  const isSelf = !showRecordLink && item.link?.kind === kind && item.link.id === id;
                  const path = item.link && !isSelf ? subjectPath(item.link.kind, item.link.id) : null;
                  const value =
                    item.value === null
                      ? null
                      : typeof item.value === 'string'
                        ? item.value
                        : item.value[locale];
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: evidence lines have no identity but their order
                    <Typography.Text key={index} type="secondary" style={{ paddingLeft: 8 }}>
                      {item.label[locale]}
                      {value !== null ? `：${value}` : ''}
                      {item.at ? ` · ${formatTime(item.at)}` : ''}
                      {path ? (
                        <>
                          {' · '}
                          <Link to={path}>{t('panel.openRecord')}</Link>
                        </>
                      ) : null}
                    </Typography.Text>
                  );
                })}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
