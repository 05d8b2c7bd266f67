import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findBuildingsWithDoors, findDesks } from '../org/index.js';
import { actOnCall, type CallActionInput, startManualCall, updateCallDetails } from './calls.service.js';
import { setStaffWorkplace } from './directory.service.js';
import { advanceIncident, reportIncident, setDeskEmergencyContacts } from './incidents.service.js';
import { closeLeaderCall, recordLeaderCall, reportLeaderCall } from './leader-calls.service.js';
import { advanceMessage, leaveMessage } from './messages.service.js';
import { openPersonLookup, searchForCaller } from './person-lookup.service.js';
import { findPurposes, seedDeskScripts } from './scripts.service.js';

/** A small deterministic generator, so every fresh demo install shows the same history. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const callerNumbers = [
  '13912345678',
  '0755-23456789',
  '13622223333',
  '18688889999',
  '13800000015',
  '0755-83214567',
  '15012341234',
  '12345',
];
const notes = [
  '咨询物业费缴纳方式',
  '3栋2单元电梯异响报修',
  '投诉楼下装修噪音',
  '找工程部单志强',
  '询问停车位月卡办理',
  '快递代收咨询',
];

/**
 * Demo data for the call desk: the document's phrases as each desk's scripts, CTI secrets for
 * the customer-service centre, where some staff sit, emergency contacts, and a week of calls,
 * messages, a leader call and incidents — all through the use cases the screens use.
 */
