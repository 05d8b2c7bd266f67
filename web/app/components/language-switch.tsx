import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Locale, locales, resolveLocale } from '../../../contracts/locales';
import { useAuth } from '../auth';
import { useErrorHandler } from '../errors';

const shortNames: Record<Locale, string> = { 'zh-CN': '简', 'zh-TW': '繁', en: 'EN' };

/** Switches i18next, antd, dayjs and (when signed in) the saved preference together. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useAuth();
  const { showError } = useErrorHandler();
  const current = resolveLocale(i18n.language);

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: locales.map((locale) => ({
          key: locale,
          label: <span data-testid={`lang-${locale}`}>{t(`languages.${locale}`)}</span>,
        })),
        onClick: ({ key }) => {
          setLocale(key as Locale).catch(showError);
        },
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        aria-label={t('header.language')}
      >
        {compact ? shortNames[current] : t(`languages.${current}`)}
      </Button>
    </Dropdown>
  );
}
