import { useEffect, useState } from 'react';
import { useCurrentUser } from '../../../../app/auth';
import { useApiQuery } from '../../../../app/data/use-api-query';
import { callsApi } from '../../calls.api';

const deskStorageKey = 'yk.calls.desk';

/**
 * The desk the agent works at (kept across visits), its live queue and the company's purposes.
 * Guards start at a post, service agents at the customer-service centre.
 */
export function useCallDesk() {
  const user = useCurrentUser();
  const desks = useApiQuery(['calls', 'desks'], (signal) => callsApi.findDesks(signal));
  const [deskId, setDeskId] = useState<string | null>(() => window.localStorage.getItem(deskStorageKey));
  const deskList = desks.data?.items ?? [];
  const preferredKind =
    user.roles.some((grant) => grant.role === 'guard') && !user.roles.some((grant) => grant.role === 'agent')
      ? 'security_post'
      : 'service_centre';
  const desk =
    deskList.find((item) => item.id === deskId) ??
    deskList.find((item) => item.kind === preferredKind) ??
    deskList[0];
  useEffect(() => {
    if (desk && desk.id !== deskId) setDeskId(desk.id);
  }, [desk, deskId]);
  useEffect(() => {
    if (deskId) window.localStorage.setItem(deskStorageKey, deskId);
  }, [deskId]);

  const queue = useApiQuery(desk ? ['calls', 'queue', desk.id] : null, (signal) =>
    callsApi.getQueue(desk?.id ?? '', signal),
  );
  const purposes = useApiQuery(['calls', 'purposes'], (signal) => callsApi.findPurposes(signal));
  return {
    desks,
    deskList,
    desk,
    setDeskId,
    queue,
    calls: queue.data?.items ?? [],
    policy: queue.data?.desk.policy,
    purposes: purposes.data?.items ?? [],
  };
}
