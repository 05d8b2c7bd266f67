import { Flex, Spin } from 'antd';
import { type ComponentType, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, type RouteObject, useLocation } from 'react-router-dom';
import type { Role } from '../../contracts/roles';
import { canAccess } from './access';
import { useAuth } from './auth';
import { UnsavedChangesGuard } from './components/unsaved-changes';
import { ForbiddenResult, NotFoundResult, RouteErrorResult } from './errors';
import { AppLayout } from './layout/app-layout';
import { webModules } from './module-registry';
import type { WebRoute } from './module-types';
import { pathForPendingStep, paths } from './paths';

export function PageSpinner({ fullScreen = false }: { fullScreen?: boolean }) {
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 320 }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Sends signed-out users to /login (remembering where they were) and forces a due password change. */
function RequireAuth() {
  const { status, user, hasLoggedOut } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <PageSpinner fullScreen />;
  if (status === 'signedOut' || !user) {
    if (hasLoggedOut) return <Navigate to={paths.login} replace />;
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.login}?from=${encodeURIComponent(from)}`} replace />;
  }
  // The server refuses everything but the step a session owes; the screens follow it there.
  if (user.pendingStep) {
    const stepPath = pathForPendingStep(user.pendingStep);
    if (location.pathname !== stepPath) return <Navigate to={stepPath} replace />;
  } else if (user.mustChangePassword && location.pathname !== paths.forcedPasswordChange) {
    return <Navigate to={paths.forcedPasswordChange} replace />;
  }
  return <Outlet />;
}

/** Things every screen needs once, inside the router. */
function RootShell() {
  return (
    <>
      <UnsavedChangesGuard />
      <Outlet />
    </>
  );
}

function RoleGuard({ roles, page: Page }: { roles?: readonly Role[]; page: ComponentType }) {
  const { user } = useAuth();
  if (!user || !canAccess(user.roles, roles)) return <ForbiddenResult />;
  return (
    <Suspense fallback={<PageSpinner />}>
      <Page />
    </Suspense>
  );
}

function PublicPage({ page: Page }: { page: ComponentType }) {
  return (
    <Suspense fallback={<PageSpinner fullScreen />}>
      <Page />
    </Suspense>
  );
}

function toRouteObject(route: WebRoute): RouteObject {
  const isPublic = route.layout === 'public';
  return {
    path: route.path,
    element: isPublic ? (
      <PublicPage page={route.element} />
    ) : (
      <RoleGuard roles={route.roles} page={route.element} />
    ),
    errorElement: <RouteErrorResult />,
  };
}

export function createAppRouter() {
  const allRoutes = webModules().flatMap((module) => module.routes);
  const byLayout = (layout: WebRoute['layout']) =>
    allRoutes.filter((route) => (route.layout ?? 'app') === layout).map(toRouteObject);

  return createBrowserRouter([
    {
      element: <RootShell />,
      errorElement: <RouteErrorResult />,
      children: [
        ...byLayout('public'),
        {
          element: <RequireAuth />,
          children: [
            ...byLayout('bare'),
            {
              element: <AppLayout />,
              errorElement: <RouteErrorResult />,
              children: [...byLayout('app'), { path: '*', element: <NotFoundResult /> }],
            },
          ],
        },
      ],
    },
  ]);
}
