import type { Localized } from '../../../../contracts/locales.js';
import { localized } from '../../../platform/errors.js';
import type { VisitConformanceFacts, VisitStepFacts } from '../../reception/index.js';
import {
  type CheckDefinition,
  type CheckOutcome,
  defineCheck,
  type Evidence,
  met,
  missed,
  notApplicable,
  pending,
  type RuleId,
} from './check-types.js';
import { minutesBetween, minutesValue, turnEvidence } from './sales-evidence.js';

// The visit (SA-1 for the answering order, SA-5 … SA-11 for the guided steps), decided from the
// visit, its timed steps and its turn as reception recorded them.

type Visit = VisitConformanceFacts;
type StepName = VisitStepFacts['step'];

const visitLink = (facts: Visit) => ({ kind: 'visit' as const, id: facts.id });

const stepNames: Record<StepName, Localized> = {
  greet: localized('迎接问候', '迎接問候', 'Greeting'),
  boards: localized('讲解展板', '講解展板', 'Display boards'),
  show_flat: localized('带看样板房', '帶看樣板房', 'Show flat'),
  seated: localized('入座介绍', '入座介紹', 'Seated presentation'),
  plan: localized('购房方案', '購房方案', 'Purchase plan'),
  registration: localized('来访登记', '來訪登記', 'Visitor registration'),
  see_off: localized('送客', '送客', 'Seeing off'),
};

const arrived = (facts: Visit): Evidence => ({
  label: localized('客户到访', '客戶到訪', 'Visitor arrived'),
  at: facts.arrivedAt,
  link: visitLink(facts),
});

const leftEarly = (facts: Visit): Evidence => ({
  label: localized('客户提前离开', '客戶提前離開', 'The visitor left early'),
  value: facts.leftEarlyReason,
  at: facts.leftAt,
  link: visitLink(facts),
});

function done(facts: Visit, step: VisitStepFacts): Evidence {
  return {
    label: stepNames[step.step],
    value: minutesValue(minutesBetween(step.startedAt, step.completedAt ?? step.startedAt)),
    at: step.completedAt,
    link: visitLink(facts),
  };
}

/**
 * A step not done: not applicable when the visitor left before it, pending while the visit's day
 * lasts and the visit is open, a miss after.
 */
function notDone(facts: Visit, step: StepName, now: Date): CheckOutcome {
  if (facts.leftEarlyReason) return notApplicable(arrived(facts), leftEarly(facts));
  if (facts.status === 'in_progress' && now.toISOString() < facts.dayEndsAt)
    return pending(facts.dayEndsAt, arrived(facts));
  return missed(arrived(facts), {
    label: stepNames[step],
    value: localized('未完成', '未完成', 'Not done'),
  });
}

const stepOf = (facts: Visit, step: StepName) => facts.steps.find((row) => row.step === step);

/** SA-6 … SA-9: the step done (with its duration), or skipped with a reason (not applicable); skipped without one is a miss. */
function stepCheck(id: string, ruleId: RuleId, step: StepName, title: Localized) {
  return defineCheck<Visit>({
    id,
    ruleId,
    version: 1,
    subjectKind: 'visit',
    title,
    evaluate(facts, now) {
      const row = stepOf(facts, step);
      if (!row?.completedAt) return notDone(facts, step, now);
      if (!row.isSkipped) return met(done(facts, row));
      const skipped: Evidence = {
        label: localized(
          `跳过${stepNames[step]['zh-CN']}`,
          `跳過${stepNames[step]['zh-TW']}`,
          `${stepNames[step].en} skipped`,
        ),
        value: row.note,
        at: row.completedAt,
        link: visitLink(facts),
      };
      return row.note.trim()
        ? notApplicable(skipped)
        : missed(skipped, { label: localized('未说明跳过原因', '未說明跳過原因', 'No reason given') });
    },
  });
}

