import type { Db, Tx } from '../../platform/db/database.js';

/**
 * What departments need to know of the people in them. Staff own those rows and depend on org, so
 * org does not import them: the staff module provides these functions when it loads.
 */
export interface DepartmentStaff {
  displayNames(db: Db, staffIds: string[]): Promise<Map<string, string>>;
  countsByDepartment(db: Db, companyId: string): Promise<Map<string, number>>;
  belongsToCompany(db: Tx, staffId: string, companyId: string): Promise<boolean>;
}

let provided: DepartmentStaff | null = null;

export function provideDepartmentStaff(staff: DepartmentStaff): void {
  provided = staff;
}

export function departmentStaff(): DepartmentStaff {
  if (!provided) throw new Error('the staff module has not provided DepartmentStaff');
  return provided;
}