export async function seedCallDeskDemo(
  db: Db,
  options: { actor: Actor; estateProjectId: string; staffIds: Map<string, string>; now: Date },
) {
  const { actor, estateProjectId, staffIds, now } = options;
  const desks = (await findDesks(db, actor, { projectId: estateProjectId })).filter(
    (desk) => desk.kind === 'service_centre' || desk.kind === 'security_post',
  );
  for (const desk of desks) await seedDeskScripts(db, { actor, deskId: desk.id, now });
  const purposes = await findPurposes(db, actor, now);
  const purposeId = (key: string) => purposes.find((purpose) => purpose.key === key)?.id ?? null;

  const buildings = await findBuildingsWithDoors(db, actor, estateProjectId);
  const seats: Array<[string, number, number]> = [
    ['engineer', 0, 0],
    ['servicehead', 1, 0],
    ['securityhead', 2, 1],
    ['guard', 3, 0],
    ['guard2', 4, 1],
    ['agent', 1, 1],
  ];
  for (const [username, buildingIndex, doorIndex] of seats) {
    const staffId = staffIds.get(username);
    const building = buildings[buildingIndex];
    if (!staffId || !building) continue;
    await setStaffWorkplace(db, {
      actor,
      staffId,
      buildingId: building.id,
      doorId: building.doors[doorIndex]?.id ?? null,
      now,
    });
  }

  const serviceDesk = desks.find((desk) => desk.kind === 'service_centre');
  const posts = desks.filter((desk) => desk.kind === 'security_post');
  const securityHead = staffIds.get('securityhead');
  if (securityHead)
    for (const post of posts)
      await setDeskEmergencyContacts(db, { actor, deskId: post.id, staffIds: [securityHead], now });

  const demoNames: Record<string, string> = { agent: '孙丽', guard: '郑强', engineer: '单志强' };
  const person = (username: string, role: 'agent' | 'guard'): Actor => ({
    staffId: staffIds.get(username) ?? actor.staffId,
    companyId: actor.companyId,
    displayName: demoNames[username] ?? username,
    locale: 'zh-CN',
    grants: [{ role, projectId: estateProjectId }],
  });
  const agent = person('agent', 'agent');
  const guard = person('guard', 'guard');
  const random = seededRandom(20261127);
  const at = (daysAgo: number, hour: number, minute: number) => {
    const day = new Date(now.getTime() - daysAgo * 86_400_000);
    day.setUTCHours(hour - 8, minute, 0, 0);
    return day;
  };
  const after = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

  for (let daysAgo = 7; daysAgo >= 1; daysAgo--) {
    for (const [desk, who, count] of [
      [serviceDesk, agent, 6],
      [posts[0], guard, 3],
    ] as const) {
      if (!desk) continue;
      for (let index = 0; index < count; index++) {
        const start = at(daysAgo, 8 + Math.floor(random() * 11), Math.floor(random() * 60));
        const number = callerNumbers[Math.floor(random() * callerNumbers.length)];
        const call = await startManualCall(db, {
          actor: who,
          deskId: desk.id,
          callerNumber: number,
          now: start,
        });
        const roll = random();
        if (roll < 0.08) {
          await actOnCall(db, {
            actor: who,
            callId: call.id,
            input: { action: 'end', releasedBy: 'caller' },
            now: after(start, 22),
          });
          continue;
        }
        const ringSeconds = roll < 0.2 ? 13 + Math.floor(random() * 8) : 2 + Math.floor(random() * 9);
        const answered = after(start, ringSeconds);
        await actOnCall(db, { actor: who, callId: call.id, input: { action: 'answer' }, now: answered });
        let end = after(answered, 40 + Math.floor(random() * 200));
        if (random() < 0.2) {
          await actOnCall(db, {
            actor: who,
            callId: call.id,
            input: { action: 'hold' },
            now: after(answered, 20),
          });
          await actOnCall(db, {
            actor: who,
            callId: call.id,
            input: { action: 'resume' },
            now: after(answered, 20 + 10 + Math.floor(random() * 30)),
          });
          end = after(end, 60);
        }
        const purposeKeys = ['consult', 'repair', 'complaint', 'find_person', 'consult', 'other'];
        const choice = Math.floor(random() * notes.length);
        await updateCallDetails(db, {
          actor: who,
          callId: call.id,
          input: { purposeId: purposeId(purposeKeys[choice]), notes: notes[choice] },
          now: end,
        });
        await actOnCall(db, {
          actor: who,
          callId: call.id,
          input: { action: 'end', releasedBy: random() < 0.85 ? 'caller' : 'agent' },
          now: after(end, 1),
        });
      }
    }
  }

  const engineer = staffIds.get('engineer');
  if (serviceDesk && engineer) {
    // CS-4: a call on which the agent, not knowing whom the caller asks for, opens "不认识此人"
    // half a minute in; `act` does the rest so many seconds after the call rang. After the day's
    // calls (8–19 h), so no other call of the desk overlaps.
    const lookupCall = async (callerNumber: string, start: Date) => {
      const call = await startManualCall(db, {
        actor: agent,
        deskId: serviceDesk.id,
        callerNumber,
        now: start,
      });
      const act = (input: CallActionInput, seconds: number) =>
        actOnCall(db, { actor: agent, callId: call.id, input, now: after(start, seconds) });
      await act({ action: 'answer' }, 4);
      await openPersonLookup(db, { actor: agent, callId: call.id, locale: 'zh-CN', now: after(start, 30) });
      return { id: call.id, act };
    };
    // Met: the caller asks for "工程部的单师傅"; found by pinyin and put through.
    const soughtAt = at(3, 19, 20);
    const sought = await lookupCall('13800000015', soughtAt);
    await searchForCaller(db, {
      actor: agent,
      callId: sought.id,
      input: { q: 'shan' },
      limit: 30,
      now: after(soughtAt, 45),
    });
    await sought.act({ action: 'transfer', targetStaffId: engineer, transferKind: 'transfer' }, 70);
    await updateCallDetails(db, {
      actor: agent,
      callId: sought.id,
      input: { purposeId: purposeId('find_person'), notes: '找工程部单师傅，已转接' },
      now: after(soughtAt, 80),
    });
    await sought.act({ action: 'end', releasedBy: 'agent' }, 85);
    // Missed: neither a search nor an outcome before the caller hangs up.
    const lost = await lookupCall('15012341234', at(2, 19, 35));
    await lost.act({ action: 'end', releasedBy: 'caller' }, 95);

    const first = await leaveMessage(db, {
      actor: agent,
      input: {
        deskId: serviceDesk.id,
        recipientStaffId: engineer,
        kind: 'message',
        callerName: '王先生(5栋业主)',
        callbackNumber: '13912345678',
        content: '厨房水管漏水，请尽快上门查看。',
        urgency: 'urgent',
      },
      now: at(2, 10, 5),
    });
    await advanceMessage(db, {
      actor: person('engineer', 'agent'),
      messageId: first.id,
      action: 'read',
      now: at(2, 10, 20),
    });
    await advanceMessage(db, {
      actor: person('engineer', 'agent'),
      messageId: first.id,
      action: 'handle',
      note: '已上门更换阀门',
      now: at(2, 14, 0),
    });
    await leaveMessage(db, {
      actor: agent,
      input: {
        deskId: serviceDesk.id,
        recipientStaffId: engineer,
        kind: 'pass_on',
        callerName: '李女士',
        callbackNumber: '0755-23456789',
        content: '请回电确认明天上午的维修时间。',
        urgency: 'normal',
      },
      now: at(1, 16, 30),
    });
  }

  const post = posts[0];
  if (post) {
    const leader = await recordLeaderCall(db, {
      actor: guard,
      input: {
        deskId: post.id,
        claimedName: '陈',
        claimedTitle: '总经理',
        callbackNumber: '13711112222',
        request: '今晚有重要客人来访，请东门提前放行两辆车。',
        isIdentified: false,
      },
      now: at(3, 17, 40),
    });
    await reportLeaderCall(db, { actor: guard, leaderCallId: leader.id, now: at(3, 17, 42) });
    await closeLeaderCall(db, {
      actor: guard,
      leaderCallId: leader.id,
      note: '经部门领导核实属实，已按要求放行。',
      now: at(3, 18, 30),
    });

    const building = buildings[2];
    const emergency = await reportIncident(db, {
      actor: guard,
      input: {
        deskId: post.id,
        isEmergency: true,
        callerName: '赵女士',
        callerIdentity: 'owner',
        buildingId: building?.id ?? null,
        doorId: building?.doors[0]?.id ?? null,
        unitLabel: '1502',
        phone: '13622223333',
        account: '楼道有烟味，疑似有人家中起火。',
      },
      now: at(4, 21, 10),
    });
    await advanceIncident(db, {
      actor: guard,
      incidentId: emergency.id,
      action: 'dispatch',
      note: '巡逻岗两人携灭火器前往',
      now: at(4, 21, 12),
    });
    await advanceIncident(db, {
      actor: guard,
      incidentId: emergency.id,
      action: 'resolve',
      note: '系住户煮饭烧焦，无火情，已通风。',
      now: at(4, 21, 40),
    });
    await reportIncident(db, {
      actor: guard,
      input: {
        deskId: post.id,
        isEmergency: false,
        callerName: '访客',
        callerIdentity: 'visitor',
        buildingId: null,
        doorId: null,
        unitLabel: '',
        phone: '',
        account: '东门道闸无法抬杆。',
      },
      now: at(1, 9, 15),
    });
  }
}
