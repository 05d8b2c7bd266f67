import type { AuditTables } from './modules/audit/index.js';
import type { CallsTables } from './modules/calls/index.js';
import type { ConformanceTables } from './modules/conformance/index.js';
import type { CustomersTables } from './modules/customers/index.js';
import type { DashboardTables } from './modules/dashboard/index.js';
import type { DealsTables } from './modules/deals/index.js';
import type { InventoryTables } from './modules/inventory/index.js';
import type { NotifyTables } from './modules/notify/index.js';
import type { OpeningTables } from './modules/opening/index.js';
import type { OrgTables } from './modules/org/index.js';
import type { ReceptionTables } from './modules/reception/index.js';
import type { ReportsTables } from './modules/reports/index.js';
import type { ResidentsTables } from './modules/residents/index.js';
import type { SettingsTables } from './modules/settings/index.js';
import type { StaffTables } from './modules/staff/index.js';
import type { WorkordersTables } from './modules/workorders/index.js';

/**
 * The whole database as Kysely sees it, assembled here where the app is composed: the platform
 * declares an empty `DB` (its own tables: jobs, live) and knows no module; each module declares
 * its tables in <m>.tables.ts, and this declaration merges them in.
 */
declare module './platform/db/database.js' {
  interface DB
    extends OrgTables,
      SettingsTables,
      StaffTables,
      AuditTables,
      NotifyTables,
      CustomersTables,
      ReceptionTables,
      CallsTables,
      InventoryTables,
      OpeningTables,
      DealsTables,
      DashboardTables,
      ConformanceTables,
      ReportsTables,
      WorkordersTables,
      ResidentsTables {}
}
