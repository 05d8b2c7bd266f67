import { useMemo } from 'react';
import { isAbortError } from '../../app/api';
import { useRequest } from '../../app/components/use-request';
import { orgApi, type Project } from './org.api';

/**
 * The company's projects for pickers and name lookups. `quiet` swallows errors for users whose role
 * cannot list projects (e.g. on the home page), where names are a nicety.
 */
export function useProjects({ quiet = false }: { quiet?: boolean } = {}) {
  const request = useRequest<Project[]>(
    (signal) =>
      orgApi
        .findProjects(signal)
        .then((result) => result.items)
        .catch((error: unknown) => {
          if (quiet && !isAbortError(error)) return [];
          throw error;
        }),
    quiet ? 'quiet' : 'loud',
  );
  const projects = request.data ?? [];
  const projectNames = useMemo(
    () => new Map(projects.map((project) => [project.id, project.name])),
    [projects],
  );
  return { ...request, projects, projectNames };
}
