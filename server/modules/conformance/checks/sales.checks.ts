import { localized } from '../../../platform/errors.js';
import type { FollowUpConformanceFacts } from '../../customers/index.js';
import type { SalesCallConformanceFacts } from '../../reception/index.js';
import {
  type CheckDefinition,
  defineCheck,
  type Evidence,
  met,
  missed,
  notApplicable,
  pending,
  type SubjectFacts,
} from './check-types.js';
import { turnEvidence } from './sales-evidence.js';
import { visitChecks } from './sales-visit.checks.js';

// SA-1 (sales calls) and SA-2 (follow-ups), decided from what reception and the customer book
// recorded; the visit's checks (SA-1 for visits, SA-5 … SA-11) are in sales-visit.checks.ts.

type Call = SalesCallConformanceFacts;

const callLink = (facts: Call) => ({ kind: 'sales_call' as const, id: facts.id });

const answered = (facts: Call): Evidence => ({
  label: localized('接听', '接聽', 'Answered'),
  at: facts.answeredAt,
  link: callLink(facts),
});

const notOnRecord = (facts: Call): Evidence => ({
  label: localized('未保存来电登记', '未保存來電登記', 'Register entry never saved'),
  value: localized('该来电未计入登记本', '該來電未計入登記本', 'The call is not in the register'),
  link: callLink(facts),
});

/** SA-1(1): the call was answered by the one the answering order named. */
const callOrder = defineCheck<Call>({
  id: 'SA-1.order',
  ruleId: 'SA-1',
  version: 1,
  subjectKind: 'sales_call',
  title: localized('来电按轮接顺序接听', '來電按輪接順序接聽', 'Sales call answered in turn'),
  evaluate(facts, now) {
    // Only a saved call is a counted turn; one never saved is the register's miss, not the order's.
    if (!facts.savedAt && now.toISOString() >= facts.openHoldsUntil) return notApplicable(notOnRecord(facts));
    // A caller already in this consultant's book goes to their own consultant (老客户), not the rotation.
    if (facts.bookOutcome === 'mine')
      return notApplicable({
        label: localized('老客户来电', '老客戶來電', "A returning customer of the consultant's own book"),
        at: facts.savedAt,
        link: callLink(facts),
      });
    const evidence = turnEvidence(facts.turn, callLink(facts));
    return facts.turn.isInTurn ? met(...evidence) : missed(...evidence);
  },
});

/**
 * SA-1(1): the answering screen showed the sales-line greeting “您好!**(项目)!” within the
 * project's seconds of answering (the screen reports it, as the desk's does for CS-1).
 */
const callGreeting = defineCheck<Call>({
  id: 'SA-1.greeting',
  ruleId: 'SA-1',
  version: 1,
  subjectKind: 'sales_call',
  title: localized('接听时显示项目问候语', '接聽時顯示項目問候語', 'Project greeting shown on answering'),
  evaluate(facts, now) {
    // Answered before the screen recorded greetings: nothing on record either way.
    if (facts.greeting === null)
      return notApplicable(answered(facts), {
        label: localized('没有问候语记录', '沒有問候語記錄', 'No greeting on record for this call'),
      });
    const seconds = facts.greetingWithinSeconds;
    const allowance: Evidence = {
      label: localized('时限', '時限', 'Limit'),
      value: localized(
        `接听后 ${seconds} 秒内`,
        `接聽後 ${seconds} 秒內`,
        `within ${seconds} s of answering`,
      ),
    };
    const deadline = new Date(Date.parse(facts.answeredAt) + seconds * 1000).toISOString();
    if (facts.greetingShownAt) {
      const shown: Evidence = {
        label: localized('显示问候语', '顯示問候語', 'Greeting shown'),
        value: facts.greeting,
        at: facts.greetingShownAt,
        link: callLink(facts),
      };
      return facts.greetingShownAt <= deadline
        ? met(answered(facts), shown, allowance)
        : missed(answered(facts), shown, allowance);
    }
    const none: Evidence = {
      label: localized('未记录问候语显示', '未記錄問候語顯示', 'No greeting shown on record'),
      value: facts.greeting,
    };
    if (now.toISOString() < deadline) return pending(deadline, answered(facts), none, allowance);
    return missed(answered(facts), none, allowance);
  },
});

/**
 * SA-1(2): every call is in the incoming-call register, in detail: the caller's questions, and
 * what the result needs (an appointment its time, "left contact" a number). A call put on record
 * as a wrong number (or a pitch, not a sales enquiry) has no enquiry to detail: not applicable.
 */
