import { describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { normalisePhones, registerCustomerInTransaction } from '../customers/index.js';
import {
  admin,
  agentSession,
  clock,
  ctiEvent,
  database,
  engineer,
  org,
  postCti,
  setUpCallsWorld,
} from './testing/calls-world.js';

setUpCallsWorld();

describe('the agent at the desk', () => {
  it('CS-1 SEC-7 answers one of two ringing calls, holds it to take the other, and counts the hold time', async () => {
    const first = await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
      callerNumber: '13900001111',
    });
    expect(first.statusCode).toBe(201);
    const second = await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
      callerNumber: '12345',
    });
    expect(second.json()).toMatchObject({ isCallerNumberValid: false, callerNumber: '12345' });
    const queue = await agentSession.request('GET', `/api/calls/desks/${org.serviceDeskId}/queue`);
    const ids = queue.json().items.map((call: { id: string }) => call.id);
    expect(ids).toEqual(expect.arrayContaining([first.json().id, second.json().id]));
    clock.advance(3000);
    expect(
      (
        await agentSession.request('POST', `/api/calls/${first.json().id}/actions`, { action: 'answer' })
      ).json().status,
    ).toBe('answered');
    const detail = await agentSession.request('GET', `/api/calls/${first.json().id}`);
    expect(detail.json().greeting).toBe('您好！测试物业客户服务中心，您请讲。');
    clock.advance(2000);
    expect(
      (await agentSession.request('POST', `/api/calls/${first.json().id}/actions`, { action: 'hold' })).json()
        .status,
    ).toBe('on_hold');
    expect(
      (
        await agentSession.request('POST', `/api/calls/${second.json().id}/actions`, { action: 'answer' })
      ).json().rings,
    ).toBe(2);
    clock.advance(20_000);
    await agentSession.request('POST', `/api/calls/${second.json().id}/actions`, {
      action: 'end',
      releasedBy: 'caller',
    });
    const resumed = await agentSession.request('POST', `/api/calls/${first.json().id}/actions`, {
      action: 'resume',
    });
    expect(resumed.json()).toMatchObject({ status: 'answered', holdMs: 20_000, holdCount: 1 });
    const refused = await agentSession.request('POST', `/api/calls/${second.json().id}/actions`, {
      action: 'answer',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CALL_ACTION_NOT_ALLOWED');
  });

  it('CS-1 SEC-2 keeps the first report of the greeting on screen, with the desk greeting version', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900003333',
      })
    ).json();
    await agentSession.request('POST', `/api/calls/${call.id}/actions`, { action: 'answer' });
    const shown = await agentSession.request('POST', `/api/calls/${call.id}/greeting-shown`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ greetingShownAt: clock.now().toISOString(), greetingVersion: 0 });
    clock.advance(5000);
    const again = await agentSession.request('POST', `/api/calls/${call.id}/greeting-shown`);
    expect(again.json().greetingShownAt).toBe(shown.json().greetingShownAt);
  });

  it('SEC-3 keeps the purpose, caller and key points of the call', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900002222',
      })
    ).json();
    const purposes = (await agentSession.request('GET', '/api/calls/purposes')).json().items;
    expect(purposes.map((purpose: { label: string }) => purpose.label)).toEqual([
      '咨询',
      '报修',
      '投诉',
      '找人',
      '领导来电',
      '紧急',
      '其他',
    ]);
    const saved = await agentSession.request('PUT', `/api/calls/${call.id}`, {
      purposeId: purposes[1].id,
      notes: '3栋电梯异响',
      callerName: '王先生',
    });
    expect(saved.json()).toMatchObject({
      purposeId: purposes[1].id,
      notes: '3栋电梯异响',
      callerName: '王先生',
    });
  });

  it('SEC-8 keeps the conduct steps the agent ticked on the call, in the rule’s order, and refuses unknown ones', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900003333',
      })
    ).json();
    expect(call.conductSteps).toEqual([]);
    const saved = await agentSession.request('PUT', `/api/calls/${call.id}`, {
      conductSteps: ['courteous', 'calm_tone'],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().conductSteps).toEqual(['calm_tone', 'courteous']);
    const refused = await agentSession.request('PUT', `/api/calls/${call.id}`, {
      conductSteps: ['shouted'],
    });
    expect(refused.statusCode).toBe(400);
    const detail = (await agentSession.request('GET', `/api/calls/${call.id}`)).json();
    expect(detail.call.conductSteps).toEqual(['calm_tone', 'courteous']);
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', call.id)
      .where('action', '=', 'update_details')
      .execute();
    expect(JSON.stringify(audit)).toContain('courteous');
  });

  it('CS-4 the lookup routes: a search before opening is refused, an empty search names the field, a second outcome is refused', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '13900004444',
      })
    ).json();
    await agentSession.request('POST', `/api/calls/${call.id}/actions`, { action: 'answer' });
    const early = await agentSession.request('POST', `/api/calls/${call.id}/person-lookup/searches`, {
      q: 'zs',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'PERSON_LOOKUP_NOT_OPEN' });
    const opened = await agentSession.request('POST', `/api/calls/${call.id}/person-lookup`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ searches: [], outcome: null });
    const empty = await agentSession.request('POST', `/api/calls/${call.id}/person-lookup/searches`, {
      q: '  ',
    });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json().error.fields)).toEqual(['q']);
    const searched = await agentSession.request('POST', `/api/calls/${call.id}/person-lookup/searches`, {
      q: '查无此人',
    });
    expect(searched.json()).toEqual({ items: [], residents: [] });
    const told = await agentSession.request('POST', `/api/calls/${call.id}/person-lookup/not-found`);
    expect(told.json()).toMatchObject({
      searches: [{ query: '查无此人', resultCount: 0 }],
      outcome: { kind: 'not_found', staffName: null },
    });
    const again = await agentSession.request('POST', `/api/calls/${call.id}/person-lookup/not-found`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PERSON_LOOKUP_DECIDED');
    const detail = (await agentSession.request('GET', `/api/calls/${call.id}`)).json();
    expect(detail.personLookup).toEqual(told.json());
  });

  it('tells the desk’s open screens at once when CTI is switched off or on, so its badge follows', async () => {
    const before = await database.db
      .selectFrom('liveEvents')
      .select('seq')
      .where('topic', '=', `desk:${org.serviceDeskId}`)
      .where('type', '=', 'desk.cti')
      .execute();
    expect(
      (await admin.request('PUT', `/api/calls/desks/${org.serviceDeskId}/cti`, { isEnabled: false }))
        .statusCode,
    ).toBe(204);
    expect(
      (await admin.request('PUT', `/api/calls/desks/${org.serviceDeskId}/cti`, { isEnabled: true }))
        .statusCode,
    ).toBe(204);
    const after = await database.db
      .selectFrom('liveEvents')
      .selectAll()
      .where('topic', '=', `desk:${org.serviceDeskId}`)
      .where('type', '=', 'desk.cti')
      .execute();
    expect(after.length - before.length).toBe(2);
    expect(after.map((row) => JSON.parse(row.payloadJson).isEnabled).slice(-2)).toEqual([false, true]);
  });

  it('screen pop recognises a member of staff by their number', async () => {
    const call = (
      await agentSession.request('POST', `/api/calls/desks/${org.serviceDeskId}/calls`, {
        callerNumber: '138 0000 0015',
      })
    ).json();
    const detail = (await agentSession.request('GET', `/api/calls/${call.id}`)).json();
    expect(detail.caller.staff).toMatchObject({ id: engineer.staffId, displayName: '张三' });
  });

  it('screen pop recognises a customer of the sales register by their number, masked, with the owning consultant', async () => {
    const consultant = await buildStaff(database.db, org, {
      displayName: '陈静',
      roles: [{ role: 'consultant', projectId: org.salesProjectId }],
    });
    // Registered through the customers module's use case (its routes are scoped by their own module).
    const registered = await database.db.transaction().execute((trx) =>
      registerCustomerInTransaction(trx, {
        actor: consultant,
        projectId: org.salesProjectId,
        input: {
          name: '王小明',
          gender: 'unknown',
          phones: ['139-1234-5600'],
          isPhoneRefused: false,
          sourceChannelId: null,
          keyKind: null,
          notes: '',
          hasContactConsent: true,
          hasMarketingConsent: false,
          consentVia: 'verbal',
          locale: 'zh-CN',
          intentLayout: '',
          intentAreaMin: null,
          intentAreaMax: null,
          intentBudgetFen: null,
          intentPurpose: '',
        },
        now: clock.now(),
        firstContact: 'manual',
        phones: normalisePhones(['139-1234-5600']),
      }),
    );
    expect(registered.status).toBe('created');
    // The PBX sends the number in another form than the consultant typed it.
    const ringing = await postCti(
      ctiEvent({ callId: 'pbx-customer', type: 'ringing', callerNumber: '+86 139 1234 5600' }),
    );
    const detail = (await agentSession.request('GET', `/api/calls/${ringing.json().callId}`)).json();
    expect(detail.caller.staff).toBeNull();
    expect(detail.caller.customers).toEqual([
      {
        id: registered.customerId,
        name: '王小明',
        projectName: '测试花园',
        category: 'normal',
        phoneMasked: '139****5600',
        ownerName: '陈静',
      },
    ]);
    expect(JSON.stringify(detail.caller)).not.toContain('13912345600');

    const stranger = await postCti(
      ctiEvent({ callId: 'pbx-stranger', type: 'ringing', callerNumber: '13912345601' }),
    );
    const unknown = (await agentSession.request('GET', `/api/calls/${stranger.json().callId}`)).json();
    expect(unknown.caller.customers).toEqual([]);
  });

  it('SEC-2 greets at a security post with the post’s name', async () => {
    const scripts = (await agentSession.request('GET', `/api/calls/desks/${org.postDeskId}/scripts`)).json()
      .items;
    expect(scripts.find((script: { situation: string }) => script.situation === 'greeting').phrases[0]).toBe(
      '您好，这里是东门卡口，我可以怎样帮助您？',
    );
  });

  it('SEC-8 serves the calm-tone, no-interrupting, courteous reminder first on every desk, in all three languages, editable like a script', async () => {
    const manner = async (deskId: string, locale: string) => {
      const items = (
        await agentSession.request('GET', `/api/calls/desks/${deskId}/scripts?locale=${locale}`)
      ).json().items as Array<{ situation: string; rule: string; phrases: string[] }>;
      expect(items[0]?.situation).toBe('manner');
      return items[0];
    };
    for (const deskId of [org.serviceDeskId, org.postDeskId]) {
      expect(await manner(deskId, 'zh-CN')).toMatchObject({
        rule: 'SEC-8',
        phrases: ['语气平和、语调平稳；不打断对方讲话；礼貌待人。'],
      });
      expect(await manner(deskId, 'zh-TW')).toMatchObject({
        rule: 'SEC-8',
        phrases: ['語氣平和、語調平穩；不打斷對方講話；禮貌待人。'],
      });
      expect(await manner(deskId, 'en')).toMatchObject({
        rule: 'SEC-8',
        phrases: ['Keep a calm, even tone; do not interrupt the caller; be courteous.'],
      });
    }

    // The desk's call view carries it with the other scripts, so the script panel shows it.
    const ringing = await postCti(
      ctiEvent({ callId: 'pbx-sec8', type: 'ringing', callerNumber: '13912345608' }),
    );
    const detail = (await agentSession.request('GET', `/api/calls/${ringing.json().callId}`)).json();
    expect(detail.scripts[0]).toMatchObject({ situation: 'manner', rule: 'SEC-8' });
    expect(detail.scripts[0].phrases[0]).toContain('不打断对方讲话');

    // An administrator may reword it (a new version); the desk then shows the new words.
    const edit = await admin.request('PUT', `/api/calls/desks/${org.postDeskId}/scripts/manner`, {
      locale: 'en',
      templates: ['Stay calm and even; let the caller finish; be polite.'],
    });
    expect(edit.statusCode).toBe(200);
    expect((await manner(org.postDeskId, 'en')).phrases).toEqual([
      'Stay calm and even; let the caller finish; be polite.',
    ]);
  });

  it('CS-0 shows the document’s phrases verbatim, and an administrator’s edit becomes a new version', async () => {
    const scripts = (
      await agentSession.request('GET', `/api/calls/desks/${org.serviceDeskId}/scripts?locale=zh-CN`)
    ).json().items;
    const phrase = (situation: string) =>
      scripts.find((script: { situation: string }) => script.situation === situation).phrases;
    expect(phrase('transfer')).toEqual(['请稍候，我将电话转接给他(她)']);
    expect(phrase('fetch_person')).toEqual(['请稍候，我去叫他(她)']);
    expect(phrase('not_at_seat')).toEqual([
      '对不起！他(她)不在座位上，您是否需要留言或传话(视情况可告诉手机号码)',
    ]);
    expect(phrase('unknown_person')).toEqual([
      '对不起！您能说出他(她)是哪个楼门的吗？',
      '对不起，请稍候，我帮您问一下。',
    ]);
    expect(phrase('leader_verification')).toEqual(['请问您是哪位领导？']);
    expect(phrase('closing')).toEqual(['谢谢您', '不客气', '这是我们应该做的']);
    const traditional = (
      await agentSession.request('GET', `/api/calls/desks/${org.serviceDeskId}/scripts?locale=zh-TW`)
    ).json().items;
    expect(
      traditional.find((script: { situation: string }) => script.situation === 'greeting').phrases[0],
    ).toBe('您好！测试物業客戶服務中心，您請講。');

    const edit = await admin.request('PUT', `/api/calls/desks/${org.serviceDeskId}/scripts/greeting`, {
      locale: 'zh-CN',
      templates: ['您好！{company}物业客户服务中心，请讲。'],
    });
    expect(edit.json()).toEqual({ version: 1, phrases: ['您好！测试物业客户服务中心，请讲。'] });
    const versions = (
      await admin.request(
        'GET',
        `/api/calls/desks/${org.serviceDeskId}/scripts/greeting/versions?locale=zh-CN`,
      )
    ).json().items;
    expect(versions.map((version: { version: number }) => version.version)).toEqual([1, 0]);
    expect(
      (
        await agentSession.request('PUT', `/api/calls/desks/${org.serviceDeskId}/scripts/greeting`, {
          locale: 'zh-CN',
          templates: ['x'],
        })
      ).statusCode,
    ).toBe(403);
  });
});
