import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findDepartmentOfStaff } from '../staff/index.js';
import { createWorkOrder } from './use-cases/create-work-order.js';
import { assignWorkOrder, recordCallback, stepWorkOrder } from './use-cases/steps.js';

/**
 * A few work orders in the demo estate, through the same use cases as the screens: one waiting for
 * dispatch, one left to the engineering team, one accepted, one finished and called back.
 */
export async function seedWorkOrdersDemo(
  db: Db,
  options: { actor: Actor; estateProjectId: string; staffIds: Map<string, string>; now: Date },
) {
  const { actor, estateProjectId, staffIds, now } = options;
  const agentId = staffIds.get('agent');
  const engineerId = staffIds.get('engineer');
  if (!agentId || !engineerId) return;
  const agent: Actor = {
    staffId: agentId,
    companyId: actor.companyId,
    displayName: '孙丽',
    locale: 'zh-CN',
    grants: [{ role: 'agent', projectId: estateProjectId }],
  };
  const engineer: Actor = {
    staffId: engineerId,
    companyId: actor.companyId,
    displayName: '单志强',
    locale: 'zh-CN',
    grants: [{ role: 'engineer', projectId: estateProjectId }],
  };
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const open = (minutesAgo: number, input: Parameters<typeof createWorkOrder>[1]['input']) =>
    createWorkOrder(db, {
      actor: agent,
      projectId: estateProjectId,
      source: 'call',
      input,
      now: ago(minutesAgo),
    });
  const place = { buildingText: '3栋', doorText: '2单元' };

  await open(40, {
    ...place,
    unitText: '1502',
    category: 'complaint',
    urgency: 'normal',
    description: '楼上夜间装修噪音，影响休息',
    callerName: '黄先生',
    callerPhone: '13912345601',
  });
  // A resident of the register (李秀英, 1栋1单元101, whose number the demo desk rings from): the
  // pop shows her open repair when she calls.
  const leaking = await open(90, {
    buildingText: '1栋',
    doorText: '1单元',
    unitText: '101',
    category: 'repair',
    urgency: 'normal',
    description: '卫生间天花板渗水',
    callerName: '李女士',
    callerPhone: '13912345678',
  });
  const teamId = await findDepartmentOfStaff(db, engineerId);
  if (teamId) await assignWorkOrder(db, { actor: agent, workOrderId: leaking.id, teamId, now: ago(85) });
  const light = await open(20, {
    buildingText: '5栋',
    doorText: '1单元',
    unitText: '',
    category: 'repair',
    urgency: 'urgent',
    description: '电梯厅照明全部不亮',
    callerName: '刘先生',
    callerPhone: '13912345603',
  });
  await assignWorkOrder(db, { actor: agent, workOrderId: light.id, assigneeId: engineerId, now: ago(18) });
  await stepWorkOrder(db, { actor: engineer, workOrderId: light.id, step: 'accept', note: '', now: ago(12) });
  const door = await open(26 * 60, {
    buildingText: '2栋',
    doorText: '',
    unitText: '',
    category: 'repair',
    urgency: 'normal',
    description: '单元门禁刷卡无反应',
    callerName: '周女士',
    callerPhone: '13912345604',
  });
  await assignWorkOrder(db, {
    actor: agent,
    workOrderId: door.id,
    assigneeId: engineerId,
    now: ago(25 * 60),
  });
  for (const [step, minutesAgo] of [
    ['accept', 24 * 60],
    ['arrive', 23 * 60],
    ['complete', 22 * 60],
  ] as const)
    await stepWorkOrder(db, {
      actor: engineer,
      workOrderId: door.id,
      step,
      note: step === 'complete' ? '更换读卡器模块' : '',
      now: ago(minutesAgo),
    });
  await recordCallback(db, {
    actor: agent,
    workOrderId: door.id,
    satisfaction: 5,
    comment: '维修及时',
    now: ago(20 * 60),
  });
}
