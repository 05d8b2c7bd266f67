import { ClusterOutlined, SafetyOutlined } from '@ant-design/icons';
import { type ComponentType, useCallback, useMemo } from 'react';
import { matchPath } from 'react-router-dom';
import { canAccess } from './access';
import { useCurrentUser } from './auth';
import { webModules } from './module-registry';
import type { WebMenuItem } from './module-types';

/** Sub-menu icons for `WebMenuItem.group`; a group without one borrows its first item's icon. */
export const menuGroupIcons: Record<string, ComponentType> = {
  org: ClusterOutlined,
  system: SafetyOutlined,
};

/** The menu items this user may see, in registry order. */
export function useVisibleMenu(): WebMenuItem[] {
  const user = useCurrentUser();
  return useMemo(
    () =>
      webModules()
        .flatMap((module) => module.menu)
        .filter((item) => canAccess(user.roles, item.roles)),
    [user.roles],
  );
}

/**
 * Whether this user may open an in-app path: the roles of the route it matches, as the router checks
 * them. Buttons and links to other pages ask this, so nobody is shown a way into 无权访问.
 */
export function useCanOpen(): (path: string) => boolean {
  const user = useCurrentUser();
  return useCallback(
    (path: string) => {
      const route = webModules()
        .flatMap((module) => module.routes)
        .find((candidate) => matchPath({ path: candidate.path, end: true }, path));
      return route ? canAccess(user.roles, route.roles) : false;
    },
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
