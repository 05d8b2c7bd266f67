import type { WebModule } from './app/module-types';
import { auditModule } from './modules/audit';
import { callsModule } from './modules/calls';
import { conformanceModule } from './modules/conformance';
import { customersModule } from './modules/customers';
import { dashboardModule } from './modules/dashboard';
import { dealsModule } from './modules/deals';
import { homeModule } from './modules/home';
import { inventoryModule } from './modules/inventory';
import { notifyModule } from './modules/notify';
import { openingModule } from './modules/opening';
import { orgModule } from './modules/org';
import { receptionModule } from './modules/reception';
import { reportsModule } from './modules/reports';
import { residentsModule } from './modules/residents';
import { settingsModule } from './modules/settings';
import { staffModule } from './modules/staff';
import { workordersModule } from './modules/workorders';

/**
 * Every feature module of the web app, composed here (outside web/app, which knows no module);
 * menu order follows this list. Add one line per module. main.tsx registers them at start-up.
 */
export const webModules: WebModule[] = [
  homeModule,
  dashboardModule,
  callsModule,
  workordersModule,
  residentsModule,
  receptionModule,
  customersModule,
  inventoryModule,
  dealsModule,
  reportsModule,
  conformanceModule,
  openingModule,
  orgModule,
  staffModule,
  settingsModule,
  notifyModule,
  auditModule,
];
