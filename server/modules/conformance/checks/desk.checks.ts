import type { CallConformanceFacts } from '../../calls/index.js';
import type { CheckDefinition, Evidence, RuleId, SubjectFacts } from './check-types.js';
import { defineCheck, met, missed, notApplicable, pending } from './check-types.js';
import {
  at,
  callInProgress,
  deskKindEvidence,
  elapsedMs,
  isOpen,
  label,
  phraseVersionValue,
  plusMs,
  ringLimitEvidence,
  ringsValue,
  secondsValue,
  soon,
} from './desk-evidence.js';
import { personLookupCheck } from './desk-lookup.checks.js';
import { deskRecordChecks } from './desk-records.checks.js';

type DeskKind = CallConformanceFacts['deskKind'];
const callLink = (facts: { id: string }) => ({ kind: 'call' as const, id: facts.id });

/** CS-1 / SEC-1: answered within the desk's ring limit, as recorded when it was answered; never answered is a miss. */
function ringsCheck(ruleId: RuleId, deskKind: DeskKind) {
  return defineCheck<CallConformanceFacts>({
    id: `${ruleId}.rings`,
    ruleId,
    version: 1,
    subjectKind: 'call',
    title: label('响铃声数内接听', '響鈴聲數內接聽', 'Answered within the ring limit'),
    evaluate(facts) {
      if (facts.deskKind !== deskKind) return notApplicable(deskKindEvidence(facts));
      const ringing = at(label('开始振铃', '開始振鈴', 'Ringing from'), facts.ringingAt, callLink(facts));
      if (!facts.answeredAt && !facts.endedAt) {
        const limitMs = facts.maxRings * facts.cadenceSeconds * 1000;
        return pending(plusMs(facts.ringingAt, limitMs), ringing, ringLimitEvidence(facts));
      }
      const heard: Evidence[] =
        facts.rings === null || facts.ringMs === null
          ? []
          : [{ label: label('响铃', '響鈴', 'Rang'), value: ringsValue(facts.rings) }];
      if (facts.ringMs !== null)
        heard.push({
          label: label('振铃时长', '振鈴時長', 'Time ringing'),
          value: secondsValue(facts.ringMs),
        });
      if (!facts.answeredAt)
        return missed(
          ringing,
          at(label('未接听,来电结束', '未接聽,來電結束', 'Never answered; the call ended'), facts.endedAt),
          ...heard,
          ringLimitEvidence(facts),
        );
      const answered: Evidence = {
        label: label('接听', '接聽', 'Answered'),
        value: facts.answeredByName ?? '',
        at: facts.answeredAt,
        ...(facts.staffId ? { link: { kind: 'staff' as const, id: facts.staffId } } : {}),
      };
      const evidence = [ringing, answered, ...heard, ringLimitEvidence(facts)];
      return facts.isAnsweredWithinLimit ? met(...evidence) : missed(...evidence);
    },
  });
}

/** CS-1 / SEC-2: the desk screen showed the standard greeting when the call was answered. */
function greetingCheck(ruleId: RuleId, deskKind: DeskKind) {
  return defineCheck<CallConformanceFacts>({
    id: `${ruleId}.greeting`,
    ruleId,
    version: 1,
    subjectKind: 'call',
    title: label('接听时显示标准问候语', '接聽時顯示標準問候語', 'Standard greeting shown on answering'),
    evaluate(facts, now) {
      if (facts.deskKind !== deskKind) return notApplicable(deskKindEvidence(facts));
      if (!facts.answeredAt)
        return notApplicable(
          at(label('来电未接听', '來電未接聽', 'The call was not answered'), facts.ringingAt),
        );
      const answered = at(label('接听', '接聽', 'Answered'), facts.answeredAt, callLink(facts));
      const allowance = {
        label: label('时限', '時限', 'Limit'),
        value: label(
          `接听后 ${facts.greetingWithinSeconds} 秒内`,
          `接聽後 ${facts.greetingWithinSeconds} 秒內`,
          `within ${facts.greetingWithinSeconds} s of answering`,
        ),
      };
      const deadline = plusMs(facts.answeredAt, facts.greetingWithinSeconds * 1000);
      if (facts.greetingShownAt) {
        const shown: Evidence = {
          label: label('显示问候语', '顯示問候語', 'Greeting shown'),
          value: phraseVersionValue(facts.greetingVersion),
          at: facts.greetingShownAt,
        };
        return facts.greetingShownAt <= deadline
          ? met(answered, shown, allowance)
          : missed(answered, shown, allowance);
      }
      const none = { label: label('未记录问候语显示', '未記錄問候語顯示', 'No greeting shown on record') };
      if (now.toISOString() < deadline) return pending(deadline, answered, none, allowance);
      return missed(answered, none, allowance);
    },
  });
}

