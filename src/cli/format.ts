// Output formats shared by every listing and export: aligned text tables, Markdown tables,
// RFC 4180 CSV and pretty JSON.

export type Cell = string | number | boolean | null | undefined;

const cellText = (v: Cell): string => (v === null || v === undefined ? '' : String(v));

export function toTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => cellText(c).replace(/\s+/g, ' ')));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

const MARKDOWN_SPECIAL = /[\\*_`#<>[\]|]/;
const MARKDOWN_SPECIALS = /[\\*_`#<>[\]|]/g;
// Every export escapes every field: one pass, and none at all for text with nothing to escape (most).

/**
 * Text from the database (what people typed) made inert in every Markdown export: backslashes,
 * emphasis, code, headings, table pipes, HTML tags and link or image syntax are escaped, so a
 * statement cannot become markup, a link or a script in a rendered document.
 */
export const markdownText = (s: string): string => (MARKDOWN_SPECIAL.test(s) ? s.replace(MARKDOWN_SPECIALS, '\\$&') : s);

/** A table cell: escaped, and a line break kept inside the row. */
const mdCell = (s: string): string => {
  const text = markdownText(s);
  return text.includes('\n') || text.includes('\r') ? text.replace(/\r?\n|\r/g, '<br>') : text;
};

export function toMarkdownTable(headers: string[], rows: Cell[][]): string {
  return [
    `| ${headers.map(mdCell).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => mdCell(cellText(c))).join(' | ')} |`),
  ].join('\n');
}

/** RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled, CRLF rows. */
export function toCsv(headers: string[], rows: Cell[][]): string {
  const field = (v: Cell): string => {
    const s = cellText(v);
    // A leading =, +, - or @ would run as a formula in spreadsheet software.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [headers, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export const toJson = (value: unknown): string => JSON.stringify(value, null, 2);
