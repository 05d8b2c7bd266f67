import {
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  App,
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Typography,
} from 'antd';
import { createElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { NotificationBell } from '../../modules/notify';
import { useAuth, useCurrentUser } from '../auth';
import { LanguageSwitch } from '../components/language-switch';
import { PresenceSwitch } from '../components/presence-switch';
import { useErrorHandler } from '../errors';
import { translateKey } from '../i18n-keys';
import { findSelectedMenuItem, menuGroupIcons, useVisibleMenu } from '../menu';
import { paths } from '../paths';
import { brandColor, siderColor } from '../theme';

function Brand({ collapsed }: { collapsed: boolean }) {
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: '0 18px' }}>
      <span
        style={{
          width: 30,
          height: 30,
          borderRadius: 8,
          background: brandColor,
          color: '#fff',
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        迎
      </span>
      {collapsed ? null : (
        <span style={{ color: '#fff', fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>
          迎客
          <span style={{ marginLeft: 6, fontSize: 12, fontWeight: 400, opacity: 0.65 }}>Yingke</span>
        </span>
      )}
    </Link>
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation(['app', 'staff']);
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const { showError } = useErrorHandler();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    // On a phone the button shows only the avatar: the menu says whose it is.
    ...(compact
      ? [{ key: 'me', disabled: true, label: user.displayName }, { type: 'divider' as const }]
      : []),
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('app:header.changePassword')}</span>,
    },
    {
      key: 'security',
      icon: <SafetyCertificateOutlined />,
      label: <span data-testid="account-security">{t('staff:twoFactor.menu')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('app:header.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate(paths.changePassword);
    if (key === 'security') navigate(paths.accountSecurity);
    if (key === 'logout') {
      logout()
        .then(() => {
          void message.success(t('app:header.loggedOut'));
          navigate(paths.login, { replace: true });
        })
        .catch(showError);
    }
  };

  return (
    <Dropdown trigger={['click']} menu={{ items, onClick }}>
      <Button
        type="text"
        data-testid="user-menu"
        aria-label={user.displayName}
        style={{ height: 40, ...(compact ? { paddingInline: 4 } : {}) }}
      >
        <Avatar size={28} icon={<UserOutlined />} style={{ background: brandColor }}>
          {user.displayName.slice(0, 1)}
        </Avatar>
        {compact ? null : (
          <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {user.displayName}
          </span>
        )}
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation(['app', 'staff']);
  const user = useCurrentUser();
  const location = useLocation();
  const visibleItems = useVisibleMenu();
  // Tablets (1024 px) start collapsed; antd's `xl` breakpoint is 1200 px.
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 1200);
  const selected = findSelectedMenuItem(visibleItems, location.pathname);
  const selectedGroup = selected?.group ? `group:${selected.group}` : undefined;
  const [openGroups, setOpenGroups] = useState<string[]>(() => (selectedGroup ? [selectedGroup] : []));
  // A phone (under antd's `sm`, 576 px) has no room for a side column beside the page: the menu opens
  // over the page as a drawer, and the top bar keeps only what a person on the move needs.
  const isPhone = Grid.useBreakpoint().sm === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  useEffect(() => {
    if (selectedGroup)
      setOpenGroups((keys) => (keys.includes(selectedGroup) ? keys : [...keys, selectedGroup]));
  }, [selectedGroup]);

  const menuItems = useMemo<MenuProps['items']>(() => {
    const result: NonNullable<MenuProps['items']> = [];
    const groups = new Map<string, NonNullable<MenuProps['items']>>();
    for (const item of visibleItems) {
      const entry = {
        key: item.key,
        icon: createElement(item.icon),
        label: (
          <Link to={item.path} data-testid={`menu-${item.key}`}>
            {translateKey(item.labelKey)}
          </Link>
        ),
      };
      if (!item.group) {
        result.push(entry);
        continue;
      }
      let children = groups.get(item.group);
      if (!children) {
        children = [];
        groups.set(item.group, children);
        result.push({
          key: `group:${item.group}`,
          icon: createElement(menuGroupIcons[item.group] ?? item.icon),
          label: (
            <span data-testid={`menu-group-${item.group}`}>
              {t(`app:menuGroups.${item.group}`, { defaultValue: item.group })}
            </span>
          ),
          children,
        });
      }
      children.push(entry);
    }
    return result;
  }, [visibleItems, t]);

  const menu = (inDrawer: boolean) => (
    <Menu
      theme="dark"
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected.key] : []}
      openKeys={collapsed && !inDrawer ? undefined : openGroups}
      onOpenChange={(keys) => setOpenGroups(keys)}
      onClick={inDrawer ? () => setDrawerOpen(false) : undefined}
      data-testid="side-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          size={240}
          styles={{ body: { padding: 0, background: siderColor } }}
        >
          <div data-testid="side-menu-drawer">
            <Brand collapsed={false} />
            {menu(true)}
          </div>
        </Drawer>
      ) : (
        <Layout.Sider
          theme="dark"
          width={220}
          collapsedWidth={64}
          collapsible
          collapsed={collapsed}
          trigger={null}
          breakpoint="xl"
          onBreakpoint={(broken) => setCollapsed(broken)}
          data-testid="side-menu-column"
        >
          {/* The dark column stretches with the page, so it reaches the bottom however long the page is;
            the menu inside stays in view while the page scrolls and scrolls itself when taller. */}
          <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflowY: 'auto' }}>
            <Brand collapsed={collapsed} />
            {menu(false)}
          </div>
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #e8ecf2',
            ...(isPhone ? { paddingInline: 8 } : {}),
          }}
        >
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <Button
              type="text"
              icon={collapsed || isPhone ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => (isPhone ? setDrawerOpen(true) : setCollapsed((value) => !value))}
              aria-label={t('app:header.toggleMenu')}
              data-testid="menu-toggle"
            />
            {isPhone ? null : (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
                {user.companyName}
              </Typography.Text>
            )}
          </Flex>
          <Flex align="center" gap={isPhone ? 0 : 4} style={{ flex: 'none' }}>
            <PresenceSwitch />
            <NotificationBell />
            <LanguageSwitch compact />
            <UserMenu compact={isPhone} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 20, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
