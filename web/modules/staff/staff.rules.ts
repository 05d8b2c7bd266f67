import type { RoleGrant } from '../../app/access';

/** Form value standing in for `projectId: null` (全部项目): antd Select cannot hold null as an option value. */
export const allProjectsValue = '__all__';

export interface RoleRowValue {
  role?: RoleGrant['role'];
  projectId?: string;
}

export function toRoleRows(grants: readonly RoleGrant[]): RoleRowValue[] {
  return grants.map((grant) => ({ role: grant.role, projectId: grant.projectId ?? allProjectsValue }));
}

export function toRoleGrants(rows: readonly RoleRowValue[] | undefined): RoleGrant[] {
  return (rows ?? [])
    .filter((row): row is Required<RoleRowValue> => Boolean(row?.role))
    .map((row) => ({
      role: row.role,
      projectId: !row.projectId || row.projectId === allProjectsValue ? null : row.projectId,
    }));
}

/** Index of the first row that repeats an earlier role+project pair, or -1. */
export function findDuplicateRole(rows: readonly RoleRowValue[] | undefined): number {
  const seen = new Set<string>();
  return (rows ?? []).findIndex((row) => {
    if (!row?.role) return false;
    const key = `${row.role}:${row.projectId ?? allProjectsValue}`;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/** A masked number (138****5678) comes from the server when the viewer may not see it in full. */
export function isMaskedPhone(value: string | null | undefined): boolean {
  return Boolean(value?.includes('*'));
}

const passwordAlphabets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%&*?'];

/** 14 characters from every class, without look-alikes (0/O, 1/l/I) so it can be read out on the phone. */
export function generatePassword(length = 14): string {
  const all = passwordAlphabets.join('');
  const random = new Uint32Array(length * 2);
  crypto.getRandomValues(random);
  const characters = passwordAlphabets.map((alphabet, index) => alphabet[random[index] % alphabet.length]);
  for (let index = characters.length; index < length; index += 1)
    characters.push(all[random[index] % all.length]);
  // Shuffle so the guaranteed classes are not always first.
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const swap = random[length + index] % (index + 1);
    [characters[index], characters[swap]] = [characters[swap], characters[index]];
  }
  return characters.join('');
}
