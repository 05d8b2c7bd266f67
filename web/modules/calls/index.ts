import {
  AudioOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  FundProjectionScreenOutlined,
  HistoryOutlined,
  MessageOutlined,
  SettingOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { WebModule } from '../../app/module-types';
import { callsI18n } from './calls.i18n';

const deskRoles = ['agent', 'guard', 'dept_head', 'manager'] as const;
const wallboardRoles = ['admin', 'manager', 'dept_head', 'agent', 'guard', 'consultant'] as const;

export const callsModule: WebModule = {
  key: 'calls',
  i18n: callsI18n,
  routes: [
    { path: '/calls/desk', element: lazy(() => import('./pages/desk-page')), roles: deskRoles },
    { path: '/calls/messages', element: lazy(() => import('./pages/messages-page')) },
    { path: '/calls/history', element: lazy(() => import('./pages/history-page')), roles: deskRoles },
    { path: '/calls/incidents', element: lazy(() => import('./pages/records-page')), roles: deskRoles },
    { path: '/calls/stats', element: lazy(() => import('./pages/stats-page')), roles: deskRoles },
    {
      path: '/calls/wallboard',
      element: lazy(() => import('./pages/wallboard-page')),
      roles: wallboardRoles,
    },
    { path: '/calls/admin', element: lazy(() => import('./pages/admin-page')), roles: ['admin'] },
    {
      path: '/calls/recording-plays',
      element: lazy(() => import('./pages/recording-plays-page')),
      roles: ['admin', 'dpo'],
    },
  ],
  menu: [
    {
      key: 'calls-desk',
      labelKey: 'calls:menu.desk',
      descriptionKey: 'calls:menu.deskDescription',
      icon: CustomerServiceOutlined,
      path: '/calls/desk',
      roles: deskRoles,
    },
    {
      key: 'calls-messages',
      labelKey: 'calls:menu.messages',
      descriptionKey: 'calls:menu.messagesDescription',
      icon: MessageOutlined,
      path: '/calls/messages',
    },
    {
      key: 'calls-history',
      labelKey: 'calls:menu.history',
      descriptionKey: 'calls:menu.historyDescription',
      icon: HistoryOutlined,
      path: '/calls/history',
      roles: deskRoles,
    },
    {
      key: 'calls-records',
      labelKey: 'calls:menu.records',
      descriptionKey: 'calls:menu.recordsDescription',
      icon: WarningOutlined,
      path: '/calls/incidents',
      roles: deskRoles,
    },
    {
      key: 'calls-stats',
      labelKey: 'calls:menu.stats',
      descriptionKey: 'calls:menu.statsDescription',
      icon: BarChartOutlined,
      path: '/calls/stats',
      roles: deskRoles,
    },
    {
      key: 'calls-wallboard',
      labelKey: 'calls:wallboard.menu',
      descriptionKey: 'calls:wallboard.menuDescription',
      icon: FundProjectionScreenOutlined,
      path: '/calls/wallboard',
      roles: wallboardRoles,
    },
    {
      key: 'calls-admin',
      labelKey: 'calls:menu.admin',
      descriptionKey: 'calls:menu.adminDescription',
      icon: SettingOutlined,
      path: '/calls/admin',
      roles: ['admin'],
    },
    {
      key: 'calls-recording-plays',
      labelKey: 'calls:recording.playsMenu',
      descriptionKey: 'calls:recording.playsMenuDescription',
      icon: AudioOutlined,
      path: '/calls/recording-plays',
      roles: ['admin', 'dpo'],
      group: 'system',
    },
  ],
};