/** SA-1(1): the visitor was received by the one the answering order named. */
const visitOrder = defineCheck<Visit>({
  id: 'SA-1.visit_order',
  ruleId: 'SA-1',
  version: 1,
  subjectKind: 'visit',
  title: localized('来访按轮接顺序接待', '來訪按輪接順序接待', 'Visitor received in turn'),
  evaluate(facts) {
    if (!facts.turn)
      return notApplicable(arrived(facts), {
        label: localized('没有轮接记录', '沒有輪接記錄', 'No turn recorded for this visit'),
      });
    // A visitor already in this consultant's book comes back to their own consultant (老客户).
    if (facts.bookOutcome === 'mine')
      return notApplicable(arrived(facts), {
        label: localized('老客户来访', '老客戶來訪', "A returning customer of the consultant's own book"),
      });
    const evidence = turnEvidence(facts.turn, visitLink(facts));
    return facts.turn.isInTurn ? met(...evidence) : missed(...evidence);
  },
});

const visitorKinds: Record<Visit['visitorKind'], Localized> = {
  buyer: localized('购房客户', '購房客戶', 'Buyer'),
  developer: localized('发展商', '發展商', 'Developer'),
  peer: localized('同行', '同行', 'Peer'),
  media: localized('媒体', '媒體', 'Media'),
};

/**
 * SA-3: a developer, a peer or the media who walks in is a key customer. "Anyone who enters is a
 * customer" is not checked: receiving a visitor registers them in the book in the same
 * transaction (a visit cannot exist without its customer), so such a check could never fail.
 * What can fail is the mark: a visitor already in the book keeps the category they had, and the
 * mark can be taken off by hand, so by the end of the visit's day the customer must be marked key.
 */
const keyCustomer = defineCheck<Visit>({
  id: 'SA-3.key_customer',
  ruleId: 'SA-3',
  version: 1,
  subjectKind: 'visit',
  title: localized(
    '发展商、同行、媒体来访列为重点客户',
    '發展商、同行、媒體來訪列為重點客戶',
    'Developers, peers and media marked key customers',
  ),
  evaluate(facts, now) {
    const kind: Evidence = {
      label: localized('来访身份', '來訪身份', 'Visitor'),
      value: visitorKinds[facts.visitorKind],
      at: facts.arrivedAt,
      link: visitLink(facts),
    };
    if (facts.visitorKind === 'buyer') return notApplicable(kind);
    if (facts.isCustomerErased)
      return notApplicable(kind, {
        label: localized('客户资料已按要求删除', '客戶資料已按要求刪除', 'Customer erased on request'),
      });
    // Only the owner or a manager may change a protected customer of another consultant.
    if (facts.bookOutcome === 'taken')
      return notApplicable(kind, {
        label: localized(
          '客户在其他顾问保护期内',
          '客戶在其他顧問保護期內',
          "A customer protected in another consultant's book",
        ),
      });
    if (facts.customerKeyKind)
      return met(kind, {
        label: localized('重点客户', '重點客戶', 'Key customer'),
        value: visitorKinds[facts.customerKeyKind],
      });
    const notKey: Evidence = {
      label: localized(
        '客户未列为重点客户',
        '客戶未列為重點客戶',
        'The customer is not marked a key customer',
      ),
    };
    if (now.toISOString() < facts.dayEndsAt) return pending(facts.dayEndsAt, kind, notKey);
    return missed(kind, notKey);
  },
});

