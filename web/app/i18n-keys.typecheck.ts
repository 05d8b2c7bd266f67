/**
 * Type-level proof that translation keys are checked (web/i18n-types.d.ts): `npm run typecheck`
 * fails if any line below compiles without its error. Never imported, never run.
 */
import i18next from 'i18next';
import type { TranslationKey } from './module-types';

export function misspelledKeysDoNotCompile() {
  // @ts-expect-error a misspelled key of another namespace
  i18next.t('deals:menu.dealz');
  // @ts-expect-error a key the app's texts do not have
  i18next.t('errors.nonexistent');
  // @ts-expect-error a menu item naming a missing text
  const label: TranslationKey = 'calls:menu.nonexistent';
  return [i18next.t('deals:menu.deals'), label];
}
