import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../contracts/roles';
import { roleLabel } from '../../../app/i18n';
import type { Project } from '../../org';
import { allProjectsValue, findDuplicateRole, type RoleRowValue } from '../staff.rules';

/** Form.List of role + project scope rows, named `roles`; server errors like `roles.1.projectId` land on the row. */
export function RolesEditor({ projects }: { projects: readonly Project[] }) {
  const { t } = useTranslation('staff');
  const projectOptions = [
    { value: allProjectsValue, label: t('app:common.allProjects') },
    ...projects
      .filter((project) => !project.isArchived)
      .map((project) => ({ value: project.id, label: project.name })),
  ];
  const roleOptions = roles.map((role) => ({ value: role, label: roleLabel(role) }));

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_, rows: RoleRowValue[] | undefined) => {
            if (!rows || rows.length === 0) throw new Error(t('form.rolesRequired'));
            if (findDuplicateRole(rows) >= 0) throw new Error(t('form.duplicateRole'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                name={[field.name, 'role']}
                rules={[{ required: true, message: t('app:common.required', { field: t('form.role') }) }]}
                style={{ flex: '1 1 45%', marginBottom: 12 }}
              >
                <Select
                  placeholder={t('form.role')}
                  options={roleOptions}
                  data-testid={`staff-roles-${field.name}-role`}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'projectId']}
                rules={[
                  { required: true, message: t('app:common.required', { field: t('form.projectScope') }) },
                ]}
                style={{ flex: '1 1 55%', marginBottom: 12 }}
              >
                <Select
                  placeholder={t('form.projectScope')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={projectOptions}
                  data-testid={`staff-roles-${field.name}-projectId`}
                />
              </Form.Item>
              <Tooltip title={t('form.removeRole')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('form.removeRole')}
                />
              </Tooltip>
            </Flex>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ projectId: allProjectsValue })}
            data-testid="staff-roles-add"
          >
            {t('form.addRole')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
