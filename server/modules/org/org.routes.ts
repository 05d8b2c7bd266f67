import { z } from 'zod';
import { anyStaff, rolesAllowed } from '../../platform/http/access.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './org.schemas.js';
import * as org from './org.service.js';

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const adminOnly = rolesAllowed('admin');

export async function orgRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/org/company',
    {
      config: { access: anyStaff, scope: 'company' },
      schema: { tags: ['org'], response: { 200: schemas.companySchema } },
    },
    async (request) => org.getOwnCompany(db, requireActor(request)),
  );

  app.put(
    '/api/org/company',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['org'], body: schemas.companyUpdateBody, response: { 200: schemas.companySchema } },
    },
    async (request) => org.updateCompany(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  app.get(
    '/api/org/projects',
    {
      config: { access: anyStaff, scope: 'company' },
      schema: { tags: ['org'], response: { 200: items(schemas.projectSchema) } },
    },
    async (request) => {
      const projects = await org.findProjects(db, requireActor(request));
      return { items: projects.map((project) => ({ ...project, isArchived: project.isArchived === 1 })) };
    },
  );

  app.post(
    '/api/org/projects',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['org'], body: schemas.projectCreateBody, response: { 201: schemas.projectSchema } },
    },
    async (request, reply) => {
      const project = await org.createProject(db, {
        actor: requireActor(request),
        input: request.body,
        now: now(),
      });
      return reply.status(201).send({ ...project, isArchived: false, buildingCount: 0, deskCount: 0 });
    },
  );

  app.put(
    '/api/org/projects/:id',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags: ['org'],
        params: idParam,
        body: schemas.projectUpdateBody,
        response: { 200: schemas.projectSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await org.updateProject(db, { actor, projectId: request.params.id, changes: request.body, now: now() });
      const project = (await org.findProjects(db, actor)).find((row) => row.id === request.params.id)!;
      return { ...project, isArchived: project.isArchived === 1 };
    },
  );

  app.get(
    '/api/org/projects/:projectId/buildings',
    {
      config: { access: anyStaff, scope: 'project' },
      schema: {
        tags: ['org'],
        params: schemas.projectIdParams,
        response: { 200: items(schemas.buildingSchema) },
      },
    },
    async (request) => ({
      items: await org.findBuildingsWithDoors(db, requireActor(request), request.params.projectId),
    }),
  );

  app.post(
    '/api/org/projects/:projectId/buildings',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags: ['org'],
        params: schemas.projectIdParams,
        body: schemas.buildingBody,
        response: { 201: schemas.buildingSchema },
      },
    },
    async (request, reply) => {
      const building = await org.createBuilding(db, {
        actor: requireActor(request),
        projectId: request.params.projectId,
        input: request.body,
        now: now(),
      });
      return reply.status(201).send({ ...building, doors: [] });
    },
  );

  app.put(
    '/api/org/buildings/:id',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags: ['org'],
        params: idParam,
        body: schemas.buildingBody,
        response: { 200: schemas.buildingSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const building = await org.updateBuilding(db, {
        actor,
        buildingId: request.params.id,
        input: request.body,
        now: now(),
      });
      const buildings = await org.findBuildingsWithDoors(db, actor, building.projectId);
      return buildings.find((row) => row.id === building.id)!;
    },
  );

  app.post(
    '/api/org/buildings/:buildingId/doors',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags: ['org'],
        params: schemas.buildingIdParams,
        body: schemas.doorBody,
        response: { 201: schemas.doorSchema },
      },
    },
    async (request, reply) => {
      const door = await org.createDoor(db, {
        actor: requireActor(request),
        buildingId: request.params.buildingId,
        name: request.body.name,
        now: now(),
      });
      return reply.status(201).send({ id: door.id, name: door.name });
    },
  );

  app.put(
    '/api/org/doors/:id',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags: ['org'],
        params: idParam,
        body: schemas.doorBody,
        response: { 200: schemas.doorSchema },
      },
    },
    async (request) => {
      const door = await org.updateDoor(db, {
        actor: requireActor(request),
        doorId: request.params.id,
        name: request.body.name,
        now: now(),
      });
      return { id: door.id, name: door.name };
    },
  );

  app.get(
    '/api/org/departments',
    {
      config: { access: anyStaff, scope: 'company' },
      schema: { tags: ['org'], response: { 200: items(schemas.departmentSchema) } },
    },
    async (request) => ({ items: await org.findDepartments(db, requireActor(request)) }),
  );

  app.post(
    '/api/org/departments',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['org'], body: schemas.departmentBody, response: { 201: schemas.departmentSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const department = await org.createDepartment(db, { actor, ...request.body, now: now() });
      const listed = (await org.findDepartments(db, actor)).find((row) => row.id === department.id)!;
      return reply.status(201).send(listed);
    },
  );

  app.put(
    '/api/org/departments/:id',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['org'],
        params: idParam,
        body: schemas.departmentBody,
        response: { 200: schemas.departmentSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await org.updateDepartment(db, { actor, departmentId: request.params.id, ...request.body, now: now() });
      return (await org.findDepartments(db, actor)).find((row) => row.id === request.params.id)!;
    },
  );

  app.get(
    '/api/org/desks',
    {
      config: { access: anyStaff, scope: 'project' },
      schema: {
        tags: ['org'],
        querystring: schemas.deskListQuery,
        response: { 200: items(schemas.deskSchema) },
      },
    },
    async (request) => ({
      items: await org.findDesks(db, requireActor(request), { projectId: request.query.projectId }),
    }),
  );

  app.post(
    '/api/org/desks',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: { tags: ['org'], body: schemas.deskCreateBody, response: { 201: schemas.deskSchema } },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      const desk = await org.createDesk(db, { actor: requireActor(request), projectId, input, now: now() });
      return reply.status(201).send(desk);
    },
  );

  app.put(
    '/api/org/desks/:id',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags: ['org'],
        params: idParam,
        body: schemas.deskUpdateBody,
        response: { 200: schemas.deskSchema },
      },
    },
    async (request) =>
      org.updateDesk(db, {
        actor: requireActor(request),
        deskId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );
}
