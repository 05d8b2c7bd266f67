import { useProjectSelection } from '../../../app/data/projects';

/**
 * The sales project a page shows: the app's one project selection (web/app/data/projects.ts) under
 * the names the deals pages still use; those switch to useProjectSelection, then this goes.
 */
export function useSalesProject() {
  const { projects, projectId, setProjectId, loading } = useProjectSelection({ kind: 'sales' });
  return { salesProjects: projects, projectId, setProjectId, loading };
}
