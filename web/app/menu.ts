import { ClusterOutlined, SafetyOutlined } from '@ant-design/icons';
import { type ComponentType, useMemo } from 'react';
import { canAccess } from './access';
import { useCurrentUser } from './auth';
import type { WebMenuItem } from './module-types';
import { webModules } from './modules';

/** Sub-menu icons for `WebMenuItem.group`; a group without one borrows its first item's icon. */
export const menuGroupIcons: Record<string, ComponentType> = {
  org: ClusterOutlined,
  system: SafetyOutlined,
};

/** The menu items this user may see, in registry order. */
export function useVisibleMenu(): WebMenuItem[] {
  const user = useCurrentUser();
  return useMemo(
    () => webModules.flatMap((module) => module.menu).filter((item) => canAccess(user.roles, item.roles)),
    [user.roles],
  );
}

/** The item whose path is the longest prefix of the current path, so detail pages light up their list. */
export function findSelectedMenuItem(items: WebMenuItem[], pathname: string): WebMenuItem | undefined {
  let best: WebMenuItem | undefined;
  for (const item of items) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
}
