import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAccessMatrixDoc, routeParams } from './access-matrix/index.js';

describe('access matrix rules document', () => {
  it('docs/access-matrix.md is the text generated from scopeRules (run scripts/access-matrix-doc.ts)', () => {
    const file = fs.readFileSync(new URL('../../docs/access-matrix.md', import.meta.url), 'utf8');
    expect(file).toBe(renderAccessMatrixDoc());
  });

  it('names the object a path parameter stands for, and none for an unknown one', () => {
    expect(routeParams('/api/deals/files/:id').map((param) => param.kind)).toEqual(['file']);
    expect(routeParams('/api/reception/calls/:id').map((param) => param.kind)).toEqual(['salesCall']);
    expect(routeParams('/api/calls/desks/:deskId/scripts/:situation').map((param) => param.kind)).toEqual([
      'desk',
      'literal',
    ]);
    expect(routeParams('/api/things/:id').map((param) => param.kind)).toEqual([undefined]);
  });
});
