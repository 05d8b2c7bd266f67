import type { Localized } from '../../../../contracts/locales.js';
import { localized } from '../../../platform/errors.js';
import type { CallConformanceFacts } from '../../calls/index.js';
import type { Evidence, SubjectKind } from './check-types.js';

// Evidence the desk checks share: labels, counts and durations in 简体, 繁體 and English.

export const label = localized;

export const deskKindNames: Record<CallConformanceFacts['deskKind'], Localized> = {
  service_centre: localized('客户服务中心', '客戶服務中心', 'Service centre'),
  security_post: localized('物业/卡口', '物業/卡口', 'Property office / post'),
};

export function ringsValue(rings: number): Localized {
  return localized(`${rings} 声`, `${rings} 聲`, rings === 1 ? '1 ring' : `${rings} rings`);
}

export function secondsValue(ms: number): Localized {
  const seconds = Math.round(ms / 100) / 10;
  return localized(`${seconds} 秒`, `${seconds} 秒`, `${seconds} s`);
}

export function minutesValue(minutes: number): Localized {
  return localized(`${minutes} 分钟`, `${minutes} 分鐘`, `${minutes} min`);
}

/** Which version of the desk's phrase the screen showed: 0 (or unknown) is the built-in one. */
export function phraseVersionValue(version: number | null): Localized {
  return version === 0 || version === null
    ? localized('标准版本', '標準版本', 'standard version')
    : localized(`第 ${version} 版`, `第 ${version} 版`, `version ${version}`);
}

export const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
export const elapsedMs = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from));

export function deskKindEvidence(facts: CallConformanceFacts): Evidence {
  return {
    label: localized('接听席类型', '接聽席類型', 'Desk kind'),
    value: deskKindNames[facts.deskKind],
    link: { kind: 'call', id: facts.id },
  };
}

export const at = (
  what: Localized,
  when: string | null,
  link?: { kind: SubjectKind; id: string },
): Evidence => ({
  label: what,
  at: when,
  ...(link ? { link } : {}),
});

/** The desk's reading of "within N rings", as the settings put it. */
export function ringLimitEvidence(facts: CallConformanceFacts): Evidence {
  const reading =
    facts.ringCounting === 'during_ring'
      ? localized('第 N 声响铃期间', '第 N 聲響鈴期間', 'during ring N')
      : localized('下一声响起之前', '下一聲響起之前', 'before the next ring');
  const limit = ringsValue(facts.maxRings);
  return {
    label: localized('时限', '時限', 'Limit'),
    value: localized(
      `${limit['zh-CN']}之内(${reading['zh-CN']},每 ${facts.cadenceSeconds} 秒一声)`,
      `${limit['zh-TW']}之內(${reading['zh-TW']},每 ${facts.cadenceSeconds} 秒一聲)`,
      `within ${limit.en} (${reading.en}, one ring every ${facts.cadenceSeconds} s)`,
    ),
  };
}

export const callInProgress = (facts: CallConformanceFacts): Evidence => ({
  label: localized('通话尚未结束', '通話尚未結束', 'The call is still in progress'),
  at: facts.ringingAt,
  link: { kind: 'call', id: facts.id },
});

export const isOpen = (facts: CallConformanceFacts) =>
  facts.status === 'ringing' || facts.status === 'answered' || facts.status === 'on_hold';

/** An open call is looked at again a minute on (its end changes its facts anyway). */
export const soon = (now: Date) => new Date(now.getTime() + 60_000).toISOString();
