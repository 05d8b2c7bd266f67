import {
  App,
  Button,
  Card,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useRequest } from '../../../app/components/use-request';
import { useErrorHandler } from '../../../app/errors';
import { formatTime } from '../../../app/format';
import { type CallDesk, callsApi, type DirectoryEntry, type Purpose, type Situation } from '../calls.api';
import { useBuildings } from '../components/call-forms';

function CtiTab({ desks, reload }: { desks: CallDesk[]; reload: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { showError } = useErrorHandler();
  const rotate = (desk: CallDesk) =>
    modal.confirm({
      title: t('admin.rotate', { ns: 'calls' }),
      content: t('calls:admin.rotateConfirm'),
      onOk: async () => {
        try {
          const result = await callsApi.rotateSecret(desk.id);
          reload();
          modal.success({
            title: t('calls:admin.secretOnce'),
            width: 560,
            content: (
              <Flex vertical gap={8}>
                <Typography.Text copyable code data-testid="cti-secret">
                  {result.secret}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('calls:admin.webhook')}: {window.location.origin}/api/cti/events · x-yingke-desk:{' '}
                  {desk.id}
                </Typography.Text>
              </Flex>
            ),
          });
        } catch (error) {
          showError(error);
        }
      },
    });
  return (
    <Table<CallDesk>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={desks}
      columns={[
        {
          key: 'name',
          title: t('calls:history.desk'),
          render: (_, desk) => `${desk.projectName} · ${desk.name}`,
        },
        {
          key: 'secret',
          title: t('calls:admin.secret'),
          render: (_, desk) => (desk.cti.secretHint ? <Tag>…{desk.cti.secretHint}</Tag> : '—'),
        },
        { key: 'rotated', title: '', render: (_, desk) => formatTime(desk.cti.rotatedAt) },
        {
          key: 'last',
          title: t('calls:admin.lastEvent'),
          render: (_, desk) =>
            desk.cti.lastEventAt ? formatTime(desk.cti.lastEventAt) : t('calls:admin.never'),
        },
        {
          key: 'enabled',
          title: t('calls:admin.enabled'),
          render: (_, desk) =>
            desk.cti.secretHint ? (
              <Switch
                checked={desk.cti.isEnabled}
                onChange={(checked) => callsApi.setCtiEnabled(desk.id, checked).then(reload).catch(showError)}
              />
            ) : null,
        },
        {
          key: 'actions',
          render: (_, desk) => (
            <ActionButton size="small" onClick={() => rotate(desk)} data-testid="rotate-secret">
              {t('calls:admin.rotate')}
            </ActionButton>
          ),
        },
      ]}
    />
  );
}

