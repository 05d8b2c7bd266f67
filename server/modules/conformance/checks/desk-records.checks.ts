import type {
  IncidentConformanceFacts,
  LeaderCallConformanceFacts,
  MessageConformanceFacts,
} from '../../calls/index.js';
import type { CheckDefinition, Evidence, SubjectFacts } from './check-types.js';
import { defineCheck, met, missed, notApplicable, pending } from './check-types.js';
import { at, elapsedMs, label, minutesValue, plusMs, secondsValue } from './desk-evidence.js';

// The desk's records beside its calls: messages (CS-3), leader calls (SEC-4), emergencies (SEC-5).

/** CS-3: a message or pass-on handled by its due time; past it, the evidence says whether it was escalated. */
const messageCheck = defineCheck<MessageConformanceFacts>({
  id: 'CS-3.message',
  ruleId: 'CS-3',
  version: 1,
  subjectKind: 'message',
  title: label('留言按时处理', '留言按時處理', 'Message handled in time'),
  evaluate(facts, now) {
    const taken: Evidence = {
      label:
        facts.messageKind === 'pass_on'
          ? label('传话', '傳話', 'Pass-on for')
          : label('留言', '留言', 'Message for'),
      value: facts.recipientName,
      at: facts.createdAt,
      link: { kind: 'message', id: facts.id },
    };
    const due: Evidence = {
      label: label('应处理时间', '應處理時間', 'Due'),
      value: minutesValue(facts.escalationMinutes),
      at: facts.dueAt,
    };
    const escalation: Evidence[] = facts.escalatedAt
      ? [
          {
            label: label('已升级给', '已升級給', 'Escalated to'),
            value: facts.escalatedToName ?? '',
            at: facts.escalatedAt,
          },
        ]
      : [{ label: label('未升级', '未升級', 'Not escalated') }];
    if (facts.handledAt) {
      const handled = at(label('已处理', '已處理', 'Handled'), facts.handledAt);
      return facts.handledAt <= facts.dueAt
        ? met(taken, due, handled)
        : missed(taken, due, handled, ...escalation);
    }
    if (now.toISOString() < facts.dueAt) return pending(facts.dueAt, taken, due);
    return missed(taken, due, { label: label('未处理', '未處理', 'Not handled') }, ...escalation);
  },
});

/** SEC-4: a leader who could not be identified is reported to the department head within the setting. */
const leaderCheck = defineCheck<LeaderCallConformanceFacts>({
  id: 'SEC-4.leader',
  ruleId: 'SEC-4',
  version: 1,
  subjectKind: 'leader_call',
  title: label('领导来电报告部门领导', '領導來電報告部門領導', 'Leader call reported to the department head'),
  evaluate(facts, now) {
    const taken = at(label('记录领导来电', '記錄領導來電', 'Leader call recorded'), facts.createdAt, {
      kind: 'leader_call',
      id: facts.id,
    });
    if (facts.isIdentified)
      return notApplicable(taken, { label: label('身份已核实', '身分已核實', 'Identity confirmed') });
    const deadline = plusMs(facts.createdAt, facts.reportMinutes * 60_000);
    const limit = {
      label: label('时限', '時限', 'Limit'),
      value: minutesValue(facts.reportMinutes),
      at: deadline,
    };
    if (facts.reportedAt) {
      const reported: Evidence = {
        label: label('已报告', '已報告', 'Reported to'),
        value: facts.reportedToName ?? '',
        at: facts.reportedAt,
        ...(facts.reportedToStaffId ? { link: { kind: 'staff' as const, id: facts.reportedToStaffId } } : {}),
      };
      return facts.reportedAt <= deadline ? met(taken, reported, limit) : missed(taken, reported, limit);
    }
    if (!facts.closedAt && now.toISOString() < deadline) return pending(deadline, taken, limit);
    return missed(taken, { label: label('未报告', '未報告', 'Not reported') }, limit);
  },
});

