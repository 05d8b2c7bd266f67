import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLocale, type Locale, locales, resolveLocale } from '../../contracts/locales';
import { type Role, roleLabels } from '../../contracts/roles';
import { setApiLanguage, setClientErrorMessages } from './api';
import { appI18n } from './app.i18n';
import type { WebModule } from './module-types';

const storageKey = 'ykLocale';

const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

function readStoredLocale(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function buildResources(webModules: readonly WebModule[]) {
  const resources: Record<string, Record<string, object>> = {};
  for (const locale of locales) {
    resources[locale] = { app: appI18n[locale] };
    for (const module of webModules) resources[locale][module.key] = module.i18n[locale];
  }
  return resources;
}

/**
 * 简体中文 unless the user chose otherwise before; a browser set to Traditional Chinese gets 繁體.
 * An English browser alone does not switch: the offices using this work in Chinese.
 */
function pickInitialLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return resolveLocale(stored);
  return resolveLocale(navigator.language) === 'zh-TW' ? 'zh-TW' : defaultLocale;
}

const initialLocale = pickInitialLocale();

function applySideEffects(locale: Locale) {
  dayjs.locale(dayjsLocales[locale]);
  setApiLanguage(locale);
  document.documentElement.lang = locale;
}

applySideEffects(initialLocale);

/** Starts i18next with the app's and every module's texts; main.tsx calls it once, before rendering. */
export function initI18n(webModules: readonly WebModule[]): void {
  void i18next.use(initReactI18next).init({
    resources: buildResources(webModules),
    lng: initialLocale,
    fallbackLng: defaultLocale,
    supportedLngs: [...locales],
    // Without this, i18next would turn 'zh-CN' into the lower-cased fallback chain and miss our resources.
    load: 'currentOnly',
    ns: ['app', ...webModules.map((module) => module.key)],
    defaultNS: 'app',
    fallbackNS: 'app',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

i18next.on('languageChanged', (language) => {
  applySideEffects(resolveLocale(language));
});

setClientErrorMessages(() => ({
  network: i18next.t('app:errors.network'),
  unexpected: i18next.t('app:errors.unexpected'),
}));

export const i18n = i18next;

export function currentLocale(): Locale {
  return resolveLocale(i18next.language);
}

/** Switches the UI language locally (i18next, dayjs, antd via App.tsx, Accept-Language) and remembers it. */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode: the choice just will not survive a reload.
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export function roleLabel(role: Role, locale: Locale = currentLocale()): string {
  return roleLabels[role]?.[locale] ?? role;
}
