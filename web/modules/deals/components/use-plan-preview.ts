import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../app/api';
import { useApiQuery } from '../../../app/data/use-api-query';
import { useDebouncedValue } from '../../../app/data/use-debounced-value';
import { dealsApi, type Plan, type PlanPreview } from '../deals.api';
import { type FormValues, toChoices } from './plan-form-values';

type PreviewRequest = Parameters<typeof dealsApi.previewPlan>[0];

/**
 * The price as the server would compute it, asked a moment after the last change (SA-9). An opened
 * or just-saved plan shows its stored figures until something is changed (`edits` counts changes).
 * The request is the query key, so an answer for choices already changed again is never shown.
 */
export function usePlanPreview(
  form: FormInstance<FormValues>,
  options: { unitId: string | undefined; id: string | undefined; stored: Plan | null | undefined },
) {
  const { unitId, id, stored } = options;
  const [edits, setEdits] = useState(0);
  const [requestKey, setRequestKey] = useState<string | null>(null);
  useEffect(() => {
    if (!unitId || ((id || stored) && edits === 0)) {
      setRequestKey(null);
      return;
    }
    const choices = toChoices(form.getFieldsValue(true) as FormValues);
    setRequestKey(JSON.stringify({ unitId, ...choices }));
  }, [unitId, edits, id, stored, form]);
  const settledKey = useDebouncedValue(requestKey, 250);
  const key = requestKey === null ? null : settledKey;
  const query = useApiQuery(
    key === null ? null : ['deals', 'plan-preview', key],
    (signal) => dealsApi.previewPlan(JSON.parse(key ?? '{}') as PreviewRequest, signal),
    { quiet: true },
  );
  const preview = key !== null && query.data ? { key, data: query.data } : null;
  // The save asks again only when the choices differ from the last preview's.
  const latestPreview = useRef<{ key: string; data: PlanPreview } | null>(null);
  if (preview) latestPreview.current = preview;
  const error = key !== null ? query.error : null;
  const previewError = error
    ? isApiError(error) && error.fields
      ? Object.values(error.fields).join(' ')
      : String(error)
    : null;
  return { edits, setEdits, preview, previewError, previewing: query.fetching, latestPreview };
}
