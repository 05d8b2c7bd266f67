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
export { callsEncryptedData, ctiUploadSigningText, signCtiRequest } from './cti.crypto.js';
export { ctiRoutes } from './cti.routes.js';
export { ctiHeaders } from './cti.service.js';
export { ctiCallIdHeader } from './cti-recordings.routes.js';
export { type DeskFigures, findDeskFigures } from './desk-figures.service.js';
export { scheduleRecordingRetention } from './recording-retention.js';
