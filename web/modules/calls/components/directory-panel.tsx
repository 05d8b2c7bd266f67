import { Button, Empty, Flex, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useDebouncedValue } from '../../../app/data/use-debounced-value';
import { callsApi, type DirectoryEntry } from '../calls.api';

const presenceColour = { at_desk: 'green', away: 'orange', busy: 'red', off: 'default' } as const;

export interface DirectoryPanelProps {
  /** Called when the agent transfers, fetches or leaves a message for someone. */
  onTransfer?: (entry: DirectoryEntry, kind: 'transfer' | 'fetch') => void;
  onMessage?: (entry: DirectoryEntry) => void;
  /** Tells the script panel who the person sought is, so {person} is filled. */
  onPick?: (entry: DirectoryEntry) => void;
  canTransfer: boolean;
  /**
   * CS-4: while the agent looks for someone they do not know, searches go through this call and
   * are kept on it (a search is recorded once the typing settles, not at every keystroke).
   */
  recordForCallId?: string | null;
  /** Told after a recorded search, so the lookup's record on screen follows. */
  onRecorded?: () => void;
}

/** CS-2 / CS-4: search by name, pinyin, initials, department, building and door; presence at a glance. */
export function DirectoryPanel({
  onTransfer,
  onMessage,
  onPick,
  canTransfer,
  recordForCallId,
  onRecorded,
}: DirectoryPanelProps) {
  const { t } = useTranslation(['app', 'calls', 'residents']);
  const [search, setSearch] = useState('');
  const isRecording = Boolean(recordForCallId);
  // Searched 200 ms after the last keystroke (600 ms when each search is kept on the call); a
  // search overtaken by the next one is cancelled.
  const searched = useDebouncedValue(search.trim(), isRecording ? 600 : 200);
  const recorded = recordForCallId && searched ? { callId: recordForCallId, q: searched } : null;
  const directory = useApiQuery(
    recorded
      ? ['calls', 'person-lookup', recorded.callId, { q: recorded.q }]
      : ['calls', 'directory', { q: searched }],
    (signal) =>
      recorded
        ? callsApi.searchForCaller(recorded.callId, { q: recorded.q })
        : callsApi
            .searchDirectory({ q: searched || undefined }, signal)
            .then((answer) => ({ ...answer, residents: [] })),
    { keepPrevious: true },
  );
  const items = directory.data?.items ?? [];
  // CS-4: a search made for the caller also finds residents by building, door, unit and name.
  const residents = directory.data?.residents ?? [];
  const answered = directory.data;
  const isRecorded = recorded !== null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per answer of a recorded search.
  useEffect(() => {
    if (isRecorded && answered) onRecorded?.();
  }, [answered]);

  return (
    <Flex vertical gap={8}>
      <Input.Search
        allowClear
        placeholder={t('calls:directory.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        data-testid="directory-search"
      />
      {items.length === 0 && residents.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      <div style={{ maxHeight: 360, overflowY: 'auto' }}>
        {residents.map((resident) => (
          <Flex
            key={resident.id}
            gap={8}
            align="center"
            style={{ padding: '6px 4px', borderBottom: '1px solid rgba(0,0,0,0.06)' }}
            data-testid="lookup-resident"
          >
            <Tag color="cyan">{t(`residents:roles.${resident.role}`)}</Tag>
            <Typography.Text strong>{resident.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${resident.projectName} ${resident.place}`}
            </Typography.Text>
          </Flex>
        ))}
        {items.map((entry) => (
          <Flex
            key={entry.id}
            justify="space-between"
            align="center"
            gap={8}
            style={{ padding: '6px 4px', borderBottom: '1px solid rgba(0,0,0,0.06)', cursor: 'pointer' }}
            data-testid="directory-entry"
            data-name={entry.displayName}
            onClick={() => onPick?.(entry)}
          >
            <div style={{ minWidth: 0 }}>
              <Space size={6} wrap>
                <Typography.Text strong>{entry.displayName}</Typography.Text>
                <Tag color={presenceColour[entry.presence]} data-testid="directory-presence">
                  {t(`calls:presence.${entry.presence}`)}
                </Tag>
              </Space>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {[
                  entry.departmentName,
                  entry.title,
                  [entry.buildingName, entry.doorName].filter(Boolean).join(''),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {entry.shareableMobile
                  ? `${t('calls:directory.mobile')}: ${entry.shareableMobile}`
                  : t('calls:directory.mobileHidden')}
                {entry.officePhone ? ` · ☎ ${entry.officePhone}` : ''}
              </Typography.Text>
            </div>
            <Space size={4} wrap style={{ justifyContent: 'flex-end' }}>
              {canTransfer ? (
                <>
                  <Button
                    size="small"
                    onClick={(event) => {
                      event.stopPropagation();
                      onTransfer?.(entry, 'transfer');
                    }}
                    data-testid="directory-transfer"
                  >
                    {t('calls:directory.transfer')}
                  </Button>
                  <Button
                    size="small"
                    onClick={(event) => {
                      event.stopPropagation();
                      onTransfer?.(entry, 'fetch');
                    }}
                    data-testid="directory-fetch"
                  >
                    {t('calls:directory.fetch')}
                  </Button>
                </>
              ) : null}
              <Button
                size="small"
                type="primary"
                ghost
                onClick={(event) => {
                  event.stopPropagation();
                  onMessage?.(entry);
                }}
                data-testid="directory-message"
              >
                {t('calls:directory.message')}
              </Button>
            </Space>
          </Flex>
        ))}
      </div>
    </Flex>
  );
}
