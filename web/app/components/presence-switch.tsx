import { DownOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { type Presence, presences } from '../auth.api';
import { useErrorHandler } from '../errors';
import { presenceStatus } from './presence-badge';

/** The header's 在座/离开/忙碌/下班 switch; desks route calls by it, so it saves immediately. */
export function PresenceSwitch() {
  const { t } = useTranslation();
  const { user, setPresence } = useAuth();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const [isSaving, setSaving] = useState(false);
  if (!user) return null;

  const choose = async (presence: Presence) => {
    if (presence === user.presence) return;
    setSaving(true);
    try {
      await setPresence(presence);
      void message.success(t('header.presenceSaved', { presence: t(`presence.${presence}`) }));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [user.presence],
        items: presences.map((presence) => ({
          key: presence,
          label: (
            <span data-testid={`presence-${presence}`}>
              <Badge status={presenceStatus[presence]} text={t(`presence.${presence}`)} />
            </span>
          ),
        })),
        onClick: ({ key }) => void choose(key as Presence),
      }}
    >
      <Button type="text" loading={isSaving} data-testid="presence-switch" aria-label={t('header.presence')}>
        <Badge status={presenceStatus[user.presence] ?? 'default'} text={t(`presence.${user.presence}`)} />
        <DownOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }} />
      </Button>
    </Dropdown>
  );
}
