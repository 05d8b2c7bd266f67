import type { Localized } from '../../../../contracts/locales.js';
import { localized } from '../../../platform/errors.js';
import type { TurnFacts, TurnSkipReason } from '../../reception/index.js';
import type { Evidence, SubjectKind } from './check-types.js';

// Evidence the sales checks share: the turn against the answering order, durations, reasons.

const skipReasons: Record<TurnSkipReason, Localized> = {
  customer_request: localized('客户指定该顾问', '客戶指定該顧問', 'The customer asked for this consultant'),
  next_with_customer: localized(
    '轮到者正在接待客户',
    '輪到者正在接待客戶',
    'The one whose turn it was was with a customer',
  ),
  next_not_answering: localized('轮到者未接听', '輪到者未接聽', 'The one whose turn it was did not answer'),
  other: localized('其他原因', '其他原因', 'Another reason'),
  busy: localized('忙碌(系统记录)', '忙碌(系統記錄)', 'Busy (recorded by the system)'),
  away: localized('离开座位(系统记录)', '離開座位(系統記錄)', 'Away (recorded by the system)'),
  off: localized('不在岗(系统记录)', '不在崗(系統記錄)', 'Off duty (recorded by the system)'),
};

function reasonValue(turn: TurnFacts): Localized {
  const reason = turn.skipReason ? skipReasons[turn.skipReason] : localized('未说明', '未說明', 'Not given');
  if (!turn.skipNote) return reason;
  return localized(
    `${reason['zh-CN']}:${turn.skipNote}`,
    `${reason['zh-TW']}:${turn.skipNote}`,
    `${reason.en}: ${turn.skipNote}`,
  );
}

/** Who took the turn, whose it was or whom the rotation passed over, and why. */
export function turnEvidence(turn: TurnFacts, link: { kind: SubjectKind; id: string }): Evidence[] {
  const evidence: Evidence[] = [
    {
      label: turn.isInTurn
        ? localized('按轮接顺序接待', '按輪接順序接待', 'Taken in turn by')
        : localized('未按轮接顺序接待', '未按輪接順序接待', 'Taken out of turn by'),
      value: turn.takenByName,
      at: turn.at,
      link,
    },
  ];
  if (turn.skippedStaffId)
    evidence.push(
      {
        label: turn.isInTurn
          ? localized('轮转跳过', '輪轉跳過', 'Passed over by the rotation')
          : localized('本应轮到', '本應輪到', 'Whose turn it was'),
        value: turn.skippedName ?? '',
        link: { kind: 'staff', id: turn.skippedStaffId },
      },
      { label: localized('原因', '原因', 'Why'), value: reasonValue(turn) },
    );
  return evidence;
}

export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 6000) / 10;
}

export function minutesValue(minutes: number, limit?: number): Localized {
  return limit === undefined
    ? localized(`${minutes} 分钟`, `${minutes} 分鐘`, `${minutes} min`)
    : localized(
        `${minutes} 分钟(时限 ${limit} 分钟)`,
        `${minutes} 分鐘(時限 ${limit} 分鐘)`,
        `${minutes} min (limit ${limit} min)`,
      );
}

export function text(value: string): Localized {
  return localized(value, value, value);
}
