import { useEffect, useMemo, useState } from 'react';
import type { ListResult, Project, ProjectKind } from '../../../contracts/org';
import { api, isAbortError } from '../api';
import { useCurrentUser } from '../auth';
import { useApiQuery } from './use-api-query';

/** Every screen's project list is this one read: `['org', 'projects']`. */
export const projectsQueryKey = ['org', 'projects'] as const;

/**
 * The company's projects for pickers and name lookups. `quiet` answers an empty list to users whose
 * role cannot list projects (e.g. on the home page), where names are a nicety.
 */
export function useProjects({ quiet = false }: { quiet?: boolean } = {}) {
  const request = useApiQuery<Project[]>([...projectsQueryKey, quiet ? 'quiet' : 'loud'], (signal) =>
    api
      .get<ListResult<Project>>('/org/projects', undefined, signal)
      .then((result) => result.items)
      .catch((error: unknown) => {
        if (quiet && !isAbortError(error)) return [];
        throw error;
      }),
  );
  const projects = request.data ?? noProjects;
  const projectNames = useMemo(
    () => new Map(projects.map((project) => [project.id, project.name])),
    [projects],
  );
  return { ...request, projects, projectNames };
}

const noProjects: Project[] = [];
const storageKey = 'ykSalesProject';

function readStoredProject(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export interface ProjectSelection {
  projectId: string | null;
  project: Project | null;
  /** The projects the user may pick among (not archived, of the kind asked for). */
  projects: Project[];
  setProjectId(id: string): void;
  loading: boolean;
}

/**
 * The one project a screen works in: the last one the user chose (remembered on this PC across
 * screens and sign-ins), else the first project they hold a role in, else the first of the kind.
 */
export function useProjectSelection({ kind = 'sales' }: { kind?: ProjectKind } = {}): ProjectSelection {
  const user = useCurrentUser();
  const { projects: all, loading } = useProjects();
  const projects = useMemo(
    () => all.filter((project) => project.kind === kind && !project.isArchived),
    [all, kind],
  );
  const [chosen, setChosen] = useState<string | null>(readStoredProject);
  useEffect(() => {
    if (projects.length === 0) return;
    if (chosen && projects.some((project) => project.id === chosen)) return;
    const granted = user.roles
      .map((grant) => grant.projectId)
      .find((id) => id && projects.some((project) => project.id === id));
    setChosen(granted ?? projects[0].id);
  }, [projects, chosen, user.roles]);
  const setProjectId = (id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(storageKey, id);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  const project = projects.find((item) => item.id === chosen) ?? null;
  return { projectId: project?.id ?? null, project, projects, setProjectId, loading };
}
