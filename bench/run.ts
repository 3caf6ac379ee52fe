// `npm run bench [name…]`: runs every bench/*.bench.ts (or those whose names start with the
// given words), each in a process of its own so that one benchmark's memory does not inflate
// another's peak, and prints a table per benchmark. Each measures its own baseline in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

function table(rows: Record<string, string | number>[]): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = rows.map((r) => headers.map((h) => String(r[h] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);

if (args[0] === '--one' && args[1]) {
  const mod = (await import(pathToFileURL(`${dir}${args[1]}`).href)) as { default: () => Promise<BenchResult> };
  const result = await mod.default();
  console.log(`\n## ${result.name}\n`);
  console.log(table(result.rows));
  for (const note of result.notes ?? []) console.log(`\n${note}`);
} else {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.length === 0 || args.some((w) => f.startsWith(w)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark matches ${args.join(', ')}. Available: ${readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).join(', ')}`);
    process.exit(2);
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  let failed = 0;
  for (const file of files) {
    const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', file], { stdio: 'inherit' });
    if (run.status !== 0) {
      failed++;
      console.error(`${file} failed (exit ${run.status ?? run.signal})`);
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}
