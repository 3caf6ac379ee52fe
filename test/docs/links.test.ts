// The documentation holds together: the README stays short enough for a newcomer to read, and
// every relative link in README.md and docs/ reaches a file that exists, and a heading that
// exists when it names one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const README_MAX_LINES = 250;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return markdownFiles(p);
    return p.endsWith('.md') ? [p] : [];
  });
}

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a file's headings give, with GitHub's -1, -2 … for repeats. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of markdown.replace(/^```[\s\S]*?^```$/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = slug(m[1] ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Relative link targets of a Markdown file: inline links and images. */
export function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1] ?? '')
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];

describe('documentation', () => {
  it(`keeps README.md to at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').replace(/\n$/, '').split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('has the pages the README links to', () => {
    const linked = links(readFileSync(join(root, 'README.md'), 'utf8')).filter((t) => t.startsWith('docs/'));
    expect(linked.length).toBeGreaterThanOrEqual(10);
  });

  it('reads anchors and links the way GitHub does', () => {
    expect([...anchors('# A.5.15 `audit start` — the lead\n## Set-up\n## Set-up\n```sh\n# not a heading\n```\n')]).toEqual(['a515-audit-start--the-lead', 'set-up', 'set-up-1']);
    expect(links('[a](docs/x.md#y) [b](https://example.com) `[c](no.md)` ![d](img.png)\n```\n[e](f.md)\n```')).toEqual(['docs/x.md#y', 'img.png']);
  });

  it.each(files.map((f) => [relative(root, f), f] as const))('%s: every relative link reaches a file and heading that exist', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const broken: string[] = [];
    for (const target of links(text)) {
      const [path = '', anchor] = target.split('#');
      const dest = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      if (!existsSync(dest)) {
        broken.push(`${target}: no file ${relative(root, dest)}`);
        continue;
      }
      if (anchor !== undefined) {
        if (!dest.endsWith('.md')) broken.push(`${target}: an anchor into a file that is not Markdown`);
        else if (!anchors(readFileSync(dest, 'utf8')).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${relative(root, dest)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

// A comment that sends the reader to a file outside the repository sends a new contributor
// nowhere: the design notes this project grew from are not part of a clone.
const SOURCE_DIRS = ['src', 'adapters', 'db', 'test', 'bench', 'scripts', 'bin'];
const OUTSIDE_POINTER = /\bDESIGN\.md\b|\.\.\/shared\//;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|cts|js|mjs|cjs|sql)$/.test(p) ? [p] : [];
  });
}

describe('source comments', () => {
  it('point only at files inside the repository', () => {
    const self = relative(root, import.meta.filename);
    const offenders = SOURCE_DIRS.flatMap((d) => sourceFiles(join(root, d)))
      .filter((f) => relative(root, f) !== self)
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(root, f)}:${i + 1}` }))
          .filter(({ line }) => OUTSIDE_POINTER.test(line.replace(/from '\.\.\/shared\/[^']*'/g, '').replace(/import\('\.\.\/shared\/[^']*'\)/g, '')))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });
});
