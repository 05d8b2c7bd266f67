import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth';
import { ActionButton, ConfirmAction } from '../../../app/components/action-button';
import { PageHeader } from '../../../app/components/page-header';
import { useUnsavedChanges } from '../../../app/components/unsaved-changes';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useErrorHandler } from '../../../app/errors';
import { type Desk, orgApi, useProjects } from '../../org';
import { SettingValueEditor, SettingValueView, useFormatSettingValue } from '../components/setting-value';
import {
  type SettingItem,
  type SettingScope,
  type SettingScopeType,
  type SettingSource,
  settingsApi,
} from '../settings.api';
import { validateSettingValue } from '../settings.rules';

const sourceColors: Record<SettingSource, string> = {
  default: 'default',
  company: 'blue',
  project: 'green',
  desk: 'purple',
};

interface EditState {
  key: string;
  value: unknown;
  error: string | null;
  isSaving: boolean;
}

export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const user = useCurrentUser();
  const formatValue = useFormatSettingValue();
  const { projects } = useProjects();
  const [scopeType, setScopeType] = useState<SettingScopeType>('company');
  const [projectId, setProjectId] = useState<string | undefined>(undefined);
  const [deskId, setDeskId] = useState<string | undefined>(undefined);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<EditState | null>(null);
  const [resettingKey, setResettingKey] = useState<string | null>(null);
  useUnsavedChanges(editing !== null);

  const desks = useApiQuery<Desk[]>(
    scopeType === 'desk' && projectId ? ['org', 'desks', projectId] : null,
    (signal) => orgApi.findDesks(projectId, signal).then((result) => result.items),
  );

  const scope: SettingScope | null =
    scopeType === 'company'
      ? { scopeType, scopeId: user.companyId }
      : scopeType === 'project'
        ? projectId
          ? { scopeType, scopeId: projectId }
          : null
        : deskId
          ? { scopeType, scopeId: deskId }
          : null;

  const settings = useApiQuery<SettingItem[]>(
    scope ? ['settings', scope.scopeType, scope.scopeId] : null,
    (signal) =>
      scope ? settingsApi.findSettings(scope, signal).then((result) => result.items) : Promise.resolve([]),
  );

  const groups = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const map = new Map<string, SettingItem[]>();
    for (const item of settings.data ?? []) {
      if (
        needle &&
        ![item.label, item.description, item.key].some((text) => text?.toLowerCase().includes(needle))
      ) {
        continue;
      }
      const list = map.get(item.group) ?? [];
      list.push(item);
      map.set(item.group, list);
    }
    return [...map.entries()];
  }, [settings.data, search]);

  const replaceItem = (saved: SettingItem) =>
    settings.setData((current) => (current ?? []).map((item) => (item.key === saved.key ? saved : item)));

  const changeScope = (next: SettingScopeType) => {
    setEditing(null);
    setScopeType(next);
    if (next === 'company') setDeskId(undefined);
  };

  const rangeText = (item: SettingItem) =>
    `${item.min ?? '−∞'} ~ ${item.max ?? '∞'}${item.unit ? ` ${item.unit}` : ''}`;

  const save = async (item: SettingItem) => {
    if (!editing || !scope) return;
    const error = validateSettingValue(item, editing.value, {
      required: t('validation.required'),
      range: t('validation.range', { range: rangeText(item) }),
      integer: t('validation.integer'),
    });
    if (error) {
      setEditing({ ...editing, error });
      return;
    }
    setEditing({ ...editing, isSaving: true, error: null });
    try {
      const saved = await settingsApi.updateSetting(item.key, scope, editing.value);
      replaceItem(saved);
      setEditing(null);
      void message.success(t('actions.saved', { label: item.label }));
    } catch (failure) {
      const fieldMessage = isApiError(failure)
        ? (failure.fields?.value ?? failure.fields?.[item.key])
        : undefined;
      if (fieldMessage || (isApiError(failure) && failure.status === 400)) {
        setEditing((current) =>
          current
            ? { ...current, isSaving: false, error: fieldMessage ?? (failure as Error).message }
            : current,
        );
      } else {
        setEditing((current) => (current ? { ...current, isSaving: false } : current));
        showError(failure);
      }
    }
  };

  const reset = async (item: SettingItem) => {
    if (!scope) return;
    setResettingKey(item.key);
    try {
      replaceItem(await settingsApi.resetSetting(item.key, scope));
      void message.success(t('actions.resetOk'));
    } catch (error) {
      showError(error);
    } finally {
      setResettingKey(null);
    }
  };

  const columns: TableColumnsType<SettingItem> = [
    {
      key: 'setting',
      title: t('columns.setting'),
      width: '42%',
      render: (_, item) => (
        <div>
          <Typography.Text strong>{item.label}</Typography.Text>
          {item.description ? (
            <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', fontSize: 13 }}>
              {item.description}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    {
      key: 'value',
      title: t('columns.value'),
      render: (_, item) => {
        if (editing?.key === item.key) {
          return (
            <Flex vertical gap={4}>
              <SettingValueEditor
                item={item}
                value={editing.value}
                onChange={(value) => setEditing({ ...editing, value, error: null })}
                onEnter={() => void save(item)}
              />
              {editing.error ? (
                <Typography.Text type="danger" data-testid={`setting-error-${item.key}`}>
                  {editing.error}
                </Typography.Text>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('values.defaultValue', { value: formatValue(item, item.defaultValue) })}
              </Typography.Text>
            </Flex>
          );
        }
        return <SettingValueView item={item} />;
      },
    },
    {
      key: 'source',
      title: t('columns.source'),
      width: 130,
      render: (_, item) => {
        const isHere = item.source === scopeType;
        return (
          <Tooltip
            title={isHere ? t('state.setHere') : t('state.inherited', { source: t(`source.${item.source}`) })}
          >
            <Tag color={sourceColors[item.source]} variant={isHere ? 'solid' : 'outlined'}>
              {t(`source.${item.source}`)}
            </Tag>
          </Tooltip>
        );
      },
    },
    {
      key: 'actions',
      title: t('columns.actions'),
      width: 190,
      render: (_, item) => {
        if (editing?.key === item.key) {
          return (
            <Space>
              <ActionButton
                type="primary"
                size="small"
                loading={editing.isSaving}
                onClick={() => save(item)}
                data-testid={`setting-save-${item.key}`}
              >
                {t('app:actions.save')}
              </ActionButton>
              <Button size="small" onClick={() => setEditing(null)} disabled={editing.isSaving}>
                {t('app:actions.cancel')}
              </Button>
            </Space>
          );
        }
        const isHere = item.source === scopeType;
        return (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              disabled={editing !== null}
              onClick={() => setEditing({ key: item.key, value: item.value, error: null, isSaving: false })}
              data-testid={`setting-edit-${item.key}`}
            >
              {t('app:actions.edit')}
            </Button>
            {isHere ? (
              <ConfirmAction
                title={t('actions.resetConfirm')}
                onConfirm={() => reset(item)}
                okText={t('app:actions.confirm')}
                cancelText={t('app:actions.cancel')}
              >
                <Button
                  type="link"
                  size="small"
                  icon={<UndoOutlined />}
                  loading={resettingKey === item.key}
                  disabled={editing !== null}
                  data-testid={`setting-reset-${item.key}`}
                >
                  {scopeType === 'company' ? t('actions.resetToDefault') : t('actions.reset')}
                </Button>
              </ConfirmAction>
            ) : null}
          </Space>
        );
      },
    },
  ];

  const activeProjects = projects.filter((project) => !project.isArchived);
  const waitingText =
    scopeType === 'project' || !projectId ? t('page.pickProjectFirst') : t('page.pickDeskFirst');

  return (
    <>
      <PageHeader title={t('page.title')} subtitle={t('page.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <Typography.Text strong>{t('scope.label')}</Typography.Text>
          <Segmented<SettingScopeType>
            value={scopeType}
            onChange={changeScope}
            options={[
              { value: 'company', label: t('scope.company') },
              { value: 'project', label: t('scope.project') },
              { value: 'desk', label: t('scope.desk') },
            ]}
            data-testid="settings-scope"
          />
          {scopeType !== 'company' ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('scope.pickProject')}
              value={projectId}
              onChange={(value: string) => {
                setEditing(null);
                setProjectId(value);
                setDeskId(undefined);
              }}
              options={activeProjects.map((project) => ({ value: project.id, label: project.name }))}
              style={{ width: 220 }}
              data-testid="settings-project"
            />
          ) : null}
          {scopeType === 'desk' ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('scope.pickDesk')}
              value={deskId}
              disabled={!projectId}
              loading={desks.loading}
              onChange={(value: string) => {
                setEditing(null);
                setDeskId(value);
              }}
              options={(desks.data ?? []).map((desk) => ({ value: desk.id, label: desk.name }))}
              style={{ width: 220 }}
              data-testid="settings-desk"
            />
          ) : null}
          <Input.Search
            allowClear
            placeholder={t('page.searchPlaceholder')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 260, marginLeft: 'auto' }}
          />
        </Flex>
      </Card>
      {!scope ? (
        <Card>
          <Empty description={waitingText} />
        </Card>
      ) : settings.loading && !settings.data ? (
        <Card loading />
      ) : groups.length === 0 ? (
        <Card>
          <Empty description={t('page.empty')} />
        </Card>
      ) : (
        groups.map(([group, items]) => (
          <Card
            key={group}
            title={t(`groups.${group}`, { defaultValue: group })}
            style={{ marginBottom: 16 }}
            styles={{ body: { padding: 0 } }}
          >
            <Table<SettingItem>
              rowKey="key"
              columns={columns}
              dataSource={items}
              pagination={false}
              loading={settings.loading}
              scroll={{ x: 900 }}
            />
          </Card>
        ))
      )}
    </>
  );
}
