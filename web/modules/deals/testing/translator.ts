import i18next from 'i18next';
import type { Locale } from '../../../../contracts/locales';
import { withDataKeys } from '../../../app/i18n-keys';
import { dealsI18n } from '../deals.i18n';

/** The deals namespace's `t` for one language, as the pages hand it to the label builders, for unit tests. */
export async function dealsTranslatorFor(locale: Locale) {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { [locale]: { deals: dealsI18n[locale] } },
    lng: locale,
    ns: ['deals'],
    defaultNS: 'deals',
    interpolation: { escapeValue: false },
  });
  return withDataKeys(instance.getFixedT(locale, 'deals'));
}
