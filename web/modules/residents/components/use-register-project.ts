import { useEffect, useMemo, useState } from 'react';
import { registerRoles } from '../../../../contracts/residents';
import type { Role } from '../../../../contracts/roles';
import { useCurrentUser } from '../../../app/auth';
import { useProjects } from '../../../app/data/projects';

export { registerRoles };

const storageKey = 'ykResidentsProject';

/**
 * The project whose register a screen shows: sales projects (owners recorded at move-in) and
 * estates alike, among those the user reads the register of; an estate first, then the last choice.
 */
export function useRegisterProject() {
  const user = useCurrentUser();
  const { projects: all } = useProjects();
  const projects = useMemo(() => {
    const grants = user.roles.filter((grant) => (registerRoles as readonly Role[]).includes(grant.role));
    const isCompanyWide = grants.some((grant) => grant.projectId === null);
    return all
      .filter((project) => !project.isArchived)
      .filter((project) => isCompanyWide || grants.some((grant) => grant.projectId === project.id))
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'estate' ? -1 : 1));
  }, [all, user.roles]);
  const [chosen, setChosen] = useState<string | null>(() => {
    try {
      return localStorage.getItem(storageKey);
    } catch {
      return null;
    }
  });
  useEffect(() => {
    if (projects.length && !projects.some((project) => project.id === chosen)) setChosen(projects[0]!.id);
  }, [projects, chosen]);
  const setProjectId = (id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(storageKey, id);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  const projectId = projects.some((project) => project.id === chosen) ? chosen : null;
  return { projectId, projects, setProjectId };
}
