import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../app/data/use-api-query';
import { dealsApi, type RestDay } from '../deals.api';

/** The rest days among `dates` (valid `YYYY-MM-DD` only), reloaded whenever the set changes. */
export function useRestDays(dates: ReadonlyArray<string | null | undefined>): Map<string, RestDay> {
  const valid = [
    ...new Set(dates.filter((day): day is string => Boolean(day && /^\d{4}-\d{2}-\d{2}$/.test(day)))),
  ].sort();
  const key = valid.join(',');
  const found = useApiQuery(key ? ['deals', 'rest-days', key] : null, (signal) =>
    dealsApi.findRestDays(valid, signal).then((result) => result.items),
  );
  return new Map((key ? (found.data ?? []) : []).map((row) => [row.day, row]));
}

/**
 * A due date that is itself a rest day is flagged, not refused: the consultant sees it while
 * filling the form and can keep it (the buyer may pay online) or pick a working day.
 */
export function RestDayWarning({ dates }: { dates: DatedEntry[] }) {
  const restDays = useRestDays(dates.map((entry) => entry.day));
  return <RestDayAlert dates={dates} restDays={restDays} />;
}

interface DatedEntry {
  label: string;
  day: string | null | undefined;
}

/** The warning for rest days already looked up (a page that also tags dates in a list). */
export function RestDayAlert({ dates, restDays }: { dates: DatedEntry[]; restDays: Map<string, RestDay> }) {
  const { t } = useTranslation('deals');
  const flagged = dates.filter((entry) => entry.day && restDays.has(entry.day));
  if (flagged.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('restDay.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {flagged.map((entry) => (
            <li key={`${entry.label}-${entry.day}`}>
              {t('restDay.item', {
                label: entry.label,
                day: entry.day,
                reason: t(`restDay.${restDays.get(entry.day ?? '')?.reason ?? 'weekend'}`),
              })}
            </li>
          ))}
        </ul>
      }
      data-testid="rest-day-warning"
    />
  );
}

/** A small tag beside a date in a list (the transaction file's payment items and appointments). */
export function RestDayTag({ day, restDays }: { day: string; restDays: Map<string, RestDay> }) {
  const { t } = useTranslation('deals');
  const found = restDays.get(day);
  if (!found) return null;
  return (
    <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="rest-day-tag">
      {t('restDay.tag')} · {t(`restDay.${found.reason}`)}
    </Tag>
  );
}
