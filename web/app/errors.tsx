import { App, Button, type FormInstance, Result } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router-dom';
import { isAbortError, isApiError } from './api';

/** `roles.0.projectId` → ['roles', 0, 'projectId'], the name path antd Form.List uses. */
export function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * The one way pages report failures: server field errors go inline on the form, everything else
 * becomes a toast with the server's (already translated) message.
 */
export function useErrorHandler() {
  const { message } = App.useApp();
  const { t } = useTranslation();

  const showError = useCallback(
    (error: unknown) => {
      if (isAbortError(error)) return;
      // A 401 has already sent the user to the login page; a toast on top would only add noise.
      if (isApiError(error) && error.status === 401) return;
      if (isApiError(error)) {
        void message.error(error.message);
      } else {
        console.error(error);
        void message.error(t('app:errors.unexpected'));
      }
    },
    [message, t],
  );

  /** Returns true when the error carried field errors that now show on the form. */
  const applyFormErrors = useCallback(
    (form: FormInstance, error: unknown): boolean => {
      if (isApiError(error) && error.fields && Object.keys(error.fields).length > 0) {
        const fields = Object.entries(error.fields).map(([path, text]) => ({
          name: toNamePath(path),
          errors: [text],
        }));
        form.setFields(fields);
        form.scrollToField(fields[0].name, { block: 'center' });
        void message.warning(error.message || t('app:errors.checkFields'));
        return true;
      }
      showError(error);
      return false;
    },
    [message, showError, t],
  );

  return { showError, applyFormErrors };
}

export function ForbiddenResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('app:errors.forbiddenTitle')}
      subTitle={t('app:errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app:errors.goHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('app:errors.notFoundTitle')}
      subTitle={t('app:errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app:errors.goHome')}</Button>
        </Link>
      }
    />
  );
}

/** Route `errorElement`: a render crash or a failed lazy chunk (e.g. after a deploy) lands here. */
export function RouteErrorResult() {
  const error = useRouteError();
  const { t } = useTranslation();
  console.error(error);
  return (
    <Result
      status="error"
      title={t('app:errors.crashTitle')}
      subTitle={t('app:errors.crash')}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('app:errors.reload')}
        </Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>
          {t('app:errors.goHome')}
        </Button>,
      ]}
    />
  );
}
