import type { ReactNode } from 'react';
import { dealsApi } from '../deals.api';

/** An uploaded deal file (ID copy, notarised authorisation, signed statement), opened in a new tab. */
export function DealFileLink({ fileId, children }: { fileId: string; children: ReactNode }) {
  return (
    <a href={dealsApi.fileUrl(fileId)} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}
