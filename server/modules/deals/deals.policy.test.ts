import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { dealListScope } from './deals.policy.js';

const person = (grants: Actor['grants']): Actor => ({
  staffId: 's1',
  companyId: 'c1',
  displayName: '张伟',
  locale: 'zh-CN',
  grants,
});

describe('dealListScope', () => {
  it('PRIV shows a consultant only their own deals, in the projects they work in', () => {
    expect(dealListScope(person([{ role: 'consultant', projectId: 'a' }]), undefined)).toEqual({
      companyId: 'c1',
      projectIds: ['a'],
      consultantId: 's1',
    });
  });

  it('PRIV keeps a consultant of project A to their own deals there even when they manage project B', () => {
    const mixed = person([
      { role: 'consultant', projectId: 'a' },
      { role: 'manager', projectId: 'b' },
    ]);
    expect(dealListScope(mixed, 'a')).toMatchObject({ projectIds: ['a'], consultantId: 's1' });
    expect(dealListScope(mixed, 'b')).toMatchObject({ projectIds: ['b'], consultantId: undefined });
  });

  it('shows a manager or an administrator every deal of the project', () => {
    expect(dealListScope(person([{ role: 'manager', projectId: 'a' }]), 'a').consultantId).toBeUndefined();
    expect(dealListScope(person([{ role: 'admin', projectId: null }]), undefined)).toEqual({
      companyId: 'c1',
      projectIds: null,
      consultantId: undefined,
    });
  });

  it('refuses a project the person has no role in as not found', () => {
    expect(() => dealListScope(person([{ role: 'consultant', projectId: 'a' }]), 'b')).toThrow();
  });
});
