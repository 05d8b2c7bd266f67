import 'i18next';
import type { zhCN as app } from './app/app.i18n';
import type { zhCN as audit } from './modules/audit/audit.i18n';
import type { zhCN as calls } from './modules/calls/calls.i18n';
import type { zhCN as conformance } from './modules/conformance/conformance.i18n';
import type { zhCN as customers } from './modules/customers/customers.i18n';
import type { zhCN as dashboard } from './modules/dashboard/dashboard.i18n';
import type { zhCN as deals } from './modules/deals/deals.i18n';
import type { zhCN as home } from './modules/home/home.i18n';
import type { zhCN as inventory } from './modules/inventory/inventory.i18n';
import type { zhCN as notify } from './modules/notify/notify.i18n';
import type { zhCN as opening } from './modules/opening/opening.i18n';
import type { zhCN as org } from './modules/org/org.i18n';
import type { zhCN as reception } from './modules/reception/reception.i18n';
import type { zhCN as reports } from './modules/reports/reports.i18n';
import type { zhCN as residents } from './modules/residents/residents.i18n';
import type { zhCN as settings } from './modules/settings/settings.i18n';
import type { zhCN as staff } from './modules/staff/staff.i18n';
import type { zhCN as workorders } from './modules/workorders/workorders.i18n';

/**
 * Typed translation keys: every `t('…')` is checked against the 简体中文 texts (the other languages
 * must have the same keys, see MessagesOf), so a missing or misspelled key fails the typecheck.
 * Composed here, beside web/modules.ts, because web/app knows no module.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    fallbackNS: 'app';
    resources: {
      app: typeof app;
      audit: typeof audit;
      calls: typeof calls;
      conformance: typeof conformance;
      customers: typeof customers;
      dashboard: typeof dashboard;
      deals: typeof deals;
      home: typeof home;
      inventory: typeof inventory;
      notify: typeof notify;
      opening: typeof opening;
      org: typeof org;
      reception: typeof reception;
      reports: typeof reports;
      residents: typeof residents;
      settings: typeof settings;
      staff: typeof staff;
      workorders: typeof workorders;
    };
  }
}
