import type { Presence } from '../staff/index.js';
import type { TurnSkipReason, VisitStep } from './reception.tables.js';

export interface OrderMember {
  staffId: string;
  presence: Presence;
}

/**
 * SA-1(1) fair rotation (轮接): the next one after whoever took the last turn, skipping those
 * away, busy or off duty. Null when nobody is at their desk.
 */
export function nextInOrder(order: OrderMember[], lastStaffId: string | null): string | null {
  if (order.length === 0) return null;
  const lastIndex = lastStaffId ? order.findIndex((member) => member.staffId === lastStaffId) : -1;
  for (let step = 1; step <= order.length; step++) {
    const member = order[(lastIndex + step + order.length) % order.length];
    if (member.presence === 'at_desk') return member.staffId;
  }
  return null;
}

/** What the consultant says when taking a turn that is someone else's. */
export interface OutOfTurn {
  reason: 'customer_request' | 'next_with_customer' | 'next_not_answering' | 'other';
  note: string;
}

/** How a turn stands against the order, as answering_turns records it (SA-1(1)). */
export interface TurnRecord {
  isInTurn: boolean;
  skippedStaffId: string | null;
  skipReason: TurnSkipReason | null;
  skipNote: string;
}

/**
 * SA-1(1): the actor's turn against the order. In turn, it names the one plain rotation would have
 * given it to when the rotation passed over them, with the presence that made it (the system's
 * reason). Out of turn, it names whose turn it was and the consultant's reason; null when the
 * actor is not next and gave no reason (they are told whose turn it is).
 */
export function decideTurn(
  rotation: OrderMember[],
  lastStaffId: string | null,
  nextStaffId: string,
  actorStaffId: string,
  outOfTurn: OutOfTurn | null,
): TurnRecord | null {
  if (nextStaffId !== actorStaffId) {
    if (!outOfTurn) return null;
    return {
      isInTurn: false,
      skippedStaffId: nextStaffId,
      skipReason: outOfTurn.reason,
      skipNote: outOfTurn.note,
    };
  }
  const lastIndex = lastStaffId ? rotation.findIndex((member) => member.staffId === lastStaffId) : -1;
  const plain = rotation.length ? rotation[(lastIndex + 1) % rotation.length] : undefined;
  if (!plain || plain.staffId === actorStaffId)
    return { isInTurn: true, skippedStaffId: null, skipReason: null, skipNote: '' };
  return {
    isInTurn: true,
    skippedStaffId: plain.staffId,
    skipReason: plain.presence === 'at_desk' ? 'busy' : plain.presence,
    skipNote: '',
  };
}

/** The day's order keeps its saved sequence; consultants added since join at the end, those gone drop out. */
export function mergeOrder(saved: string[], consultants: string[]): string[] {
  const present = new Set(consultants);
  const kept = saved.filter((id) => present.has(id));
  return [...kept, ...consultants.filter((id) => !kept.includes(id))];
}

/** SA-1(1): the sales-line greeting, “您好!**(项目)!”, with the project's name in place of **. */
export function salesGreeting(projectName: string): string {
  return `您好！${projectName}！`;
}

export interface VisitStepDefinition {
  step: VisitStep;
  rule: string;
  /** The standard phrase of DOMAIN.md, verbatim; *** is the consultant's own name. */
  phrase: string;
}

/** The guided visit (SA-5 … SA-11), in the order the reception flows. */
export const visitSteps: readonly VisitStepDefinition[] = [
  { step: 'greet', rule: 'SA-5', phrase: '您好！欢迎看房。我是***' },
  { step: 'boards', rule: 'SA-6', phrase: '' },
  { step: 'show_flat', rule: 'SA-7', phrase: '请随我来/请往这边走' },
  { step: 'seated', rule: 'SA-8', phrase: '请这(那)边座，让我来给您详细介绍' },
  { step: 'plan', rule: 'SA-9', phrase: '' },
  { step: 'registration', rule: 'SA-10', phrase: '' },
  { step: 'see_off', rule: 'SA-11', phrase: '再见，项目有什么不清楚的问题随时(打电话)给我！' },
];

export function phraseFor(step: VisitStepDefinition, consultantName: string): string {
  return step.phrase.replace('***', consultantName);
}

export function nextStep(step: VisitStep): VisitStep | null {
  const index = visitSteps.findIndex((definition) => definition.step === step);
  return visitSteps[index + 1]?.step ?? null;
}
