import { afterAll, beforeAll } from 'vitest';
import type { AppInstance } from '../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from './factories.js';
import { buildTestApp, signIn, type TestSession } from './test-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A fresh database, one organisation, the app over it and a signed-in company administrator. */
export interface AdminWorld {
  database: TestDatabase;
  app: AppInstance;
  org: TestOrg;
  admin: TestSession;
}

/** Registers beforeAll/afterAll in the calling describe; the fields are filled once beforeAll has run. */
export function useAdminWorld(): AdminWorld {
  const world = {} as AdminWorld;
  beforeAll(async () => {
    world.database = await createTestDatabase();
    world.org = await buildOrg(world.database.db);
    world.app = await buildTestApp(world.database);
    const staff = await buildStaff(world.database.db, world.org, { roles: ['admin'] });
    world.admin = await signIn(world.app, staff.username);
  });
  afterAll(async () => {
    await world.app.close();
    await world.database.drop();
  });
  return world;
}
