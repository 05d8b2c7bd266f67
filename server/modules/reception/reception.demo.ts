import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import {
  completeFollowUp,
  findSourceChannels,
  markMovedIn,
  planFollowUp,
  registerCustomer,
} from '../customers/index.js';
import { getStaffById, setOwnPresence } from '../staff/index.js';
import { visitSteps } from './reception.rules.js';
import {
  answerCall,
  completeVisitStep,
  receiveVisitor,
  recordSalesGreetingShown,
  saveCallRegister,
  setAnsweringOrder,
} from './reception.service.js';

const consultants = ['zhangwei', 'liuyang', 'chenjing', 'zhaolei'];
const callers = [
  ['林志强', '三房', '有没有南向三房?首付多少?'],
  ['黄丽娟', '两房', '学位情况怎么样?'],
  ['郭俊杰', '四房', '什么时候开盘?'],
  ['何雅婷', '三房', '周末样板房开放吗?'],
  ['马晓东', '两房', '公积金贷款可以吗?'],
  ['罗佳怡', '三房', '车位怎么卖?'],
  ['梁文博', '四房', '有没有优惠?'],
  ['宋欣然', '两房', '交楼标准是什么?'],
  ['唐志明', '三房', '离地铁站多远?'],
  ['许静怡', '三房', '物业费多少?'],
  ['韩子轩', '两房', '一次性付款有折扣吗?'],
  ['冯雨桐', '四房', '楼间距多少?'],
] as const;
const visitors = [
  ['邓先生', false],
  ['曹女士', true],
  ['彭先生', false],
  ['曾女士', true],
  ['肖先生', false],
  ['田女士', false],
  ['董先生', true],
  ['袁女士', false],
] as const;

async function actorFor(db: Db, system: Actor, staffId: string, projectId: string): Promise<Actor> {
  const staff = await getStaffById(db, system, staffId);
  return {
    staffId,
    companyId: system.companyId,
    displayName: staff.displayName,
    locale: 'zh-CN',
    grants: staff.roles.map((grant) => ({
      role: grant.role as Role,
      projectId: grant.projectId ?? projectId,
    })),
  };
}

/**
 * The sales office's last week: calls and walk-ins taken in turn by the four demo consultants,
 * their customers, follow-ups (some due today, some overdue), a key visitor and a moved-in owner.
 * Goes through the same use cases as the screens.
 */
