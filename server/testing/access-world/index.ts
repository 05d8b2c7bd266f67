/** The access matrix's world: company A (projects P1, P2) and company B, one caller per role in P1. */
export { buildAccessWorld } from './build-world.js';
export { signInBuyer } from './sign-in-buyer.js';
export {
  type AccessWorld,
  type ObjectKind,
  type Relation,
  relations,
  type Secret,
  type SecretField,
  type SiteName,
  scopeOfKind,
  type WorldObject,
} from './types.js';
