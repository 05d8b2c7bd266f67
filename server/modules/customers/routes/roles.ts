import type { Role } from '../../../../contracts/roles.js';

export const salesStaff: Role[] = ['manager', 'controller', 'consultant', 'finance'];
export const frontline: Role[] = ['manager', 'consultant'];
// The DPO opens customers to act on their rights (PRIV); numbers stay masked for them.
export const viewers: Role[] = [...salesStaff, 'dpo'];
export const managers: Role[] = ['manager'];