export async function seedReceptionDemo(
  db: Db,
  options: { actor: Actor; salesProjectId: string; staffIds: Map<string, string>; now: Date },
) {
  const { actor: system, salesProjectId: projectId, staffIds, now } = options;
  const ids = consultants.map((username) => staffIds.get(username)).filter((id): id is string => Boolean(id));
  if (ids.length === 0) return;
  const actors = await Promise.all(ids.map((id) => actorFor(db, system, id, projectId)));
  const managerId = staffIds.get('manager');
  const manager = managerId ? await actorFor(db, system, managerId, projectId) : system;
  const sources = await findSourceChannels(db, { actor: system, projectId, now });
  const hour = 3_600_000;
  const day = 24 * hour;
  // Days back from today, each at Beijing 10:00 onwards (02:00 UTC), never in the future.
  const startOfToday = new Date(Math.floor((now.getTime() + 8 * hour) / day) * day - 8 * hour);
  const at = (daysAgo: number, minutes: number) =>
    new Date(
      Math.min(now.getTime() - 60_000, startOfToday.getTime() - daysAgo * day + 10 * hour + minutes * 60_000),
    );

  for (const person of actors) await setOwnPresence(db, { actor: person, presence: 'at_desk', now });
  let callIndex = 0;
  let visitIndex = 0;
  for (let daysAgo = 5; daysAgo >= 0; daysAgo--) {
    const dayStart = at(daysAgo, 0);
    if (dayStart.getTime() >= now.getTime() - 60_000) break;
    await setAnsweringOrder(db, { actor: manager, projectId, staffIds: ids, now: dayStart });
    for (let turn = 0; turn < actors.length; turn++) {
      const person = actors[turn];
      const when = at(daysAgo, turn * 35 + 5);
      if (when.getTime() >= now.getTime() - 60_000) break;
      if ((daysAgo + turn) % 3 !== 0 && callIndex < callers.length) {
        const [name, layout, question] = callers[callIndex];
        const phone = `139${String(20_000_000 + callIndex * 7_337).slice(-8)}`;
        callIndex += 1;
        const { call } = await answerCall(db, { actor: person, projectId, now: when });
        // The answering screen shows the greeting as the call opens (SA-1).
        await recordSalesGreetingShown(db, {
          actor: person,
          callId: call.id,
          now: new Date(when.getTime() + 2_000),
        });
        const saved = await saveCallRegister(db, {
          actor: person,
          callId: call.id,
          now: new Date(when.getTime() + 4 * 60_000),
          input: {
            callerName: name,
            callerPhone: phone,
            gender: 'unknown',
            sourceChannelId: sources[callIndex % sources.length]?.id ?? null,
            questions: question,
            intentLayout: layout,
            intentAreaMin: layout === '两房' ? 75 : layout === '三房' ? 95 : 130,
            intentAreaMax: layout === '两房' ? 90 : layout === '三房' ? 120 : 160,
            intentBudgetFen: (250 + callIndex * 20) * 1_000_000,
            intentPurpose: callIndex % 2 ? 'self_use' : 'upgrade',
            result: callIndex % 3 === 0 ? 'appointment' : 'left_contact',
            appointmentAt: callIndex % 3 === 0 ? new Date(when.getTime() + 2 * day).toISOString() : null,
            hasContactConsent: true,
            hasMarketingConsent: callIndex % 2 === 0,
          },
        });
        const customerId = saved.call.customerId;
        if (customerId) {
          const plannedAt = new Date(
            Math.max(when.getTime() + day, startOfToday.getTime() + (callIndex % 4) * 2 * hour + 2 * hour),
          );
          const followUp = await planFollowUp(db, {
            actor: person,
            customerId,
            plannedAt,
            theme: '邀约周末到访样板房',
            channel: 'phone',
            now: new Date(when.getTime() + 5 * 60_000),
          });
          if (daysAgo >= 3 && callIndex % 2 === 0 && plannedAt.getTime() < now.getTime())
            await completeFollowUp(db, {
              actor: person,
              followUpId: followUp.id,
              outcome: '客户答应周六上午来访',
              now: new Date(Math.min(now.getTime() - 60_000, plannedAt.getTime() + 10 * 60_000)),
            });
        }
      } else if (visitIndex < visitors.length) {
        const [name, refusesPhone] = visitors[visitIndex];
        visitIndex += 1;
        const { visit } = await receiveVisitor(db, {
          actor: person,
          projectId,
          now: when,
          input: {
            name,
            gender: name.endsWith('女士') ? 'female' : 'male',
            phones: refusesPhone ? [] : [`137${String(30_000_000 + visitIndex * 9_973).slice(-8)}`],
            isPhoneRefused: refusesPhone,
            partySize: 1 + (visitIndex % 3),
            visitorKind: visitIndex === 3 ? 'media' : 'buyer',
            sourceChannelId: sources[visitIndex % sources.length]?.id ?? null,
            intentLayout: visitIndex % 2 ? '三房' : '两房',
            intentAreaMin: null,
            intentAreaMax: null,
            intentBudgetFen: null,
            intentPurpose: 'self_use',
            notes: '',
            hasContactConsent: !refusesPhone,
            hasMarketingConsent: visitIndex % 2 === 0,
          },
        });
        let stepTime = when.getTime();
        for (const step of visitSteps) {
          stepTime += 6 * 60_000;
          if (stepTime >= now.getTime() - 60_000) break;
          await completeVisitStep(db, {
            actor: person,
            visitId: visit.id,
            step: step.step,
            note: '',
            isSkipped: step.step === 'plan' && visitIndex % 2 === 1,
            now: new Date(stepTime),
          });
        }
      }
    }
  }

  // Customers registered directly, one of them moved in (after-sales check-ins, SA-18).
  const owner = actors[0];
  const registered = [];
  for (const [index, name] of ['周建华', '吴晓燕', '郑国强', '王美玲', '李宏伟', '孙晓梅'].entries()) {
    const result = await registerCustomer(db, {
      actor: actors[index % actors.length],
      projectId,
      now: at(6, index * 10),
      input: {
        name,
        gender: index % 2 ? 'female' : 'male',
        phones: [`136${String(40_000_000 + index * 12_007).slice(-8)}`],
        isPhoneRefused: false,
        sourceChannelId: sources[index % sources.length]?.id ?? null,
        keyKind: null,
        intentLayout: '三房',
        intentAreaMin: 100,
        intentAreaMax: 120,
        intentBudgetFen: 380_000_000,
        intentPurpose: 'upgrade',
        notes: '老业主推荐',
        hasContactConsent: true,
        hasMarketingConsent: true,
        consentVia: 'written',
        locale: 'zh-CN',
      },
    });
    registered.push(result.customer);
  }
  if (registered[0])
    await markMovedIn(db, {
      actor: owner,
      customerId: registered[0].id,
      movedInAt: at(5, 0),
      now: at(5, 30),
    });
  // The demo starts with everyone off duty; each consultant sets "at desk" to join the day's rotation.
  for (const person of actors) await setOwnPresence(db, { actor: person, presence: 'off', now });
}
