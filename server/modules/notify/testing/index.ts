// What other modules' tests need to send through notify: a provider set up, fake gateways, a
// staff member reading their inbox.
export { markInboxRead } from '../use-cases/inbox.js';
export { saveProvider } from '../use-cases/providers.js';
export * from './fake-providers.js';
