import { Decimal } from 'decimal.js';
import type { FastifyRequest } from 'fastify';
import { rolesAllowed } from '../../../platform/http/access.js';
import { type AppContext, requireActor } from '../../../platform/http/types.js';
import * as inventory from '../inventory.service.js';

export const salesRoles = rolesAllowed('consultant', 'controller', 'manager', 'finance');
export const boardRoles = rolesAllowed('consultant', 'controller', 'manager');
export const controlRoles = rolesAllowed('controller', 'manager');
export const managerOnly = rolesAllowed('manager');

export const yuanToFen = (text: string) => new Decimal(text).times(100).toNumber();

/** Another project's routes answer 404 before the body is even read (no probing by validation errors). */
export function projectGuardOf({ database: { db } }: AppContext) {
  return async (request: FastifyRequest) => {
    const { projectId } = request.params as { projectId?: string };
    if (typeof projectId === 'string')
      await inventory.getProjectOfMember(db, requireActor(request), projectId);
  };
}
