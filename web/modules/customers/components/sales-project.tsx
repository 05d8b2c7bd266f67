import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth';
import { useRequest } from '../../../app/components/use-request';
import { customersApi, type SalesProject } from '../customers.api';

const storageKey = 'ykSalesProject';

/** The sales project the user works in: the only one they hold a role in, or their last choice. */
export function useSalesProject(): {
  projectId: string | null;
  project: SalesProject | null;
  projects: SalesProject[];
  setProjectId(id: string): void;
  loading: boolean;
} {
  const user = useCurrentUser();
  const { data, loading } = useRequest((signal) => customersApi.findProjects(signal), 'projects');
  const projects = useMemo(() => (data?.items ?? []).filter((project) => project.kind === 'sales'), [data]);
  const [projectId, setProjectIdState] = useState<string | null>(() => {
    try {
      return localStorage.getItem(storageKey);
    } catch {
      return null;
    }
  });
  useEffect(() => {
    if (projects.length === 0) return;
    if (projectId && projects.some((project) => project.id === projectId)) return;
    const granted = user.roles
      .map((grant) => grant.projectId)
      .find((id) => id && projects.some((project) => project.id === id));
    setProjectIdState(granted ?? projects[0].id);
  }, [projects, projectId, user.roles]);
  const setProjectId = (id: string) => {
    setProjectIdState(id);
    try {
      localStorage.setItem(storageKey, id);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  const project = projects.find((item) => item.id === projectId) ?? null;
  return { projectId: project?.id ?? null, project, projects, setProjectId, loading };
}

export function ProjectPicker({
  value,
  projects,
  onChange,
}: {
  value: string | null;
  projects: SalesProject[];
  onChange(id: string): void;
}) {
  const { t } = useTranslation('customers');
  if (projects.length <= 1) return null;
  return (
    <Select
      value={value ?? undefined}
      onChange={onChange}
      style={{ minWidth: 160 }}
      aria-label={t('project.label')}
      options={projects.map((project) => ({ value: project.id, label: project.name }))}
      data-testid="project-picker"
    />
  );
}
