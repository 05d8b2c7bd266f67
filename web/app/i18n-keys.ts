import i18next from 'i18next';
import type { TranslationKey } from './module-types';

/**
 * Translates a key held in data (a menu item's label). Its type was checked where it was written
 * (`TranslationKey`); the call itself cannot be, since it takes any namespace's keys.
 */
export function translateKey(key: TranslationKey): string {
  return i18next.t(key as never);
}

/** A translate function for label builders whose keys are made from values the server sends. */
export type DataKeyTranslate = (key: string, options?: Record<string, unknown>) => string;

/**
 * For label builders that make keys from data (a status, an audit action, a document name): the
 * compiler cannot check such keys, so the builders' own tests do (e.g. deal-labels.test.ts).
 */
export function withDataKeys(t: (...args: never[]) => unknown): DataKeyTranslate {
  return (key, options) => (t as unknown as DataKeyTranslate)(key, options);
}
