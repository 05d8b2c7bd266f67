import type { Page } from 'playwright-core';
import type { apiSession } from './harness.js';

/** Steps several browser tests take on the demo data, written once. */

type ApiSession = Awaited<ReturnType<typeof apiSession>>;

/** A new sales project (as the admin) that the demo manager also manages. */
export async function newProjectManagedByManager(admin: ApiSession, name: string): Promise<{ id: string }> {
  const newProject = await admin<{ id: string }>('POST', '/org/projects', {
    name,
    kind: 'sales',
    city: '深圳',
  });
  const staff = await admin<{ items: Array<{ id: string; username: string; roles: unknown[] }> }>(
    'GET',
    '/staff?q=manager',
  );
  const manager = staff.items.find((person) => person.username === 'manager')!;
  await admin('PUT', `/staff/${manager.id}`, {
    roles: [...manager.roles, { role: 'manager', projectId: newProject.id }],
  });
  return newProject;
}

/**
 * The consultant holds a unit of the sales-control board for a customer (found by typing the start
 * of their name), waiting until the board shows it held.
 */
export async function holdUnitForCustomer(
  consultant: Page,
  unitTestId: string,
  customer: { typed: string; name: string },
): Promise<void> {
  await consultant.goto('/inventory/board');
  await consultant.getByTestId(unitTestId).click();
  await consultant.getByTestId('hold-customer').click();
  await consultant.keyboard.type(customer.typed);
  await consultant.getByText(customer.name, { exact: true }).last().click();
  await consultant.getByTestId('unit-hold').click();
  await consultant.locator(`[data-testid="${unitTestId}"][data-status=held]`).waitFor();
}

/**
 * Through the API: a new customer of the consultant, a priced unit of the sales project's board held
 * for them for an hour, and a lump-sum plan on it — where a deposit or an agreement starts (SA-9).
 */
export async function planOnHeldUnit(
  consultant: ApiSession,
  projectId: string,
  customerName: string,
): Promise<{ customerId: string; unitId: string; planId: string }> {
  const { customer } = await consultant<{ customer: { id: string } }>('POST', '/customers', {
    projectId,
    name: customerName,
    phones: [`139${String(Date.now()).slice(-8)}`],
    hasContactConsent: true,
  });
  const board = await consultant<{
    buildings: Array<{ units: Array<{ i: string; s: string; up: number | null }> }>;
  }>('GET', `/inventory/projects/${projectId}/board`);
  const unit = board.buildings
    .flatMap((building) => building.units)
    .find((cell) => cell.s === 'for_sale' && cell.up !== null);
  if (!unit) throw new Error('no priced unit for sale on the demo board');
  await consultant('POST', `/inventory/units/${unit.i}/hold`, { customerId: customer.id, minutes: 60 });
  const plan = await consultant<{ id: string }>('POST', '/deals/plans', {
    customerId: customer.id,
    unitId: unit.i,
    discounts: [],
    paymentMethod: 'lump_sum',
    homeOrder: 'first',
  });
  return { customerId: customer.id, unitId: unit.i, planId: plan.id };
}
