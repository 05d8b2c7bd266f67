import type { AuditTables } from '../../modules/audit/audit.tables.js';
import type { OrgTables } from '../../modules/org/org.tables.js';
import type { SettingsTables } from '../../modules/settings/settings.tables.js';
import type { StaffTables } from '../../modules/staff/staff.tables.js';

/** The whole database as Kysely sees it: each module declares its own tables in <m>.tables.ts. */
export interface DB extends OrgTables, SettingsTables, StaffTables, AuditTables {}
