import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import type { AppInstance } from '../../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.js';
import { buildServiceDepartment } from '../../calls/testing/index.js';
import { createDepartment } from '../../org/index.js';

// The work-order tests' world: the service department (head 何平, agent 孙丽), an engineering
// team (工程部) with two engineers, and an engineer of no team; the agent, head and engineers signed in.

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

type Person = Actor & { username: string };

export interface WorkOrdersWorld {
  clock: ReturnType<typeof createClock>;
  database: TestDatabase;
  app: AppInstance;
  org: TestOrg;
  teamId: string;
  head: Person;
  agent: Person;
  engineer: Person;
  teammate: Person;
  loner: Person;
  as: Record<'agent' | 'head' | 'engineer' | 'teammate' | 'loner', TestSession>;
}

export function setUpWorkOrdersWorld(): WorkOrdersWorld {
  const world = { clock: createClock('2026-12-07T02:00:00.000Z') } as WorkOrdersWorld;
  beforeAll(async () => {
    world.database = await createTestDatabase();
    const db = world.database.db;
    world.org = await buildOrg(db, world.clock.now());
    const { head, agent } = await buildServiceDepartment(db, world.org, world.clock.now());
    const team = await createDepartment(db, {
      actor: world.org.system,
      name: '工程部',
      headStaffId: null,
      now: world.clock.now(),
    });
    world.teamId = team.id;
    const engineer = (displayName: string, departmentId: string | null) =>
      buildStaff(db, world.org, {
        displayName,
        departmentId,
        roles: [{ role: 'engineer', projectId: world.org.estateProjectId }],
      });
    Object.assign(world, {
      head,
      agent,
      engineer: await engineer('王师傅', team.id),
      teammate: await engineer('李师傅', team.id),
      loner: await engineer('赵师傅', null),
    });
    world.app = await buildTestApp(world.database, world.clock);
    world.as = {
      agent: await signIn(world.app, agent.username),
      head: await signIn(world.app, head.username),
      engineer: await signIn(world.app, world.engineer.username),
      teammate: await signIn(world.app, world.teammate.username),
      loner: await signIn(world.app, world.loner.username),
    };
  });
  afterAll(async () => {
    await world.app?.close();
    await world.database?.drop();
  });
  return world;
}
