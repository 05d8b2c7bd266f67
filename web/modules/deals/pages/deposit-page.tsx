import { Skeleton } from 'antd';
import { Navigate, useParams } from 'react-router-dom';
import { useApiQuery } from '../../../app/data/use-api-query';
import { dealsApi } from '../deals.api';

/**
 * A deposit opened by its id (a deal is scored as its deposit, so the conformance drill-down links
 * here): the best page that shows it — its transaction file, else its agreement, else the deposits
 * list. The lists are the caller's scope, so a deposit they may not see lands on the deposits list.
 */
export default function DepositPage() {
  const { id } = useParams();
  const listed = `/deals?tab=deposits&depositId=${encodeURIComponent(id ?? '')}`;
  const target = useApiQuery(id ? ['deals', 'deposit-page', id] : null, async (signal) => {
    const query = { depositId: id!, page: 1, pageSize: 1 };
    const files = await dealsApi.findFiles(query, signal);
    if (files.items[0]) return `/deals/files/${files.items[0].id}`;
    const agreements = await dealsApi.findAgreements(query, signal);
    if (agreements.items[0]) return `/deals/agreements/${agreements.items[0].id}`;
    return listed;
  });
  if (target.data) return <Navigate to={target.data} replace />;
  if (target.error) return <Navigate to={listed} replace />;
  return <Skeleton active />;
}