const callRegister = defineCheck<Call>({
  id: 'SA-1.register',
  ruleId: 'SA-1',
  version: 2,
  subjectKind: 'sales_call',
  title: localized('来电详细登记', '來電詳細登記', 'Call in the register, in detail'),
  evaluate(facts, now) {
    if (!facts.savedAt)
      return now.toISOString() < facts.dayEndsAt
        ? pending(facts.dayEndsAt, answered(facts))
        : missed(answered(facts), notOnRecord(facts));
    if (facts.result === 'wrong_number')
      return notApplicable(answered(facts), {
        label: localized('登记为打错电话', '登記為打錯電話', 'Registered as a wrong number'),
        value: localized('非购房咨询', '非購房諮詢', 'Not a sales enquiry'),
        at: facts.savedAt,
        link: callLink(facts),
      });
    const gaps: string[][] = [];
    if (!facts.hasQuestions) gaps.push(['客户咨询内容', '客戶諮詢內容', "the caller's questions"]);
    if (facts.result === 'appointment' && !facts.appointmentAt)
      gaps.push(['预约时间', '預約時間', 'the appointment time']);
    if (facts.result === 'left_contact' && !facts.hasCallerPhone)
      gaps.push(['联系电话', '聯絡電話', "the caller's number"]);
    const saved: Evidence = {
      label: localized('登记保存', '登記保存', 'Register entry saved'),
      at: facts.savedAt,
      link: callLink(facts),
    };
    if (gaps.length === 0) return met(answered(facts), saved);
    return missed(answered(facts), saved, {
      label: localized('缺少', '缺少', 'Missing'),
      value: localized(
        gaps.map((gap) => gap[0]).join('、'),
        gaps.map((gap) => gap[1]).join('、'),
        gaps.map((gap) => gap[2]).join(', '),
      ),
    });
  },
});

/** SA-1(4): a caller who left name and number is in the answering consultant's book the same day. */
const callBook = defineCheck<Call>({
  id: 'SA-1.book',
  ruleId: 'SA-1',
  version: 1,
  subjectKind: 'sales_call',
  title: localized(
    '留下姓名电话的来电客户当天入客户登记本',
    '留下姓名電話的來電客戶當天入客戶登記本',
    'Caller with name and number in the book the same day',
  ),
  evaluate(facts, now) {
    if (!facts.savedAt)
      return now.toISOString() < facts.dayEndsAt
        ? pending(facts.dayEndsAt, answered(facts))
        : notApplicable(notOnRecord(facts));
    if (!facts.hasCallerName || !facts.hasCallerPhone)
      return notApplicable({
        label: localized('来电未留姓名和电话', '來電未留姓名和電話', 'The caller left no name and number'),
        link: callLink(facts),
      });
    if (facts.bookOutcome === 'taken')
      return notApplicable({
        label: localized(
          '客户在其他顾问保护期内',
          '客戶在其他顧問保護期內',
          "A customer protected in another consultant's book",
        ),
        link: callLink(facts),
      });
    const saved: Evidence = {
      label: localized('录入客户登记本', '錄入客戶登記本', 'Entered in the customer book'),
      value: facts.savedDay ?? '',
      at: facts.savedAt,
      link: callLink(facts),
    };
    if (facts.customerId && facts.savedDay === facts.answeredDay) return met(answered(facts), saved);
    return missed(answered(facts), facts.customerId ? saved : notOnRecord(facts));
  },
});

type FollowUp = FollowUpConformanceFacts;

/** SA-2: a follow-up done by its chosen time (its planned day), on its theme, with a record after the call. */
const followUpDone = defineCheck<FollowUp>({
  id: 'SA-2.follow_up',
  ruleId: 'SA-2',
  version: 1,
  subjectKind: 'follow_up',
  title: localized('按约定时间回访并记录', '按約定時間回訪並記錄', 'Follow-up done on time, with a record'),
  evaluate(facts, now) {
    const link = { kind: 'follow_up' as const, id: facts.id };
    const planned: Evidence = {
      label: localized('计划回访', '計劃回訪', 'Planned for'),
      value: facts.theme,
      at: facts.plannedAt,
      link,
    };
    if (facts.followUpKind === 'after_sales')
      return notApplicable(planned, {
        label: localized('入伙后回访(SA-18)', '入伙後回訪(SA-18)', 'An after move-in check-in (SA-18)'),
      });
    if (facts.status === 'cancelled')
      return notApplicable(planned, {
        label: localized('已取消', '已取消', 'Cancelled'),
        value: facts.cancelReason,
      });
    if (facts.status === 'planned')
      return now.toISOString() < facts.dueBy
        ? pending(facts.dueBy, planned)
        : missed(planned, {
            label: localized('逾期未回访', '逾期未回訪', 'Overdue, not done'),
            at: facts.dueBy,
          });
    const done: Evidence = {
      label: localized('回访记录', '回訪記錄', 'Recorded after the call'),
      value: localized(
        `${facts.recordLength} 字`,
        `${facts.recordLength} 字`,
        `${facts.recordLength} characters`,
      ),
      at: facts.doneAt,
      link,
    };
    if (!facts.theme.trim())
      return missed(planned, done, { label: localized('没有回访主题', '沒有回訪主題', 'No theme') });
    if (facts.recordLength === 0) return missed(planned, done);
    if (!facts.doneAt || facts.doneAt >= facts.dueBy)
      return missed(planned, done, {
        label: localized('晚于约定时间', '晚於約定時間', 'Later than the chosen time'),
        at: facts.dueBy,
      });
    return met(planned, done);
  },
});

/** The sales checks: sales calls and follow-ups here, visits in sales-visit.checks.ts. */
export const salesChecks: CheckDefinition<SubjectFacts>[] = [
  callOrder,
  callGreeting,
  callRegister,
  callBook,
  followUpDone,
  ...visitChecks,
];
