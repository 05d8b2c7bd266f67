import type { FlatNamespace, ParseKeys } from 'i18next';
import type { ComponentType } from 'react';
import type { Locale } from '../../contracts/locales';
import type { Role } from '../../contracts/roles';

/** Any key of any namespace, prefixed with its namespace (`deals:menu.deals`). */
export type TranslationKey = ParseKeys<FlatNamespace[]>;

/** A translation tree: nested objects whose leaves are strings. */
export interface Messages {
  [key: string]: string | Messages;
}

/** Same keys as T, any strings: lets the compiler prove every language is complete. */
export type MessagesOf<T> = { [K in keyof T]: T[K] extends string ? string : MessagesOf<T[K]> };

/** One i18next namespace (named after the module key) in every supported language. */
export type ModuleResources = Record<Locale, Messages>;

/**
 * Where a route renders:
 * - `app` (default): signed in, inside the side-menu layout;
 * - `bare`: signed in, full screen (e.g. the forced password change);
 * - `public`: no sign-in needed (login).
 */
export type RouteLayout = 'app' | 'bare' | 'public';

export interface WebRoute {
  path: string;
  /** A `React.lazy` page, so every page becomes its own chunk. */
  element: ComponentType;
  /** Who may open it; omitted means every signed-in user. Admin may open everything. */
  roles?: readonly Role[];
  layout?: RouteLayout;
}

export interface WebMenuItem {
  key: string;
  /** Namespaced i18n key, e.g. `staff:menu.staff` (checked against the texts). */
  labelKey: TranslationKey;
  /** Shown on the home page quick links. */
  descriptionKey?: TranslationKey;
  icon: ComponentType;
  path: string;
  roles?: readonly Role[];
  /** Items of one group share a sub-menu; see `menuGroups` in app.i18n.ts for the labels. */
  group?: string;
}

export interface WebModule {
  key: string;
  i18n: ModuleResources;
  routes: WebRoute[];
  menu: WebMenuItem[];
}
