import type { CallConformanceFacts } from '../../calls/index.js';
import type { Evidence } from './check-types.js';
import { defineCheck, met, missed, notApplicable, pending } from './check-types.js';
import { callInProgress, isOpen, label, phraseVersionValue, soon } from './desk-evidence.js';

type Lookup = NonNullable<CallConformanceFacts['personLookup']>;
type OutcomeKind = NonNullable<Lookup['outcome']>['kind'];

const outcomeNames: Record<OutcomeKind, ReturnType<typeof label>> = {
  transferred: label('找到并转接', '找到並轉接', 'Found and put through'),
  fetched: label('找到并去叫', '找到並去叫', 'Found and fetched'),
  message: label('为其留言或传话', '為其留言或傳話', 'Message taken'),
  not_found: label('未找到，已告知来电人', '未找到，已告知來電人', 'Not found; the caller was told'),
};

function searchEvidence(search: Lookup['searches'][number]): Evidence {
  return {
    label: label('查询通讯录', '查詢通訊錄', 'Directory searched'),
    value: label(
      `“${search.query}” · ${search.resultCount} 人`,
      `「${search.query}」 · ${search.resultCount} 人`,
      `"${search.query}" · ${search.resultCount} found`,
    ),
    at: search.at,
  };
}

/**
 * CS-4: a caller asked for someone the agent did not know. Met when the screen showed the CS-4
 * phrase, the directory was searched, and the lookup ended in a transfer or fetch, a message, or
 * "not found, caller told"; a call that ends short of that is a miss; a call where the agent never
 * opened "不认识此人" is not a CS-4 call.
 */
export const personLookupCheck = defineCheck<CallConformanceFacts>({
  id: 'CS-4.lookup',
  ruleId: 'CS-4',
  version: 1,
  subjectKind: 'call',
  title: label(
    '不认识所找的人时查询并有结果',
    '不認識所找的人時查詢並有結果',
    'Unknown person looked up, with an outcome',
  ),
  evaluate(facts, now) {
    const lookup = facts.personLookup;
    if (!lookup)
      return notApplicable({
        label: label(
          '接听人认识所找的人或未找人',
          '接聽人認識所找的人或未找人',
          'No unknown person was asked for',
        ),
        link: { kind: 'call', id: facts.id },
      });
    const shown: Evidence = {
      label: label('显示“不认识此人”用语', '顯示「不認識此人」用語', 'Phrase for an unknown person shown'),
      value: phraseVersionValue(lookup.phraseVersion),
      at: lookup.shownAt,
      link: { kind: 'call', id: facts.id },
    };
    const searches = lookup.searches.map(searchEvidence);
    const outcome: Evidence[] = lookup.outcome
      ? [
          {
            label: outcomeNames[lookup.outcome.kind],
            value: lookup.outcome.staffName ?? '',
            at: lookup.outcome.at,
            ...(lookup.outcome.staffId
              ? { link: { kind: 'staff' as const, id: lookup.outcome.staffId } }
              : {}),
          },
        ]
      : [];
    const evidence = [shown, ...searches, ...outcome];
    if (searches.length > 0 && lookup.outcome) return met(...evidence);
    if (isOpen(facts)) return pending(soon(now), ...evidence, callInProgress(facts));
    const gaps: Evidence[] = [];
    if (searches.length === 0)
      gaps.push({ label: label('未查询通讯录', '未查詢通訊錄', 'The directory was not searched') });
    if (!lookup.outcome)
      gaps.push({
        label: label(
          '未记录结果（转接、留言或告知未找到）',
          '未記錄結果（轉接、留言或告知未找到）',
          'No outcome on record (transfer, message or caller told)',
        ),
      });
    return missed(...evidence, ...gaps);
  },
});
