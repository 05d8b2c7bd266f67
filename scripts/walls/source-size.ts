/**
 * "No source file past ~400 lines": a file that long mixes concerns (STYLE.md). Migrations are
 * excepted — they are frozen once merged and their names are their history — as are fixtures
 * that are data, not code.
 */
import { listSourceFiles } from './module-tables.js';

export const maxSourceLines = 400;

export const generatedOrFrozen = [/^server\/migrations\//, /^docs\//];

export function findLongFiles(
  root: string,
  folders: readonly string[],
): Array<{ file: string; lines: number }> {
  const long: Array<{ file: string; lines: number }> = [];
  for (const folder of folders) {
    for (const { file, text } of listSourceFiles(root, folder)) {
      if (generatedOrFrozen.some((pattern) => pattern.test(file))) continue;
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (lines > maxSourceLines) long.push({ file, lines });
    }
  }
  return long.sort((a, b) => b.lines - a.lines);
}

export const sourceFolders = ['server', 'web', 'contracts', 'e2e', 'scripts', 'bench'] as const;
