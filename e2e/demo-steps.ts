import type { Page } from 'playwright-core';
import { apiSession, demoPassword } from './harness.js';

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
  return { customerId: customer.id, ...(await holdAndPlan(consultant, projectId, customer.id)) };
}

/** A priced unit for sale on the sales project's board held for the customer an hour, and a lump-sum plan on it. */
async function holdAndPlan(consultant: ApiSession, projectId: string, customerId: string) {
  const board = await consultant<{
    buildings: Array<{ units: Array<{ i: string; s: string; up: number | null }> }>;
  }>('GET', `/inventory/projects/${projectId}/board`);
  const unit = board.buildings
    .flatMap((building) => building.units)
    .find((cell) => cell.s === 'for_sale' && cell.up !== null);
  if (!unit) throw new Error('no priced unit for sale on the demo board');
  await consultant('POST', `/inventory/units/${unit.i}/hold`, { customerId, minutes: 60 });
  const plan = await consultant<{ id: string }>('POST', '/deals/plans', {
    customerId,
    unitId: unit.i,
    discounts: [],
    paymentMethod: 'lump_sum',
    homeOrder: 'first',
  });
  return { unitId: unit.i, planId: plan.id };
}

const testPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Signs in and uploads a file as multipart (apiSession speaks JSON only). */
export async function uploadIdCopy(baseUrl: string, username: string, projectId: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const form = new FormData();
  form.append('file', new Blob([testPng], { type: 'image/png' }), '身份证.png');
  const response = await fetch(`${baseUrl}/api/deals/files?projectId=${projectId}&kind=id_copy`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
    body: form,
  });
  if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/**
 * SA-12 through the API: the consultant asks for a 定金 on the plan, the controller re-verifies the
 * unit and finance collects it with the controller as the second person.
 */
export async function collectDeposit(
  sessions: { consultant: ApiSession; controller: ApiSession; finance: ApiSession },
  deal: { unitId: string; customerId: string; planId: string },
  idempotencyKey: string,
): Promise<{ receipt: { id: string } }> {
  const { consultant, controller, finance } = sessions;
  const deposit = await consultant<{ id: string }>('POST', '/deals/deposits', {
    ...deal,
    amountFen: 5_000_000,
    note: '',
  });
  await controller('POST', `/deals/deposits/${deposit.id}/confirm`);
  return finance<{ receipt: { id: string } }>('POST', `/deals/deposits/${deposit.id}/collect`, {
    method: 'transfer',
    witness: { username: 'controller', password: demoPassword },
    idempotencyKey,
  });
}

/**
 * hold → plan → 定金 (controller confirms, finance collects with the controller as witness) →
 * agreement with the buyer's ID copy → submitted → the manager approves: an open transaction file.
 */
export async function openDeal(
  baseUrl: string,
  sessions: { consultant: ApiSession; controller: ApiSession; finance: ApiSession; manager: ApiSession },
  projectId: string,
  customerId: string,
  buyerName: string,
) {
  const { consultant, manager } = sessions;
  const { unitId, planId } = await holdAndPlan(consultant, projectId, customerId);
  const collected = await collectDeposit(
    sessions,
    { unitId, customerId, planId },
    `privacy-e2e-${customerId}`,
  );
  const idCopyFileId = await uploadIdCopy(baseUrl, 'zhangwei', projectId);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inDays = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const agreement = await consultant<{ id: string }>('POST', '/deals/agreements', {
    planId,
    formNumber: 'RG000190',
    input: {
      buyers: [
        {
          name: buyerName,
          idType: 'resident_id',
          idNumber: '11010519491231002X',
          idCopyFileId,
          hasIdCopyConsent: true,
        },
      ],
      signerKind: 'buyer',
      signerBuyerIndex: 0,
      agent: null,
      signedOn: today,
      downPaymentDueOn: inDays(30),
      contractDueOn: inDays(45),
    },
  });
  await consultant('POST', `/deals/agreements/${agreement.id}/submit`);
  const approved = await manager<{ transactionFileId: string }>(
    'POST',
    `/deals/agreements/${agreement.id}/review`,
    {
      decision: 'approve',
      comment: '',
    },
  );
  return { receiptId: collected.receipt.id, fileId: approved.transactionFileId };
}

/** The four people a deal passes through, signed in to the API, and the demo sales project. */
export async function dealSessions(baseUrl: string) {
  const consultant = await apiSession(baseUrl, 'zhangwei');
  const sessions = {
    consultant,
    controller: await apiSession(baseUrl, 'controller'),
    finance: await apiSession(baseUrl, 'finance'),
    manager: await apiSession(baseUrl, 'manager'),
  };
  const projects = await consultant<{ items: Array<{ id: string; kind: string }> }>('GET', '/org/projects');
  return { sessions, projectId: projects.items.find((project) => project.kind === 'sales')!.id };
}