/** SA-5: greeted within the project's minutes of arriving. */
const greet = defineCheck<Visit>({
  id: 'SA-5.greet',
  ruleId: 'SA-5',
  version: 1,
  subjectKind: 'visit',
  title: localized('客户进门及时迎接问候', '客戶進門及時迎接問候', 'Visitor greeted at once'),
  evaluate(facts, now) {
    const limit = facts.greetWithinMinutes;
    const deadline = new Date(Date.parse(facts.arrivedAt) + limit * 60_000).toISOString();
    const row = stepOf(facts, 'greet');
    if (!row?.completedAt) {
      if (facts.leftEarlyReason) return notApplicable(arrived(facts), leftEarly(facts));
      if (now.toISOString() < deadline) return pending(deadline, arrived(facts));
      return missed(arrived(facts), {
        label: stepNames.greet,
        value: localized(`${limit} 分钟内未完成`, `${limit} 分鐘內未完成`, `Not done within ${limit} min`),
      });
    }
    const greeted: Evidence = {
      label: stepNames.greet,
      value: minutesValue(minutesBetween(facts.arrivedAt, row.completedAt), limit),
      at: row.completedAt,
      link: visitLink(facts),
    };
    return row.completedAt <= deadline ? met(arrived(facts), greeted) : missed(arrived(facts), greeted);
  },
});

/**
 * SA-10: the visitor is registered the same day in the consultant's book. A visitor who would not
 * give a phone number is not forced: registered with the refusal recorded, that is met.
 */
const registration = defineCheck<Visit>({
  id: 'SA-10.registration',
  ruleId: 'SA-10',
  version: 1,
  subjectKind: 'visit',
  title: localized(
    '来访客户当天登记入客户登记本',
    '來訪客戶當天登記入客戶登記本',
    'Visitor registered in the book the same day',
  ),
  evaluate(facts, now) {
    if (facts.bookOutcome === 'taken')
      return notApplicable(arrived(facts), {
        label: localized(
          '客户在其他顾问保护期内',
          '客戶在其他顧問保護期內',
          "A customer protected in another consultant's book",
        ),
      });
    const row = stepOf(facts, 'registration');
    if (!row?.completedAt) return notDone(facts, 'registration', now);
    const evidence: Evidence[] = [arrived(facts), done(facts, row)];
    if (facts.isPhoneRefused)
      evidence.push({
        label: localized('电话', '電話', 'Phone'),
        value: localized(
          '客户不愿留电话(不强求)',
          '客戶不願留電話(不強求)',
          'Declined to give a number (not forced)',
        ),
      });
    if (row.completedAt >= facts.dayEndsAt)
      return missed(...evidence, {
        label: localized('未在当天登记', '未在當天登記', 'Not registered the same day'),
        at: facts.dayEndsAt,
      });
    return met(...evidence);
  },
});

/** SA-11: the visitor was seen off at the door. */
const seeOff = defineCheck<Visit>({
  id: 'SA-11.see_off',
  ruleId: 'SA-11',
  version: 1,
  subjectKind: 'visit',
  title: localized('送客至门口', '送客至門口', 'Visitor seen off at the door'),
  evaluate(facts, now) {
    const row = stepOf(facts, 'see_off');
    if (!row?.completedAt) return notDone(facts, 'see_off', now);
    return met(done(facts, row), {
      label: localized('接待历时', '接待歷時', 'Visit lasted'),
      value: minutesValue(minutesBetween(facts.arrivedAt, row.completedAt)),
    });
  },
});

export const visitChecks: CheckDefinition<Visit>[] = [
  visitOrder,
  keyCustomer,
  greet,
  stepCheck(
    'SA-6.boards',
    'SA-6',
    'boards',
    localized('按接待流程讲解展板', '按接待流程講解展板', 'Display boards presented'),
  ),
  stepCheck(
    'SA-7.show_flat',
    'SA-7',
    'show_flat',
    localized('亲自带看样板房', '親自帶看樣板房', 'Show flat visited with the consultant'),
  ),
  stepCheck(
    'SA-8.seated',
    'SA-8',
    'seated',
    localized('请客户入座详细介绍', '請客戶入座詳細介紹', 'Seated and presented in detail'),
  ),
  stepCheck(
    'SA-9.plan',
    'SA-9',
    'plan',
    localized('为客户做购房方案', '為客戶做購房方案', 'Purchase plan made'),
  ),
  registration,
  seeOff,
];
