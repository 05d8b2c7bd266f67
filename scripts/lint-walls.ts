/**
 * `npm run lint:walls`: the module walls (dependency-cruiser, .dependency-cruiser.cjs), the table
 * ownership check and the file-length limit. Prints every violation; exits 1 if there is any.
 */
import { spawnSync } from 'node:child_process';
import { findForeignTableUses, listSourceFiles, readTableOwners } from './walls/module-tables.js';
import { findLongFiles, maxSourceLines, sourceFolders } from './walls/source-size.js';

const root = process.cwd();
let failed = false;

const cruise = spawnSync(
  'npx',
  ['depcruise', ...sourceFolders, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  { stdio: 'inherit' },
);
if (cruise.status !== 0) failed = true;

const serverFiles = listSourceFiles(root, 'server');
const foreign = findForeignTableUses(serverFiles, readTableOwners(serverFiles));
for (const use of foreign)
  console.log(`  error module-tables: ${use.file}:${use.line} uses ${use.table}, a table of ${use.owner}`);
if (foreign.length > 0) {
  console.log(`\nx ${foreign.length} uses of another module's tables (ask its index.ts)\n`);
  failed = true;
}

const long = findLongFiles(root, sourceFolders);
for (const file of long)
  console.log(`  error file-length: ${file.file} has ${file.lines} lines (limit ${maxSourceLines})`);
if (long.length > 0) {
  console.log(`\nx ${long.length} source files over ${maxSourceLines} lines\n`);
  failed = true;
}

process.exit(failed ? 1 : 0);
