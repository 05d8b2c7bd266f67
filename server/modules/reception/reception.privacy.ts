import { registerPersonalDataSource } from '../customers/index.js';
import * as queries from './reception.queries.js';

// Calls and visits hold a customer's number and words: they go with an export and an erasure.
registerPersonalDataSource({
  name: 'reception',
  async exportFor(db, customerId) {
    const [calls, visits] = await Promise.all([
      queries.findCallsOfCustomer(db, customerId),
      queries.findVisitsOfCustomer(db, customerId),
    ]);
    return { calls, visits };
  },
  async eraseFor(trx, customerId) {
    const calls = await queries.anonymiseCallsOfCustomer(trx, customerId);
    const visits = await queries.anonymiseVisitsOfCustomer(trx, customerId);
    return [{ category: 'callsAndVisits', outcome: 'anonymised', count: calls + visits }];
  },
});
