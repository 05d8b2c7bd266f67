import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Project } from '../../../contracts/org';

/** Picks the project a screen works in (see useProjectSelection); hidden when there is only one. */
export function ProjectPicker({
  value,
  projects,
  onChange,
}: {
  value: string | null;
  projects: readonly Pick<Project, 'id' | 'name'>[];
  onChange(id: string): void;
}) {
  const { t } = useTranslation('app');
  if (projects.length <= 1) return null;
  return (
    <Select
      value={value ?? undefined}
      onChange={onChange}
      style={{ minWidth: 160 }}
      aria-label={t('common.project')}
      options={projects.map((project) => ({ value: project.id, label: project.name }))}
      data-testid="project-picker"
    />
  );
}
