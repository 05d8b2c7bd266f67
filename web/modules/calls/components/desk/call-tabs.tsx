import { Alert, Card, Checkbox, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type Call,
  type CallDetail,
  type ConductStep,
  conductSteps,
  type DirectoryEntry,
} from '../../calls.api';
import { IncidentForm, LeaderCallForm } from '../call-forms';
import { DirectoryPanel } from '../directory-panel';
import { PersonLookupCard } from './person-lookup-card';
import { fillPhrase } from './status-colour';

/**
 * What the agent works with during a call: the script (CS-0, SEC-8 steps to tick), the directory to
 * transfer or fetch someone (CS-2, CS-4), a leader call (SEC-4) and an emergency (SEC-5).
 */
export function CallTabs({
  active,
  detail,
  projectId,
  personSought,
  isLive,
  onPick,
  onTransfer,
  onMessage,
  onConduct,
  onSaved,
}: {
  active: Call;
  detail: CallDetail;
  projectId: string;
  personSought: DirectoryEntry | null;
  isLive: boolean;
  onPick: (entry: DirectoryEntry) => void;
  onTransfer: (entry: DirectoryEntry, kind: 'transfer' | 'fetch') => Promise<void>;
  onMessage: (entry: DirectoryEntry) => void;
  onConduct: (steps: ConductStep[]) => Promise<void>;
  onSaved: () => void;
}) {
  const { t } = useTranslation(['app', 'calls']);
  const personName = personSought?.displayName ?? null;
  const phrase = (situation: string) =>
    detail.scripts.find((script) => script.situation === situation)?.phrases ?? [];
  const saveConduct = onConduct;
  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        size="small"
        items={[
          {
            key: 'script',
            label: t('calls:desk.script'),
            children: (
              <Flex vertical gap={6} data-testid="script-panel">
                {detail.scripts
                  .filter((script) => script.situation === 'manner' && script.phrases.length > 0)
                  .map((script) => (
                    // SEC-8: not words to say but steps to keep, ticked during the call and kept on its record.
                    <Alert
                      key={script.situation}
                      type="info"
                      showIcon
                      style={{ marginTop: 8 }}
                      title={
                        <Space size={4} wrap>
                          <Tag>{script.rule}</Tag>
                          <Typography.Text strong>{t('calls:desk.conductTitle')}</Typography.Text>
                          <span data-testid="script-manner">{script.phrases.join(' ')}</span>
                        </Space>
                      }
                      description={
                        <Flex vertical gap={4}>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('calls:desk.conductHint')}
                          </Typography.Text>
                          <Checkbox.Group
                            value={detail.call.conductSteps}
                            disabled={active.status === 'ringing' || active.status === 'missed'}
                            onChange={(steps) => void saveConduct(steps as ConductStep[])}
                            options={conductSteps.map((step, index) => ({
                              value: step,
                              label: `${index + 1}. ${t(`calls:conduct.${step}`)}`,
                            }))}
                            data-testid="conduct-steps"
                          />
                        </Flex>
                      }
                    />
                  ))}
                {detail.scripts
                  .filter((script) => script.situation !== 'manner')
                  .map((script) => (
                    <div key={script.situation}>
                      <Space size={4}>
                        <Tag>{script.rule}</Tag>
                        <Typography.Text type="secondary">
                          {t(`calls:situations.${script.situation}`)}
                        </Typography.Text>
                      </Space>
                      {script.phrases.map((text) => (
                        <Typography.Paragraph
                          key={text}
                          copyable
                          style={{ margin: '2px 0 0 8px', fontSize: 15 }}
                          data-testid={`script-${script.situation}`}
                        >
                          {fillPhrase(text, personName)}
                        </Typography.Paragraph>
                      ))}
                    </div>
                  ))}
              </Flex>
            ),
          },
          {
            key: 'directory',
            label: <span data-testid="tab-directory">{t('calls:desk.directory')}</span>,
            children: (
              <>
                {personSought && personSought.presence !== 'at_desk' ? (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 8 }}
                    title={
                      <span data-testid="not-at-seat-phrase">
                        {fillPhrase(phrase('not_at_seat')[0] ?? '', personSought.displayName)}
                      </span>
                    }
                  />
                ) : null}
                <PersonLookupCard detail={detail} isLive={isLive} onChanged={onSaved} />
                <DirectoryPanel
                  canTransfer={isLive}
                  recordForCallId={
                    isLive && detail.personLookup && !detail.personLookup.outcome ? active.id : null
                  }
                  onRecorded={onSaved}
                  onPick={onPick}
                  onTransfer={onTransfer}
                  onMessage={onMessage}
                />
              </>
            ),
          },
          {
            key: 'leader',
            label: t('calls:desk.leaderCall'),
            children: (
              <>
                <Typography.Paragraph strong>{phrase('leader_verification')[0]}</Typography.Paragraph>
                <LeaderCallForm
                  deskId={active.deskId}
                  callId={active.id}
                  defaultNumber={detail.call.callerNumberDisplay}
                  onSaved={onSaved}
                />
              </>
            ),
          },
          {
            key: 'emergency',
            label: <span style={{ color: '#cf1322' }}>{t('calls:desk.emergency')}</span>,
            children: (
              <>
                <Typography.Paragraph strong>{phrase('emergency')[0]}</Typography.Paragraph>
                <IncidentForm
                  deskId={active.deskId}
                  projectId={projectId}
                  callId={active.id}
                  defaultNumber={detail.call.callerNumberDisplay}
                  onSaved={onSaved}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
