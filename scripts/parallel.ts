/**
 * `tsx scripts/parallel.ts "<command>" "<command>" …`: runs shell commands side by side and exits
 * non-zero if any fails. Each command's output is held and printed whole when it ends, so the log
 * reads as if they ran one after another. The type checks are single-threaded and the machine has two
 * cores; a package such as npm-run-all would do the same, but this is all we need of one.
 */
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('Usage: tsx scripts/parallel.ts "<command>" ["<command>" …]');
  process.exit(2);
}

const results = await Promise.all(
  commands.map(
    (command) =>
      new Promise<{ command: string; code: number; output: string; seconds: number }>((resolve) => {
        const started = Date.now();
        const child = spawn(command, { shell: true, env: { ...process.env, FORCE_COLOR: '1' } });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.on('close', (code) => {
          const output = Buffer.concat(chunks).toString('utf8');
          const seconds = Math.round((Date.now() - started) / 100) / 10;
          console.log(`── ${command} (${seconds} s, exit ${code ?? 1})\n${output}`);
          resolve({ command, code: code ?? 1, output, seconds });
        });
      }),
  ),
);
const failed = results.filter((result) => result.code !== 0);
for (const result of failed) console.error(`FAIL: ${result.command} exited ${result.code}`);
process.exit(failed.length > 0 ? 1 : 0);
