import { auditModule } from '../modules/audit';
import { callsModule } from '../modules/calls';
import { customersModule } from '../modules/customers';
import { dealsModule } from '../modules/deals';
import { homeModule } from '../modules/home';
import { inventoryModule } from '../modules/inventory';
import { notifyModule } from '../modules/notify';
import { openingModule } from '../modules/opening';
import { orgModule } from '../modules/org';
import { receptionModule } from '../modules/reception';
import { settingsModule } from '../modules/settings';
import { staffModule } from '../modules/staff';
import type { WebModule } from './module-types';

export type { WebMenuItem, WebModule, WebRoute } from './module-types';

/** Every feature module of the web app; menu order follows this list. Add one line per module. */
export const webModules: WebModule[] = [
  homeModule,
  callsModule,
  receptionModule,
  customersModule,
  inventoryModule,
  dealsModule,
  openingModule,
  orgModule,
  staffModule,
  settingsModule,
  notifyModule,
  auditModule,
];
