// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints
// a table per benchmark. Each benchmark measures its own baseline in the same run.
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
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const file of files) {
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { default: () => Promise<BenchResult> };
  const result = await mod.default();
  console.log(`\n## ${result.name}\n`);
  console.log(table(result.rows));
  for (const note of result.notes ?? []) console.log(`\n${note}`);
}
