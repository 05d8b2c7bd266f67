import { describe, expect, it } from 'vitest';
import { reportIncident, startManualCall } from '../calls/testing/index.js';
import { setUpWorkOrdersWorld } from './testing/workorders-world.js';

const world = setUpWorkOrdersWorld();

describe('emergencies open work orders', () => {
  it('SEC-5 an emergency report opens an urgent work order linked to the report and its call', async () => {
    const call = await startManualCall(world.database.db, {
      actor: world.agent,
      deskId: world.org.serviceDeskId,
      callerNumber: '13600136000',
      now: world.clock.now(),
    });
    const incident = await reportIncident(world.database.db, {
      actor: world.agent,
      input: {
        deskId: world.org.serviceDeskId,
        callId: call.id,
        isEmergency: true,
        callerName: '刘先生',
        callerIdentity: 'owner',
        buildingId: null,
        doorId: null,
        unitLabel: '5栋1单元302',
        phone: '13600136000',
        account: '家中燃气泄漏',
      },
      now: world.clock.now(),
    });
    const row = await world.database.db
      .selectFrom('workOrders')
      .selectAll()
      .where('incidentId', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      urgency: 'urgent',
      source: 'emergency',
      callId: call.id,
      projectId: world.org.estateProjectId,
      unitText: '5栋1单元302',
      description: '家中燃气泄漏',
      callerName: '刘先生',
      status: 'new',
    });
    const detail = (await world.as.agent.request('GET', `/api/work-orders/${row.id}`)).json();
    expect(detail).toMatchObject({ hasIncident: true, hasCall: true, dueClock: 'respond' });
  });

  it('SEC-5 an ordinary (non-emergency) incident opens no work order', async () => {
    const incident = await reportIncident(world.database.db, {
      actor: world.agent,
      input: {
        deskId: world.org.serviceDeskId,
        isEmergency: false,
        callerName: '',
        callerIdentity: 'owner',
        buildingId: null,
        doorId: null,
        unitLabel: '',
        phone: '',
        account: '路灯不亮',
      },
      now: world.clock.now(),
    });
    const rows = await world.database.db
      .selectFrom('workOrders')
      .select('id')
      .where('incidentId', '=', incident.id)
      .execute();
    expect(rows).toEqual([]);
  });
});
