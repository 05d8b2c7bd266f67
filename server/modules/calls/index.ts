export { seedCallDeskDemo } from './calls.demo.js';
export { callsRoutes } from './calls.routes.js';
export type { CallsTables } from './calls.tables.js';
export {
  type CallConformanceFacts,
  callFactSource,
  type IncidentConformanceFacts,
  incidentFactSource,
  type LeaderCallConformanceFacts,
  leaderCallFactSource,
  type MessageConformanceFacts,
  messageFactSource,
  type SecondCallHold,
} from './conformance-facts.js';
export { callsEncryptedData, signCtiRequest } from './cti.crypto.js';
export { ctiRoutes } from './cti.routes.js';
export { ctiHeaders } from './cti.service.js';
export { type DeskFigures, findDeskFigures } from './desk-figures.service.js';
