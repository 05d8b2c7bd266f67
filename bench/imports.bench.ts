import { buildServer } from '../scripts/build.js';
import { largePriceList } from '../server/modules/inventory/testing/index.js';
import { buildBombXlsx } from '../server/platform/excel/testing/office-xlsx.js';
import { printFigure, rssMegabytes, signInHeaders, startBenchServer } from './bench-server.js';

// Issue 12 figures, on the built server over HTTP: the server's peak RSS while two zip bombs
// (1 GB each once inflated, ~4 MB uploads whose zip directory lies about the size) are uploaded
// at once — one to the unit import, one to the customer import, both on the one reader — sampled
// from /proc (target < 400 MB); and an office price list of 1,000 units over
// 4 sheets, totals as formulas, previewed then imported (target < 3 s). Also the idle RSS.
const log = (text: string) => process.stderr.write(`${text}\n`);

await buildServer();
const server = await startBenchServer();
try {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  printFigure('idle_rss_mb', rssMegabytes(server.pid), 1);

  const headers = await signInHeaders(server.baseUrl, 'controller', 'Yingke2026');
  const managerHeaders = await signInHeaders(server.baseUrl, 'manager', 'Yingke2026');
  const projects = (await (await fetch(`${server.baseUrl}/api/org/projects`, { headers })).json()) as {
    items: Array<{ id: string; kind: string }>;
  };
  const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
  const upload = async (step: 'preview' | 'commit', file: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const response = await fetch(`${server.baseUrl}/api/inventory/projects/${projectId}/import/${step}`, {
      method: 'POST',
      headers,
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const bomb = buildBombXlsx({ expandedMb: 1024, lie: true });
  log(`bomb: ${(bomb.length / 1024 / 1024).toFixed(1)} MB upload, 1024 MB inflated`);
  let peak = rssMegabytes(server.pid);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, rssMegabytes(server.pid));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const bombStarted = performance.now();
  const customerImport = async (file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), '来访登记.xlsx');
    const response = await fetch(`${server.baseUrl}/api/customer-imports?projectId=${projectId}`, {
      method: 'POST',
      headers: managerHeaders,
      body: form,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const answers = await Promise.all([upload('preview', bomb, '一房一价表.xlsx'), customerImport(bomb)]);
  const bombSeconds = (performance.now() - bombStarted) / 1000;
  sampling = false;
  await sampler;
  for (const answer of answers)
    if (answer.status !== 413)
      throw new Error(`bomb answered ${answer.status} ${JSON.stringify(answer.body)}`);
  log(`bomb answer: ${JSON.stringify(answers[0]!.body)}`);
  printFigure('bomb_peak_rss_mb', peak, 1);
  printFigure('bomb_two_answers_s', bombSeconds);

  const priceList = largePriceList({ units: 1000, sheets: 4 });
  log(`price list: ${(priceList.length / 1024).toFixed(0)} kB`);
  const started = performance.now();
  const preview = await upload('preview', priceList, '一房一价表.xlsx');
  const previewSeconds = (performance.now() - started) / 1000;
  const summary = preview.body.summary as { create: number; error: number; soldBeforeSystem: number };
  if (preview.status !== 200 || summary.create !== 1000 || summary.error !== 0)
    throw new Error(`preview: ${preview.status} ${JSON.stringify(preview.body).slice(0, 400)}`);
  const commit = await upload('commit', priceList, '一房一价表.xlsx');
  const seconds = (performance.now() - started) / 1000;
  if (commit.status !== 200 || commit.body.created !== 1000)
    throw new Error(`import: ${commit.status} ${JSON.stringify(commit.body).slice(0, 400)}`);
  log(`imported 1,000 units (${summary.soldBeforeSystem} sold before the system) over 4 sheets`);
  printFigure('price_list_1k_preview_s', previewSeconds);
  printFigure('price_list_1k_units_s', seconds);
  printFigure('after_rss_mb', rssMegabytes(server.pid), 1);
} finally {
  await server.stop();
}
