import type { Tx } from '../../platform/db/database.js';
import { normalisePhone } from './customers.rules.js';
import type { CustomerCategory } from './customers.tables.js';

export interface CustomerByPhone {
  customerId: string;
  projectId: string;
  name: string;
  category: CustomerCategory;
  /** The consultant who owns the customer (客户归属), if any. */
  ownerStaffId: string | null;
  /** The matched number, E.164 (+86…): mask it before showing it. */
  phoneE164: string;
}

/**
 * The customers of the given projects who registered a number, found through its normalised form
 * (E.164, as customer_phones keeps it: "138-0013-8000", "+86 13800138000" and "0086 138…" are one
 * number), by the (project_id, phone_e164) unique index. Erased customers (PIPL deletion) are never
 * returned. A number that cannot be a Chinese phone number finds nobody. Most recently updated first.
 */
export async function findCustomersByPhone(
  db: Tx,
  options: { companyId: string; projectIds: readonly string[]; phone: string; limit?: number },
): Promise<CustomerByPhone[]> {
  const normalised = normalisePhone(options.phone);
  if (!normalised || options.projectIds.length === 0) return [];
  return db
    .selectFrom('customerPhones')
    .innerJoin('customers', 'customers.id', 'customerPhones.customerId')
    .select([
      'customers.id as customerId',
      'customers.projectId as projectId',
      'customers.name as name',
      'customers.category as category',
      'customers.ownerStaffId as ownerStaffId',
      'customerPhones.phoneE164 as phoneE164',
    ])
    .where('customerPhones.projectId', 'in', [...options.projectIds])
    .where('customerPhones.phoneE164', '=', normalised.e164)
    .where('customers.companyId', '=', options.companyId)
    .where('customers.isErased', '=', 0)
    .orderBy('customers.updatedAt', 'desc')
    .limit(options.limit ?? 5)
    .execute();
}
