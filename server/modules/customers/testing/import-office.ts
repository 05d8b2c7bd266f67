import type { Db } from '../../../platform/db/database.js';
import { buildOrg, buildStaff } from '../../../testing/factories.js';

/** A sales office importing its register: three consultants named in it, the importer and a manager. */
export async function buildImportOffice(db: Db, now: Date) {
  const org = await buildOrg(db, now);
  const sales = (role: 'consultant' | 'manager') => [{ role, projectId: org.salesProjectId }];
  const zhang = await buildStaff(db, org, { roles: sales('consultant'), displayName: '张伟' });
  const liu = await buildStaff(db, org, { roles: sales('consultant'), displayName: '刘洋' });
  const wang = await buildStaff(db, org, { roles: sales('consultant'), displayName: '王芳' });
  const importer = await buildStaff(db, org, { roles: sales('consultant'), displayName: '陈静' });
  const manager = await buildStaff(db, org, { roles: sales('manager'), displayName: '周经理' });
  return { org, zhang, liu, wang, importer, manager };
}
