import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff } from '../../../testing/factories.js';
import type { VisitorInput } from '../reception.service.js';

/** A visitor as the desk registers them: a couple who gave no phone. */
export function visitor(overrides: Partial<VisitorInput> = {}): VisitorInput {
  return {
    name: '来访客户',
    gender: 'unknown',
    phones: [],
    isPhoneRefused: true,
    partySize: 2,
    visitorKind: 'buyer',
    sourceChannelId: null,
    intentLayout: '',
    intentAreaMin: null,
    intentAreaMax: null,
    intentBudgetFen: null,
    intentPurpose: '',
    notes: '',
    hasContactConsent: false,
    hasMarketingConsent: false,
    ...overrides,
  };
}

/** A call the consultant saves: a caller who left name and number. */
export const callInput = {
  callerName: '钱先生',
  callerPhone: '13811112222',
  gender: 'male' as const,
  sourceChannelId: null,
  questions: '有没有三房?均价多少?',
  intentLayout: '三房',
  intentAreaMin: 100,
  intentAreaMax: 120,
  intentBudgetFen: 400_000_000,
  intentPurpose: 'self_use' as const,
  result: 'left_contact' as const,
  appointmentAt: null,
  hasContactConsent: true,
  hasMarketingConsent: false,
};

/** A sales project's desk: three consultants in the answering order and their manager. */
export async function buildReceptionOffice(db: Db, now: Date) {
  const org = await buildOrg(db, now);
  const role = (name: 'consultant' | 'manager') => [{ role: name, projectId: org.salesProjectId }];
  const first = await buildStaff(db, org, { roles: role('consultant'), displayName: '艾伦' });
  const second = await buildStaff(db, org, { roles: role('consultant'), displayName: '贝拉' });
  const third = await buildStaff(db, org, { roles: role('consultant'), displayName: '陈晨' });
  const manager = await buildStaff(db, org, { roles: role('manager'), displayName: '王经理' });
  return { org, first, second, third, manager };
}
