import { ApartmentOutlined, CustomerServiceOutlined, HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { orgI18n } from './org.i18n';

export const orgModule: WebModule = {
  key: 'org',
  i18n: orgI18n,
  routes: [
    { path: '/org/projects', element: lazy(() => import('./pages/projects-page')), roles: ['admin'] },
    {
      path: '/org/projects/:projectId',
      element: lazy(() => import('./pages/project-detail-page')),
      roles: ['admin'],
    },
    { path: '/org/departments', element: lazy(() => import('./pages/departments-page')), roles: ['admin'] },
    { path: '/org/desks', element: lazy(() => import('./pages/desks-page')), roles: ['admin'] },
  ],
  menu: [
    {
      key: 'projects',
      labelKey: 'org:menu.projects',
      descriptionKey: 'org:menu.projectsDescription',
      icon: HomeOutlined,
      path: '/org/projects',
      roles: ['admin'],
      group: 'org',
    },
    {
      key: 'departments',
      labelKey: 'org:menu.departments',
      descriptionKey: 'org:menu.departmentsDescription',
      icon: ApartmentOutlined,
      path: '/org/departments',
      roles: ['admin'],
      group: 'org',
    },
    {
      key: 'desks',
      labelKey: 'org:menu.desks',
      descriptionKey: 'org:menu.desksDescription',
      icon: CustomerServiceOutlined,
      path: '/org/desks',
      roles: ['admin'],
      group: 'org',
    },
  ],
};

// For other modules' pages.
export { type Department, type Desk, orgApi, type Project } from './org.api';
export { useProjects } from './use-projects';
