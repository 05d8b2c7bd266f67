export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  kind: DiffKind;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  // Arrays stay whole: a role list reads better as one before/after pair than index by index.
  out.set(prefix || '(value)', value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field-by-field comparison of an audit row's before/after snapshots, changed fields first. */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', left);
  if (after !== null && after !== undefined) flatten(after, '', right);
  const paths = [...new Set([...left.keys(), ...right.keys()])];
  const rows = paths.map<DiffRow>((path) => {
    const hasBefore = left.has(path);
    const hasAfter = right.has(path);
    const kind: DiffKind = !hasBefore
      ? 'added'
      : !hasAfter
        ? 'removed'
        : same(left.get(path), right.get(path))
          ? 'unchanged'
          : 'changed';
    return { path, before: left.get(path), after: right.get(path), kind };
  });
  const order: Record<DiffKind, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };
  return rows.sort((a, b) => order[a.kind] - order[b.kind] || a.path.localeCompare(b.path));
}

export function formatJsonValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
