// The trail is evidence, not storage: the core appends to it and reads it back only to verify
// and export it (src/core/trail/). Nothing the core decides may come from parsing the trail;
// what it needs lives in its own tables. Showing the trail to a person (an action's history)
// goes through src/core/trail/subject-history.ts, imported only by the views listed here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const rel = (file: string): string => relative(root, file).split(sep).join('/');

/** Source without comments, so prose about "the trail" is not code. */
const code = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/**
 * Uses of the trail port other than appending an event or taking its head (the witness the
 * digest prints): `tx.trail.list(…)`, `tx.trail\n.iterate()`, `const t = tx.trail`, `{ trail } = tx`.
 */
export function trailReads(source: string): string[] {
  const src = code(source);
  const found: string[] = [];
  for (const m of src.matchAll(/\.\s*trail\b(?!\s*\.\s*(?:append|head)\s*\()[^\n]{0,40}/g)) found.push(m[0].replace(/\s+/g, ' ').trim());
  for (const m of src.matchAll(/\{[^{}]*\btrail\b[^{}]*\}\s*=\s*\w+/g)) found.push(m[0].replace(/\s+/g, ' ').trim());
  return found;
}

/** Views that show a subject's trail to a person, and why. */
const HISTORY_VIEWS: Record<string, string> = {
  'src/core/corrective-actions/list-actions.ts': '`action <id>` shows the action\'s history as the trail recorded it',
  'src/core/findings/show-finding.ts': '`finding show <id>` shows the finding\'s history as the trail recorded it',
};

describe('the trail is evidence, not storage', () => {
  it('the scanner finds reads of the trail and lets appends and the head through', () => {
    expect(trailReads('const e = tx.trail.list({ subject });')).toHaveLength(1);
    expect(trailReads('const e = tx.trail\n  .list({ subject })\n  .filter((e) => e.action === "x");')).toHaveLength(1);
    expect(trailReads('for (const e of tx.trail.iterate()) {}')).toHaveLength(1);
    expect(trailReads('const t = tx.trail; t.list();')).toHaveLength(1);
    expect(trailReads('const { trail } = tx;')).toHaveLength(1);
    expect(trailReads('tx.trail.append({ actor, action: "x" });\nconst head = tx.trail.head();\n// the trail.list() of old')).toEqual([]);
  });

  it('outside src/core/trail, the core only appends to the trail (and reads its head for the digest)', () => {
    const violations = files(join(root, 'src/core'))
      .filter((f) => !rel(f).startsWith('src/core/trail/'))
      .flatMap((f) => trailReads(readFileSync(f, 'utf8')).map((use) => `${rel(f)}: ${use}`));
    expect(violations).toEqual([]);
  });

  it('only the listed views read a subject\'s history, and only to show it', () => {
    const importers = files(join(root, 'src'))
      .filter((f) => !rel(f).startsWith('src/core/trail/') && /from\s*['"][^'"]*trail\/subject-history\.js['"]/.test(readFileSync(f, 'utf8')))
      .map(rel);
    expect(importers.sort()).toEqual(Object.keys(HISTORY_VIEWS).sort());
  });
});
