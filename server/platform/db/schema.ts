import type { AuditTables } from '../../modules/audit/audit.tables.js';
import type { CallsTables } from '../../modules/calls/calls.tables.js';
import type { CustomersTables } from '../../modules/customers/customers.tables.js';
import type { DealsTables } from '../../modules/deals/deals.tables.js';
import type { InventoryTables } from '../../modules/inventory/inventory.tables.js';
import type { NotifyTables } from '../../modules/notify/notify.tables.js';
import type { OpeningTables } from '../../modules/opening/opening.tables.js';
import type { OrgTables } from '../../modules/org/org.tables.js';
import type { ReceptionTables } from '../../modules/reception/reception.tables.js';
import type { SettingsTables } from '../../modules/settings/settings.tables.js';
import type { StaffTables } from '../../modules/staff/staff.tables.js';
import type { JobTables } from '../jobs/jobs.tables.js';
import type { LiveTables } from '../live/live.tables.js';

/** The whole database as Kysely sees it: each module declares its own tables in <m>.tables.ts. */
export interface DB
  extends OrgTables,
    SettingsTables,
    StaffTables,
    AuditTables,
    LiveTables,
    JobTables,
    NotifyTables,
    CustomersTables,
    ReceptionTables,
    CallsTables,
    InventoryTables,
    OpeningTables,
    DealsTables {}
