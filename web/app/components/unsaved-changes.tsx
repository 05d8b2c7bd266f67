import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';

// React Router allows one blocker per router, so forms register here and one guard in the layout
// consults the set. A module-level set is enough: it only ever answers "is anything dirty?".
const dirtySources = new Set<symbol>();

export function hasUnsavedChanges(): boolean {
  return dirtySources.size > 0;
}

/**
 * Marks the calling form as dirty while `isDirty` is true: reloads and in-app navigation ask first.
 * Returns `release()` for the moment after a successful save, when the form navigates away before
 * React has re-rendered with `isDirty` false.
 */
export function useUnsavedChanges(isDirty: boolean): () => void {
  const tokenRef = useRef<symbol | null>(null);
  useEffect(() => {
    if (!isDirty) return;
    const token = Symbol('dirty-form');
    tokenRef.current = token;
    dirtySources.add(token);
    return () => {
      dirtySources.delete(token);
      tokenRef.current = null;
    };
  }, [isDirty]);
  return useCallback(() => {
    if (tokenRef.current) dirtySources.delete(tokenRef.current);
  }, []);
}

/** Asks before throwing away edits; calls `discard` straight away when nothing changed. */
export function useConfirmDiscard() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (isDirty: boolean, discard: () => void, stay?: () => void) => {
      if (!isDirty) {
        discard();
        return;
      }
      modal.confirm({
        title: t('unsaved.title'),
        content: t('unsaved.content'),
        okText: t('unsaved.leave'),
        okButtonProps: { danger: true },
        cancelText: t('unsaved.stay'),
        onOk: discard,
        onCancel: stay,
      });
    },
    [modal, t],
  );
}

/** Mounted once inside the router: guards tab close/reload and route changes while any form is dirty. */
export function UnsavedChangesGuard() {
  const confirmDiscard = useConfirmDiscard();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasUnsavedChanges() && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    confirmDiscard(
      true,
      () => {
        dirtySources.clear();
        blocker.proceed();
      },
      () => blocker.reset(),
    );
  }, [blocker, confirmDiscard]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      // Older Chromium still needs returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return null;
}
