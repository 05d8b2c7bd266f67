import { useEffect, useMemo, useState } from 'react';
import { useProjects } from '../../org';

/** The sales project the page shows, remembered per browser tab. */
export function useSalesProject() {
  const { projects, loading } = useProjects();
  const salesProjects = useMemo(
    () => projects.filter((project) => project.kind === 'sales' && !project.isArchived),
    [projects],
  );
  const [projectId, setProjectId] = useState<string | null>(() =>
    sessionStorage.getItem('inventory.projectId'),
  );
  useEffect(() => {
    if (salesProjects.length && !salesProjects.some((project) => project.id === projectId))
      setProjectId(salesProjects[0].id);
  }, [salesProjects, projectId]);
  useEffect(() => {
    if (projectId) sessionStorage.setItem('inventory.projectId', projectId);
  }, [projectId]);
  return {
    salesProjects,
    projectId: salesProjects.some((project) => project.id === projectId) ? projectId : null,
    setProjectId,
    loading,
  };
}
