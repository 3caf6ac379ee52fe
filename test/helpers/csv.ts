// Two independent CSV readers for the export tests: a strict RFC 4180 parser written here, and
// Python's standard `csv` module (python3 is on every machine the tests run on). An export
// round-trips when both read back exactly the values that were stored.
import { spawnSync } from 'node:child_process';

export class CsvError extends Error {}

/**
 * RFC 4180, strictly: records end with CRLF (the last one may not), a field is either bare (no
 * quote, comma, CR or LF) or wholly quoted with inner quotes doubled, nothing may follow a
 * closing quote but a comma or the end of the record, and every record has as many fields as
 * the header.
 */
export function parseCsvStrict(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new CsvError(`unterminated quoted field in record ${rows.length + 1}`);
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new CsvError(`a quote inside a bare field in record ${rows.length + 1} at offset ${i}`);
        value += text[i];
        i++;
      }
    }
    row.push(value);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      i += 2;
      rows.push(row);
      row = [];
      if (i >= n) break;
      continue;
    }
    throw new CsvError(`expected a comma or CRLF after a field in record ${rows.length + 1} at offset ${i}, found ${JSON.stringify(text.slice(i, i + 5))}`);
  }
  const width = rows[0]?.length ?? 0;
  rows.forEach((r, k) => {
    if (r.length !== width) throw new CsvError(`record ${k + 1} has ${r.length} fields; the header has ${width}`);
  });
  return rows;
}

const PYTHON_READER = [
  'import csv, io, json, sys',
  "text = io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')",
  'rows = list(csv.reader(text, dialect="excel", strict=True))',
  'sys.stdout.write(json.dumps(rows))',
].join('\n');

/** Reads `text` with Python's csv module (strict, the RFC's "excel" dialect). */
export function parseCsvWithPython(text: string): string[][] {
  const run = spawnSync('python3', ['-c', PYTHON_READER], { input: Buffer.from(text, 'utf8'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new CsvError(`python3 csv could not read the export: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

/** Records as objects keyed by the header row. */
export function csvObjects(rows: string[][]): Record<string, string>[] {
  const [header, ...records] = rows;
  if (!header) return [];
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
