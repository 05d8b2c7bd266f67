import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../../../app/data/use-api-query';
import { callsApi } from '../../calls.api';

/**
 * The call on the agent's screen and its detail. The language is part of the key (the server fills
 * the phrases in it); switching calls cancels the load of the one left, so a slow answer for an
 * earlier call never replaces the current one.
 */
export function useActiveCall() {
  const { i18n } = useTranslation();
  const [activeId, setActiveId] = useState<string | null>(null);
  const detail = useApiQuery(activeId ? ['calls', 'call', activeId, i18n.language] : null, (signal) =>
    callsApi.getCall(activeId ?? '', signal),
  );
  return { activeId, setActiveId, detail: activeId ? (detail.data ?? null) : null, detailQuery: detail };
}
