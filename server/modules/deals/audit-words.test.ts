import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionName, auditEntityName } from './use-cases/transaction-file-pdf.js';

// Every entity type and literal action the deals use cases write to the audit log, read from their
// sources, plus the decisions and mortgage outcomes stored as the action.
const dir = path.join(import.meta.dirname, 'use-cases');
const sources = fs
  .readdirSync(dir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
  .join('\n');
const written = (pattern: RegExp) => [...new Set([...sources.matchAll(pattern)].map((match) => match[1]))];
const entityTypes = [...written(/entityType: '([a-z_]+)'/g), 'unit'];
const actions = [
  ...written(/action: '([a-z_]+)'/g),
  ...written(/action: [^,\n]*\? '([a-z_]+)'/g),
  ...written(/action: [^,\n]*: '([a-z_]+)'/g),
  ...['approve', 'return', 'reject', 'completed', 'failed', 'cancelled'],
];

describe('the transaction file PDF’s 操作记录 in words', () => {
  it('reads the use cases (deal_plan create, deal_deposit collect, deal_agreement abandon …)', () => {
    expect(entityTypes).toEqual(expect.arrayContaining(['deal_plan', 'deal_deposit', 'deal_agreement']));
    expect(actions).toEqual(expect.arrayContaining(['create', 'collect', 'abandon', 'void_reject']));
  });

  it('prints every entity and action the deals write in Chinese words, never "plan · create"', () => {
    for (const entityType of entityTypes)
      expect(auditEntityName(entityType), entityType).not.toMatch(/[A-Za-z]/);
    for (const action of actions) expect(auditActionName(action), action).not.toMatch(/[A-Za-z]/);
    expect(`${auditEntityName('deal_plan')} · ${auditActionName('create')}`).toBe('置业计划 · 新建');
    expect(`${auditEntityName('deal_deposit')} · ${auditActionName('collect')}`).toBe('定金 · 收款');
    // The unit's history stores its action in words: printed as stored; an unknown code never is.
    expect(auditActionName('认购')).toBe('认购');
    expect(auditActionName('someNewAction')).toBe('更新');
  });
});