/** CS-2: a caller who asked for someone: the record says to whom the call went (or who was fetched, or the message). */
const transferCheck = defineCheck<CallConformanceFacts>({
  id: 'CS-2.transfer',
  ruleId: 'CS-2',
  version: 2,
  subjectKind: 'call',
  title: label('找人来电记录转给谁', '找人來電記錄轉給誰', 'Whom a caller asked for is on record'),
  evaluate(facts, now) {
    const purpose = {
      label: label('来电目的', '來電目的', 'Purpose'),
      value: facts.purposeLabel ?? label('未填写', '未填寫', 'not given'),
      link: callLink(facts),
    };
    if (facts.transfer) {
      const fetched = facts.transfer.kind === 'fetch';
      return met(purpose, {
        label: fetched ? label('去叫', '去叫', 'Fetched') : label('转接给', '轉接給', 'Transferred to'),
        value: facts.transfer.staffName,
        at: facts.transfer.at,
        link: { kind: 'staff', id: facts.transfer.staffId },
      });
    }
    if (facts.purposeKey !== 'find_person') return notApplicable(purpose);
    // CS-4: nobody by that name was found and the caller was told: there was no one to put through.
    const lookup = facts.personLookup?.outcome;
    if (lookup?.kind === 'not_found')
      return notApplicable(purpose, {
        label: label(
          '未找到所找的人，已告知来电人',
          '未找到所找的人，已告知來電人',
          'Person sought not found; the caller was told',
        ),
        at: lookup.at,
      });
    // CS-3: the person was not at their seat and a message or pass-on was taken for them.
    if (facts.messages.length)
      return met(
        purpose,
        ...facts.messages.map(
          (message): Evidence => ({
            label:
              message.kind === 'pass_on'
                ? label('为其传话', '為其傳話', 'Pass-on taken for')
                : label('为其留言', '為其留言', 'Message taken for'),
            value: message.recipientName,
            at: message.at,
            link: { kind: 'message', id: message.id },
          }),
        ),
      );
    if (isOpen(facts)) return pending(soon(now), purpose, callInProgress(facts));
    return missed(purpose, {
      label: label(
        '未记录转接、去叫或留言',
        '未記錄轉接、去叫或留言',
        'No transfer, fetch or message on record',
      ),
    });
  },
});

/** SEC-6: the caller hung up first; the agent first is a miss, unknown is not scored. */
const hangupCheck = defineCheck<CallConformanceFacts>({
  id: 'SEC-6.hangup',
  ruleId: 'SEC-6',
  version: 1,
  subjectKind: 'call',
  title: label('等对方先挂机', '等對方先掛機', 'The caller hung up first'),
  evaluate(facts, now) {
    if (facts.deskKind !== 'security_post') return notApplicable(deskKindEvidence(facts));
    if (!facts.answeredAt)
      return notApplicable(
        at(label('来电未接听', '來電未接聽', 'The call was not answered'), facts.ringingAt),
      );
    if (isOpen(facts)) return pending(soon(now), callInProgress(facts));
    const ended = (who: ReturnType<typeof label>): Evidence => ({
      label: label('先挂机', '先掛機', 'Hung up first'),
      value: who,
      at: facts.endedAt,
      link: callLink(facts),
    });
    if (facts.releasedBy === 'caller') return met(ended(label('来电人', '來電人', 'The caller')));
    if (facts.releasedBy === 'agent') return missed(ended(label('接听人', '接聽人', 'The agent')));
    return notApplicable(ended(label('未知(系统结束)', '未知(系統結束)', 'Unknown (ended by the system)')));
  },
});

/** SEC-7: a call held while the same agent talked on another was held no longer than the setting. */
const holdCheck = defineCheck<CallConformanceFacts>({
  id: 'SEC-7.hold',
  ruleId: 'SEC-7',
  version: 1,
  subjectKind: 'call',
  title: label('接一待二保持时长', '接一待二保留時長', 'Hold time while taking another call'),
  evaluate(facts, now) {
    if (facts.deskKind !== 'security_post') return notApplicable(deskKindEvidence(facts));
    const limitMs = facts.secondCallHoldSeconds * 1000;
    const limit = {
      label: label('时限', '時限', 'Limit'),
      value: secondsValue(limitMs),
    };
    if (facts.secondCallHolds.length === 0)
      return notApplicable({
        label: label(
          '没有与另一通电话同时保持',
          '沒有與另一通電話同時保留',
          'Not held while another call was taken',
        ),
        link: callLink(facts),
      });
    const nowIso = now.toISOString();
    const evidence: Evidence[] = facts.secondCallHolds.map((hold) => ({
      label: label('保持(同时接听另一通)', '保留(同時接聽另一通)', 'Held while another call was taken'),
      value: secondsValue(elapsedMs(hold.heldAt, hold.endedAt ?? nowIso)),
      at: hold.heldAt,
      link: { kind: 'call', id: hold.otherCallId },
    }));
    const isOver = facts.secondCallHolds.some(
      (hold) => elapsedMs(hold.heldAt, hold.endedAt ?? nowIso) > limitMs,
    );
    if (isOver) return missed(...evidence, limit);
    const open = facts.secondCallHolds.find((hold) => hold.endedAt === null);
    if (open) return pending(plusMs(open.heldAt, limitMs), ...evidence, limit);
    return met(...evidence, limit);
  },
});

/** The desk checks: calls here (CS-4 in desk-lookup.checks.ts); messages, leader calls and emergencies in desk-records.checks.ts. */
export const deskChecks: CheckDefinition<SubjectFacts>[] = [
  ringsCheck('CS-1', 'service_centre'),
  greetingCheck('CS-1', 'service_centre'),
  transferCheck,
  personLookupCheck,
  ringsCheck('SEC-1', 'security_post'),
  greetingCheck('SEC-2', 'security_post'),
  hangupCheck,
  holdCheck,
  ...deskRecordChecks,
];