const fieldNames: Record<IncidentConformanceFacts['missingFields'][number], ReturnType<typeof label>> = {
  callerName: label('姓名', '姓名', 'name'),
  callerIdentity: label('身份', '身分', 'identity'),
  address: label('地址', '地址', 'address'),
  phone: label('电话', '電話', 'phone'),
  account: label('简要情况', '簡要情況', 'brief account'),
};

const reportedEvidence = (facts: IncidentConformanceFacts) =>
  at(label('报告紧急事件', '報告緊急事件', 'Emergency reported'), facts.reportedAt, {
    kind: 'incident',
    id: facts.id,
  });

const notEmergency = (facts: IncidentConformanceFacts) =>
  notApplicable(
    at(label('非紧急事件', '非緊急事件', 'Not an emergency'), facts.reportedAt, {
      kind: 'incident',
      id: facts.id,
    }),
  );

/** SEC-5: an emergency carries all five fields (name, identity, address, phone, account) before dispatch. */
const fieldsCheck = defineCheck<IncidentConformanceFacts>({
  id: 'SEC-5.fields',
  ruleId: 'SEC-5',
  version: 1,
  subjectKind: 'incident',
  title: label('紧急事件五项齐全', '緊急事件五項齊全', 'Emergency has all five fields'),
  evaluate(facts) {
    if (!facts.isEmergency) return notEmergency(facts);
    if (facts.missingFields.length === 0)
      return met(reportedEvidence(facts), {
        label: label('五项齐全', '五項齊全', 'All five fields recorded'),
        value: label(
          '姓名、身份、地址、电话、简要情况',
          '姓名、身分、地址、電話、簡要情況',
          'name, identity, address, phone, account',
        ),
      });
    const names = facts.missingFields.map((field) => fieldNames[field]);
    return missed(reportedEvidence(facts), {
      label: label('缺少', '缺少', 'Missing'),
      value: label(
        names.map((name) => name['zh-CN']).join('、'),
        names.map((name) => name['zh-TW']).join('、'),
        names.map((name) => name.en).join(', '),
      ),
    });
  },
});

/** SEC-5: an emergency is dispatched within the setting's minutes of being reported. */
const dispatchCheck = defineCheck<IncidentConformanceFacts>({
  id: 'SEC-5.dispatch',
  ruleId: 'SEC-5',
  version: 1,
  subjectKind: 'incident',
  title: label('紧急事件按时派遣', '緊急事件按時派遣', 'Emergency dispatched in time'),
  evaluate(facts, now) {
    if (!facts.isEmergency) return notEmergency(facts);
    const deadline = plusMs(facts.reportedAt, facts.dispatchMinutes * 60_000);
    const limit = {
      label: label('时限', '時限', 'Limit'),
      value: minutesValue(facts.dispatchMinutes),
      at: deadline,
    };
    if (facts.dispatchedAt) {
      const dispatched: Evidence = {
        label: label('已派遣', '已派遣', 'Dispatched'),
        value: secondsValue(elapsedMs(facts.reportedAt, facts.dispatchedAt)),
        at: facts.dispatchedAt,
        ...(facts.dispatchedBy ? { link: { kind: 'staff' as const, id: facts.dispatchedBy } } : {}),
      };
      const evidence = [reportedEvidence(facts), dispatched, limit];
      return facts.dispatchedAt <= deadline ? met(...evidence) : missed(...evidence);
    }
    if (!facts.resolvedAt && now.toISOString() < deadline)
      return pending(deadline, reportedEvidence(facts), limit);
    return missed(reportedEvidence(facts), { label: label('未派遣', '未派遣', 'Not dispatched') }, limit);
  },
});

/** CS-3, SEC-4 and SEC-5 (fields and dispatch). */
export const deskRecordChecks: CheckDefinition<SubjectFacts>[] = [
  messageCheck,
  leaderCheck,
  fieldsCheck,
  dispatchCheck,
];
