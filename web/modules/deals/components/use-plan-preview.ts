import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { isAbortError, isApiError } from '../../../app/api';
import { dealsApi, type Plan, type PlanPreview } from '../deals.api';
import { type FormValues, toChoices } from './plan-form-values';

/**
 * The price as the server would compute it, refreshed a moment after each change (SA-9). An opened
 * or just-saved plan shows its stored figures until something is changed (`edits` counts changes).
 */
export function usePlanPreview(
  form: FormInstance<FormValues>,
  options: { unitId: string | undefined; id: string | undefined; stored: Plan | null | undefined },
) {
  const { unitId: previewUnitId, id } = options;
  const stored = options.stored;
  const [edits, setEdits] = useState(0);
  const [preview, setPreview] = useState<{ key: string; data: PlanPreview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const latestPreview = useRef<{ key: string; data: PlanPreview } | null>(null);

  useEffect(() => {
    // An opened or just-saved plan shows its stored figures until something is changed.
    if (!previewUnitId || ((id || stored) && edits === 0)) {
      setPreview(null);
      setPreviewError(null);
      return;
    }
    const choices = toChoices(form.getFieldsValue(true) as FormValues);
    const key = JSON.stringify({ unitId: previewUnitId, ...choices });
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setPreviewing(true);
      dealsApi
        .previewPlan({ ...choices, unitId: previewUnitId }, controller.signal)
        .then((data) => {
          latestPreview.current = { key, data };
          setPreview({ key, data });
          setPreviewError(null);
        })
        .catch((error: unknown) => {
          if (isAbortError(error)) return;
          setPreview(null);
          setPreviewError(
            isApiError(error) && error.fields ? Object.values(error.fields).join(' ') : String(error),
          );
        })
        .finally(() => {
          if (!controller.signal.aborted) setPreviewing(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [previewUnitId, edits, id, stored, form]);

  return { edits, setEdits, preview, previewError, previewing, latestPreview };
}