function ScriptsTab({ desks }: { desks: CallDesk[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [deskId, setDeskId] = useState<string | undefined>(desks[0]?.id);
  const [locale, setLocale] = useState(i18n.language);
  const [editing, setEditing] = useState<{ situation: Situation; text: string } | null>(null);
  const scripts = useRequest(
    (signal) => callsApi.getScripts(deskId!, locale, signal),
    deskId ? `${deskId}|${locale}` : null,
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

function PurposesTab() {
  const { t } = useTranslation();
  const { showError } = useErrorHandler();
  const purposes = useRequest((signal) => callsApi.findPurposes(signal));
  const [label, setLabel] = useState('');
  const update = (row: Purpose, changes: Partial<Purpose>) =>
    callsApi
      .updatePurpose(row.id, {
        label: changes.label ?? row.label,
        sortOrder: changes.sortOrder ?? row.sortOrder,
        isActive: changes.isActive ?? row.isActive,
      })
      .then(purposes.reload)
      .catch(showError);
  return (
    <>
      <Space.Compact style={{ marginBottom: 12 }}>
        <Input
          value={label}
          maxLength={20}
          onChange={(event) => setLabel(event.target.value)}
          placeholder={t('calls:admin.label')}
        />
        <Button
          type="primary"
          onClick={() =>
            callsApi
              .createPurpose(label, 100)
              .then(() => {
                setLabel('');
                purposes.reload();
              })
              .catch(showError)
          }
        >
          {t('calls:admin.addPurpose')}
        </Button>
      </Space.Compact>
      <Table<Purpose>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={purposes.data?.items ?? []}
        columns={[
          {
            key: 'label',
            title: t('calls:admin.label'),
            render: (_, row) => (
              <Typography.Text
                editable={{
                  onChange: (value) => value && value !== row.label && update(row, { label: value }),
                }}
              >
                {row.label}
              </Typography.Text>
            ),
          },
          {
            key: 'order',
            title: t('calls:admin.order'),
            render: (_, row) => (
              <InputNumber
                size="small"
                min={0}
                max={10000}
                defaultValue={row.sortOrder}
                onBlur={(event) => update(row, { sortOrder: Number(event.target.value) })}
              />
            ),
          },
          {
            key: 'active',
            title: t('calls:admin.active'),
            render: (_, row) => (
              <Switch
                disabled={Boolean(row.key)}
                checked={row.isActive}
                onChange={(isActive) => update(row, { isActive })}
              />
            ),
          },
        ]}
      />
    </>
  );
}

function ContactsTab({ desks }: { desks: CallDesk[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [deskId, setDeskId] = useState<string | undefined>(desks[0]?.id);
  const [selected, setSelected] = useState<string[]>([]);
  const people = useRequest((signal) => callsApi.searchDirectory({}, signal));
  const contacts = useRequest((signal) => callsApi.getEmergencyContacts(deskId!, signal), deskId ?? null);
  useEffect(() => setSelected((contacts.data?.items ?? []).map((item) => item.id)), [contacts.data]);
  return (
    <Space wrap>
      <Select
        style={{ width: 220 }}
        value={deskId}
        onChange={setDeskId}
        options={desks.map((desk) => ({ value: desk.id, label: `${desk.projectName} · ${desk.name}` }))}
      />
      <Select
        mode="multiple"
        style={{ minWidth: 320 }}
        value={selected}
        onChange={setSelected}
        optionFilterProp="label"
        options={(people.data?.items ?? []).map((person) => ({
          value: person.id,
          label: `${person.displayName} ${person.title}`,
        }))}
      />
      <Button
        type="primary"
        onClick={() =>
          deskId &&
          callsApi
            .setEmergencyContacts(deskId, selected)
            .then(() => message.success(t('calls:desk.saved')))
            .catch(showError)
        }
      >
        {t('calls:admin.saveContacts')}
      </Button>
    </Space>
  );
}

function WorkplacesTab({ projectId }: { projectId: string | undefined }) {
  const { t } = useTranslation();
  const { showError } = useErrorHandler();
  const people = useRequest((signal) => callsApi.searchDirectory({}, signal));
  const buildings = useBuildings(projectId);
  const set = (person: DirectoryEntry, buildingId: string | null, doorId: string | null) =>
    callsApi.setWorkplace(person.id, buildingId, doorId).then(people.reload).catch(showError);
  return (
    <Table<DirectoryEntry>
      rowKey="id"
      size="small"
      pagination={{ pageSize: 20 }}
      dataSource={people.data?.items ?? []}
      columns={[
        {
          key: 'name',
          title: t('calls:incident.callerName'),
          render: (_, row) => `${row.displayName} ${row.title}`,
        },
        { key: 'department', title: '', dataIndex: 'departmentName' },
        {
          key: 'building',
          title: t('calls:incident.building'),
          render: (_, row) => (
            <Select
              allowClear
              size="small"
              style={{ width: 120 }}
              value={row.buildingId ?? undefined}
              options={buildings.map((building) => ({ value: building.id, label: building.name }))}
              onChange={(value) => set(row, value ?? null, null)}
            />
          ),
        },
        {
          key: 'door',
          title: t('calls:incident.door'),
          render: (_, row) => (
            <Select
              allowClear
              size="small"
              style={{ width: 120 }}
              value={row.doorId ?? undefined}
              disabled={!row.buildingId}
              options={(buildings.find((building) => building.id === row.buildingId)?.doors ?? []).map(
                (door) => ({ value: door.id, label: door.name }),
              )}
              onChange={(value) => set(row, row.buildingId, value ?? null)}
            />
          ),
        },
      ]}
    />
  );
}

export default function AdminPage() {
  const { t } = useTranslation();
  const desks = useRequest((signal) => callsApi.findSetupDesks(signal));
  const list = desks.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('calls:admin.title')} />
      <Tabs
        items={[
          {
            key: 'cti',
            label: t('calls:admin.cti'),
            children: <CtiTab desks={list} reload={desks.reload} />,
          },
          {
            key: 'scripts',
            label: t('calls:admin.scripts'),
            children: list.length ? <ScriptsTab desks={list} /> : null,
          },
          { key: 'purposes', label: t('calls:admin.purposes'), children: <PurposesTab /> },
          {
            key: 'contacts',
            label: t('calls:admin.contacts'),
            children: list.length ? <ContactsTab desks={list} /> : null,
          },
          {
            key: 'workplaces',
            label: t('calls:admin.workplaces'),
            children: <WorkplacesTab projectId={list[0]?.projectId} />,
          },
        ]}
      />
    </>
  );
}
