/** A field's name as antd Form knows it: `buyers.0.idNumber` is ['buyers', 0, 'idNumber']. */
export type NamePath = (string | number)[];

/**
 * A server field path as a name path: dotted (`roles.0.projectId`) or with brackets
 * (`buyers[0].idNumber`), the way antd Form.List names its fields.
 */
export function toNamePath(path: string): NamePath {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment !== '')
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

const sameName = (a: NamePath, b: NamePath) =>
  a.length === b.length && a.every((segment, index) => String(segment) === String(b[index]));
const startsWith = (name: NamePath, prefix: NamePath) =>
  prefix.length > 0 &&
  prefix.length <= name.length &&
  prefix.every((segment, index) => String(segment) === String(name[index]));

export interface FieldErrorPlacement {
  /** Errors to set on the form, topmost field first (the one to scroll to). */
  marked: Array<{ name: NamePath; errors: string[] }>;
  /** Messages whose field is not on this form: they must be shown some other way. */
  unplaced: string[];
}

/**
 * Puts a server answer's field errors on the fields a form has (`registered`, in the form's order):
 * the path itself; else the path without the request's wrapping (`input.buyers.0.idNumber` on a
 * form whose fields are `buyers.…`); else the first field inside the group the path names
 * (`agent` → the agent's first field). What matches no field is returned as text.
 */
export function placeFieldErrors(
  fields: Record<string, string>,
  registered: NamePath[],
): FieldErrorPlacement {
  const byField = new Map<number, string[]>();
  const unplaced: string[] = [];
  const roots = new Set(registered.map((name) => String(name[0])));
  for (const [path, text] of Object.entries(fields)) {
    const full = toNamePath(path);
    // Only a wrapping the form does not have is dropped (input.…); buyers.3.name never becomes name.
    let start = 0;
    while (start < full.length - 1 && typeof full[start] === 'string' && !roots.has(String(full[start])))
      start++;
    const segments = full.slice(start);
    let found = registered.findIndex((name) => sameName(name, segments));
    if (found < 0) found = registered.findIndex((name) => startsWith(name, segments));
    if (found < 0) {
      if (!unplaced.includes(text)) unplaced.push(text);
      continue;
    }
    const errors = byField.get(found) ?? [];
    if (!errors.includes(text)) errors.push(text);
    byField.set(found, errors);
  }
  const marked = [...byField.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, errors]) => ({ name: registered[index], errors }));
  return { marked, unplaced };
}
