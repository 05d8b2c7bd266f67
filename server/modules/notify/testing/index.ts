// What other modules' tests need to send through notify: a provider set up, fake gateways.
export { saveProvider } from '../use-cases/providers.js';
export * from './fake-providers.js';
