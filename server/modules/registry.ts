import type { EncryptedTable, KeyBoundHashes } from '../platform/crypto/rotate.js';
import type { AppContext, AppInstance } from '../platform/http/types.js';
import { liveRoutes } from '../platform/live/index.js';
import { auditRoutes } from './audit/index.js';
import { callsEncryptedData, callsRoutes, ctiRoutes } from './calls/index.js';
import { conformanceRoutes } from './conformance/index.js';
import { customersRoutes } from './customers/index.js';
import { dashboardRoutes } from './dashboard/index.js';
import { dealsEncryptedData, dealsRoutes } from './deals/index.js';
import { inventoryRoutes } from './inventory/index.js';
import { calendarRoutes, notifyEncryptedData, notifyRoutes } from './notify/index.js';
import { openingRoutes } from './opening/index.js';
import { orgRoutes, projectIdsOfCompany } from './org/index.js';
import { receptionRoutes } from './reception/index.js';
import { reportsRoutes } from './reports/index.js';
import { residentsRoutes } from './residents/index.js';
import { settingsRoutes } from './settings/index.js';
import {
  authRoutes,
  staffEncryptedData,
  staffIdsOfCompany,
  staffKeyBoundHashes,
  staffRoutes,
} from './staff/index.js';
import { workordersRoutes } from './workorders/index.js';

type RoutePlugin = (app: AppInstance, context: AppContext) => Promise<void>;

/** Every module's HTTP routes; a new module adds one line here. */
export const routePlugins: RoutePlugin[] = [
  authRoutes,
  orgRoutes,
  staffRoutes,
  settingsRoutes,
  auditRoutes({ projectIds: projectIdsOfCompany, staffIds: staffIdsOfCompany }),
  liveRoutes,
  notifyRoutes,
  calendarRoutes,
  inventoryRoutes,
  openingRoutes,
  customersRoutes,
  receptionRoutes,
  callsRoutes,
  ctiRoutes,
  dealsRoutes,
  dashboardRoutes,
  reportsRoutes,
  conformanceRoutes,
  workordersRoutes,
  residentsRoutes,
];

/**
 * Every value sealed under the master key (platform/crypto), for `npm run key:rotate`; a module
 * that encrypts a new column adds it here, or the rotation leaves it unreadable.
 */
export const encryptedData: EncryptedTable[] = [
  ...dealsEncryptedData,
  ...notifyEncryptedData,
  ...callsEncryptedData,
  ...staffEncryptedData,
];

/** Keyed hashes whose inputs are kept nowhere: what each owner does with them on rotation. */
export const keyBoundHashes: KeyBoundHashes[] = [...staffKeyBoundHashes];
