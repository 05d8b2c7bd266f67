import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../contracts/roles';
import type { RoleGrant } from '../access';
import { roleLabel } from '../i18n';

const roleColors: Record<Role, string> = {
  admin: 'red',
  manager: 'volcano',
  controller: 'orange',
  consultant: 'blue',
  finance: 'gold',
  agent: 'cyan',
  guard: 'green',
  dept_head: 'purple',
  dpo: 'magenta',
  engineer: 'geekblue',
};

export interface RoleTagsProps {
  roles: readonly RoleGrant[];
  /** Project id → name, to say which project a role applies to. */
  projectNames?: ReadonlyMap<string, string>;
}

/** One tag per grant: "置业顾问 · 翠湖苑" or "管理员 · 全部项目". */
export function RoleTags({ roles, projectNames }: RoleTagsProps) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span style={{ color: 'rgba(0,0,0,0.35)' }}>{t('common.none')}</span>;
  return (
    <>
      {roles.map((grant) => {
        const scope =
          grant.projectId === null
            ? t('common.allProjects')
            : (projectNames?.get(grant.projectId) ?? grant.projectId);
        const label = roleLabel(grant.role);
        return (
          <Tooltip key={`${grant.role}:${grant.projectId ?? '*'}`} title={`${label} · ${scope}`}>
            <Tag color={roleColors[grant.role] ?? 'default'} style={{ marginBottom: 4 }}>
              {label}
              <span style={{ opacity: 0.7 }}> · {scope}</span>
            </Tag>
          </Tooltip>
        );
      })}
    </>
  );
}
