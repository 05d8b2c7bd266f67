import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { type Locale, resolveLocale } from '../../contracts/locales';
import { AuthProvider } from './auth';
import { queryClient } from './data/query-client';
import { createAppRouter } from './router';
import { buildTheme, isMotionDisabled } from './theme';

const antdLocales = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } satisfies Record<Locale, unknown>;

export function App() {
  const { i18n } = useTranslation();
  const locale = resolveLocale(i18n.language);
  const [router] = useState(createAppRouter);
  const theme = useMemo(() => buildTheme(isMotionDisabled()), []);

  return (
    <ConfigProvider
      locale={antdLocales[locale]}
      theme={theme}
      wave={theme.token?.motion ? undefined : { disabled: true }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
