import { App, Button, type FormInstance, Result } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router-dom';
import { isAbortError, isApiError } from './api';
import { placeFieldErrors } from './field-errors';

export { toNamePath } from './field-errors';

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
        // Shown as a toast, "check the marked fields" would point at nothing: say what is wrong.
        const texts = [...new Set(Object.values(error.fields ?? {}))];
        void message.error(
          error.code === 'VALIDATION_FAILED' && texts.length
            ? texts.join(t('errors.listSeparator'))
            : error.message,
        );
      } else {
        console.error(error);
        void message.error(t('errors.unexpected'));
      }
    },
    [message, t],
  );

  /**
   * Server field errors go on the form's own fields (nested ones such as buyers.0.idNumber too),
   * the topmost is scrolled into view, and the toast says what to do. An error whose fields are
   * not on this form is shown as its text instead of "check the marked fields" with none marked.
   * Every other failure is shown as a toast. Returns true when fields on the form were marked.
   */
  const applyFormErrors = useCallback(
    (form: FormInstance, error: unknown): boolean => {
      if (isApiError(error) && error.fields && Object.keys(error.fields).length > 0) {
        const registered = form.getFieldsError().map((field) => field.name);
        const { marked, unplaced } = placeFieldErrors(error.fields, registered);
        if (marked.length > 0) {
          form.setFields(marked);
          form.scrollToField(marked[0].name, { block: 'center' });
          const text = error.message || t('errors.checkFields');
          void message.warning(
            unplaced.length ? `${text} ${unplaced.join(t('errors.listSeparator'))}` : text,
          );
          return true;
        }
        void message.error(unplaced.join(t('errors.listSeparator')) || error.message);
        return false;
      }
      showError(error);
      return false;
    },
    [message, showError, t],
  );

  /** After antd's own checks refused a submit: bring the first field in error into view. */
  const scrollToFirstError = useCallback((form: FormInstance, failure: unknown): boolean => {
    const first = (failure as { errorFields?: { name: (string | number)[] }[] } | null)?.errorFields?.[0];
    if (!first) return false;
    form.scrollToField(first.name, { block: 'center' });
    return true;
  }, []);

  return { showError, applyFormErrors, scrollToFirstError };
}

export function ForbiddenResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.goHome')}</Button>
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
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.goHome')}</Button>
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
      title={t('errors.crashTitle')}
      subTitle={t('errors.crash')}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>
          {t('errors.goHome')}
        </Button>,
      ]}
    />
  );
}
