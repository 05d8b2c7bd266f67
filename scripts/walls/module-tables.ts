/**
 * "A module reads and writes only its own tables": every table belongs to the module (or platform
 * part) whose `*.tables.ts` declares it in its `…Tables` interface, and every Kysely call or raw SQL
 * statement naming a table must sit in that module's folder. Others ask the owner's index.ts.
 *
 * dependency-cruiser sees imports, not table names inside query builders, so this check reads the
 * source itself. Used by `npm run lint` (scripts/lint-walls.ts) and proven by module-tables.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface TableUse {
  file: string;
  line: number;
  table: string;
  owner: string;
  user: string;
}

/** `server/modules/calls/x.ts` → `modules/calls`; `server/platform/jobs/x.ts` → `platform/jobs`. */
export function ownerOf(file: string): string | null {
  const match = /^server\/(modules|platform)\/([^/]+)\//.exec(file.split(path.sep).join('/'));
  return match ? `${match[1]}/${match[2]}` : null;
}

const camelToSnake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Table name (camelCase as Kysely names it, and snake_case as SQL does) → owning part. */
export function readTableOwners(files: Array<{ file: string; text: string }>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { file, text } of files) {
    if (!file.endsWith('.tables.ts')) continue;
    const owner = ownerOf(file);
    if (!owner) continue;
    for (const block of text.matchAll(/export interface \w+Tables\s*(?:extends[^{]*)?\{([^}]*)\}/g)) {
      for (const field of block[1].matchAll(/^\s*(\w+)\s*:/gm)) {
        owners.set(field[1], owner);
        owners.set(camelToSnake(field[1]), owner);
      }
    }
  }
  return owners;
}

/**
 * The one place allowed to name another module's tables, each with its reason: keep this list short.
 * A use here is not reported; any other table in the same file still is.
 */
export const sharedStatements: ReadonlyArray<{ file: string; tables: readonly string[]; reason: string }> = [
  {
    file: 'server/modules/opening/opening.picks.queries.ts',
    tables: ['units', 'unit_history', 'unitHistory', 'buildings'],
    reason:
      "the online opening's rush: one pick round is one statement that locks the units, claims them and " +
      'writes their history (one round trip, atomic by itself), and availability is rebuilt every 250 ms',
  },
];

const builderCall =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*(\[[^\]]*\]|['"`][^'"`]+['"`])/g;
const rawSql = /\b(?:from|join|into|update)\s+"?([a-z][a-z0-9_]*)"?/gi;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = 0; at < index; at++) if (text.charCodeAt(at) === 10) line++;
  return line;
}

/** Every place a file names a table it does not own. */
export function findForeignTableUses(
  files: Array<{ file: string; text: string }>,
  owners: Map<string, string>,
): TableUse[] {
  const uses: TableUse[] = [];
  for (const { file, text } of files) {
    const user = ownerOf(file);
    if (!user || /\.test\.ts$|\/testing\//.test(file) || file.endsWith('.tables.ts')) continue;
    const shared = sharedStatements.find((entry) => entry.file === file)?.tables ?? [];
    const report = (table: string, index: number) => {
      if (shared.includes(table)) return;
      const owner = owners.get(table);
      if (owner && owner !== user) uses.push({ file, line: lineOf(text, index), table, owner, user });
    };
    for (const call of text.matchAll(builderCall)) {
      for (const name of call[1].matchAll(/['"`]([A-Za-z_]\w*)/g)) report(name[1], call.index ?? 0);
    }
    // Raw statements: only inside sql`…` templates, where a table is named in SQL's own words.
    for (const template of text.matchAll(/sql(?:<[^>]*>)?`([^`]*)`/g)) {
      for (const name of template[1].matchAll(rawSql)) {
        report(name[1], (template.index ?? 0) + (name.index ?? 0));
      }
    }
  }
  return uses;
}

export function listSourceFiles(root: string, under: string): Array<{ file: string; text: string }> {
  const files: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(entry.name))
        files.push({
          file: relative.split(path.sep).join('/'),
          text: fs.readFileSync(path.join(root, relative), 'utf8'),
        });
    }
  };
  walk(under);
  return files;
}
