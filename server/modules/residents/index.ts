import { registerOwnerConsentSource } from '../customers/index.js';
import { findConsentsOfCustomers } from './residents.desk.js';
import './residents.import-run.js';

// SA-18: campaigns and after-move-in care ask the register which customers are owners who consented.
registerOwnerConsentSource(findConsentsOfCustomers);

export { moveOutResident, setResidentConsent } from './residents.changes.js';
export { seedResidentsDemo } from './residents.demo.js';
/**
 * The property desk's register of residents (issue 18). Calls asks it who is calling
 * (`findCallerResidents`) and whom a caller asks for (`findResidentsForCaller`, CS-4); deals makes
 * a unit's buyers its owners at move-in (`recordOwnersAtMoveIn`, SA-17).
 */
export { findCallerResidents, findResidentsForCaller } from './residents.desk.js';
export { residentErrors } from './residents.errors.js';
export { cancelResidentImport, commitResidentImport, previewResidentImport } from './residents.import.js';
export { runResidentImport } from './residents.import-run.js';
export { type MovingInOwner, recordOwnersAtMoveIn } from './residents.move-in.js';
export { residentsRoutes } from './residents.routes.js';
export { callerResidentSchema, residentMatchSchema } from './residents.schemas.js';
export { createResident, findResidents } from './residents.service.js';
export type { ResidentsTables } from './residents.tables.js';
