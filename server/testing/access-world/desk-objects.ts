import {
  createPurpose,
  leaveMessage,
  recordLeaderCall,
  reportIncident,
  startManualCall,
} from '../../modules/calls/testing/index.js';
import { minutes, phone, type SiteContext } from './site.js';

/** Desk objects: a call on each desk, a message, an incident and a leader call (and B's call purpose). */
export async function buildDeskObjects(
  ctx: SiteContext,
  { service, post }: { service: { id: string }; post: { id: string } },
) {
  const { db, site, now, mark, add, system, agent, guard, estate } = ctx;
  const desks = [
    { desk: service, actor: agent, deskKind: 'service_centre', index: 4 },
    { desk: post, actor: guard, deskKind: 'security_post', index: 5 },
  ] as const;
  for (const { desk, actor, deskKind, index } of desks) {
    const callerNumber = phone(site.name, index);
    const call = await startManualCall(db, {
      actor,
      deskId: desk.id,
      callerNumber,
      now: minutes(now, 16 + index),
    });
    add('call', call.id, {
      secrets: [{ value: callerNumber, field: 'callerNumber' }],
      markers: [callerNumber],
      scoped: { ...estate, deskKind },
      table: 'calls',
    });
  }
  const message = await leaveMessage(db, {
    actor: agent,
    input: {
      deskId: service.id,
      recipientStaffId: site.staff.dept_head!.staffId,
      kind: 'message',
      callerName: `${mark}留言人`,
      callbackNumber: phone(site.name, 6),
      content: `${mark}留言内容`,
      urgency: 'normal',
    },
    now: minutes(now, 22),
  });
  add('message', message.id, {
    markers: [`${mark}留言内容`],
    secrets: [{ value: phone(site.name, 6), field: 'callerNumber' }],
    scoped: { ...estate, deskKind: 'service_centre' },
    table: 'callMessages',
  });
  const incident = await reportIncident(db, {
    actor: guard,
    input: {
      deskId: post.id,
      isEmergency: false,
      callerName: `${mark}报事人`,
      callerIdentity: 'owner',
      buildingId: null,
      doorId: null,
      unitLabel: '',
      phone: phone(site.name, 7),
      account: `${mark}事件经过`,
    },
    now: minutes(now, 23),
  });
  add('incident', incident.id, {
    markers: [`${mark}事件经过`],
    secrets: [{ value: phone(site.name, 7), field: 'callerNumber' }],
    scoped: { ...estate, deskKind: 'security_post' },
    table: 'incidents',
  });
  const leader = await recordLeaderCall(db, {
    actor: guard,
    input: {
      deskId: post.id,
      claimedName: `${mark}领导`,
      claimedTitle: '总经理',
      callbackNumber: phone(site.name, 8),
      request: `${mark}领导要求`,
      isIdentified: false,
    },
    now: minutes(now, 24),
  });
  add('leaderCall', leader.id, {
    markers: [`${mark}领导要求`],
    secrets: [{ value: phone(site.name, 8), field: 'callerNumber' }],
    scoped: { ...estate, deskKind: 'security_post' },
    table: 'leaderCalls',
  });

  if (site.name === 'b') {
    const purpose = await createPurpose(db, { actor: system, label: `${mark}目的`, sortOrder: 99, now });
    add('purpose', purpose.id, {
      markers: [`${mark}目的`],
      scoped: { projectId: null },
      table: 'callPurposes',
    });
  }
}
