import { App, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../../app/components/action-button';
import { useApiQuery } from '../../../../app/data/use-api-query';
import { useErrorHandler } from '../../../../app/errors';
import { formatTime } from '../../../../app/format';
import { type CallDesk, callsApi, type Situation } from '../../calls.api';

/** A desk's phrase sets (CS-0) per language, each save a new version. */
export function ScriptsTab({ desks }: { desks: CallDesk[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [deskId, setDeskId] = useState<string | undefined>(desks[0]?.id);
  const [locale, setLocale] = useState(i18n.language);
  const [editing, setEditing] = useState<{ situation: Situation; text: string } | null>(null);
  const scripts = useApiQuery(deskId ? ['calls', 'scripts', deskId, locale] : null, (signal) =>
    callsApi.getScripts(deskId ?? '', locale, signal),
  );
  const [versions, setVersions] = useState<{
    situation: Situation;
    items: Array<{ version: number; templates: string[]; createdAt: string | null }>;
  } | null>(null);

  useEffect(() => {
    if (!deskId && desks[0]) setDeskId(desks[0].id);
  }, [deskId, desks]);

  const save = async () => {
    if (!editing || !deskId) return;
    try {
      const templates = editing.text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      const saved = await callsApi.saveScript(deskId, editing.situation, locale, templates);
      void message.success(t('calls:admin.version', { version: saved.version }));
      setEditing(null);
      scripts.reload();
    } catch (error) {
      showError(error);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          value={deskId}
          onChange={setDeskId}
          options={desks.map((desk) => ({ value: desk.id, label: `${desk.projectName} · ${desk.name}` }))}
        />
        <Select
          style={{ width: 140 }}
          value={locale}
          onChange={setLocale}
          options={[
            { value: 'zh-CN', label: '简体中文' },
            { value: 'zh-TW', label: '繁體中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Typography.Text type="secondary">{t('calls:admin.placeholders')}</Typography.Text>
      </Space>
      <Flex vertical gap={8}>
        {(scripts.data?.items ?? []).map((script) => (
          <Card
            key={script.situation}
            size="small"
            title={
              <Space>
                <Tag>{script.rule}</Tag>
                {t(`calls:situations.${script.situation}`)}
                <Typography.Text type="secondary">
                  {script.version
                    ? t('calls:admin.version', { version: script.version })
                    : t('calls:admin.original')}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space>
                <Button
                  size="small"
                  onClick={() =>
                    deskId &&
                    callsApi
                      .getScriptVersions(deskId, script.situation, locale)
                      .then((result) => setVersions({ situation: script.situation, items: result.items }))
                      .catch(showError)
                  }
                >
                  {t('calls:admin.history')}
                </Button>
                <Button
                  size="small"
                  type="primary"
                  ghost
                  onClick={() =>
                    setEditing({ situation: script.situation, text: script.templates.join('\n') })
                  }
                >
                  {t('calls:admin.edit')}
                </Button>
              </Space>
            }
          >
            {editing?.situation === script.situation ? (
              <Flex vertical gap={8}>
                <Input.TextArea
                  rows={3}
                  value={editing.text}
                  onChange={(event) => setEditing({ ...editing, text: event.target.value })}
                />
                <Space>
                  <ActionButton type="primary" size="small" onClick={save}>
                    {t('calls:admin.saveVersion')}
                  </ActionButton>
                  <Button size="small" onClick={() => setEditing(null)}>
                    {t('app:actions.cancel')}
                  </Button>
                </Space>
              </Flex>
            ) : (
              script.templates.map((text) => <div key={text}>{text}</div>)
            )}
            {versions?.situation === script.situation ? (
              <Table
                size="small"
                style={{ marginTop: 8 }}
                rowKey="version"
                pagination={false}
                dataSource={versions.items}
                columns={[
                  { key: 'version', title: '#', dataIndex: 'version', width: 50 },
                  { key: 'text', title: '', render: (_, row) => row.templates.join(' / ') },
                  { key: 'at', title: '', width: 150, render: (_, row) => formatTime(row.createdAt) },
                ]}
              />
            ) : null}
          </Card>
        ))}
      </Flex>
    </>
  );
}
