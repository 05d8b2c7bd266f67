/** Staff roles of DOMAIN.md; a buyer is not staff and has no role here. */
export const roles = [
  'admin',
  'manager',
  'controller',
  'consultant',
  'finance',
  'agent',
  'guard',
  'dept_head',
  'dpo',
  'engineer',
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { 'zh-CN': string; 'zh-TW': string; en: string }> = {
  admin: { 'zh-CN': '管理员', 'zh-TW': '管理員', en: 'Administrator' },
  manager: { 'zh-CN': '项目经理', 'zh-TW': '項目經理', en: 'Project manager' },
  controller: { 'zh-CN': '销控员', 'zh-TW': '銷控員', en: 'Sales controller' },
  consultant: { 'zh-CN': '置业顾问', 'zh-TW': '置業顧問', en: 'Sales consultant' },
  finance: { 'zh-CN': '财务', 'zh-TW': '財務', en: 'Finance / cashier' },
  agent: { 'zh-CN': '客服专员', 'zh-TW': '客服專員', en: 'Service agent' },
  guard: { 'zh-CN': '保安 / 物业管理员', 'zh-TW': '保安 / 物業管理員', en: 'Guard / property clerk' },
  dept_head: { 'zh-CN': '部门领导', 'zh-TW': '部門領導', en: 'Department head' },
  dpo: { 'zh-CN': '个人信息保护负责人', 'zh-TW': '個人資訊保護負責人', en: 'Data-protection officer' },
  engineer: { 'zh-CN': '工程维修', 'zh-TW': '工程維修', en: 'Engineer' },
};
