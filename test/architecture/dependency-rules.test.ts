// The dependency rules of DESIGN.md, checked on every `npm test`: the core stays pure, and
// botbuilder stays inside adapters/teams so it can be swapped for its successor.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
  return specs;
}

const FORBIDDEN_PACKAGES = [
  /^@slack\//,
  /^botbuilder/,
  /^botframework/,
  /^@microsoft\//,
  /^drizzle-orm/,
  /^better-sqlite3$/,
  /^node-cron$/,
  /^pino/,
  /^(node:)?(http|https|http2|net|dgram|child_process|fs|fs\/promises)$/,
];

describe('dependency rules', () => {
  it('checks the import scanner itself', () => {
    expect(importsOf("import a from 'x';\nimport type { B } from \"y\";\nexport * from './z.js';\nawait import('w');\nimport 'side';")).toEqual(['x', 'y', './z.js', 'w', 'side']);
  });

  it('src/core imports no adapter, db, chat SDK, drizzle, HTTP or file system module', () => {
    const violations: string[] = [];
    for (const file of files(join(root, 'src/core'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const rel = relative(root, file);
        if (spec.startsWith('.')) {
          const target = relative(root, resolve(file, '..', spec));
          if (!target.startsWith('src/core/')) violations.push(`${rel} imports ${spec} (outside src/core)`);
        } else if (FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
          violations.push(`${rel} imports ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('botbuilder is imported only inside adapters/teams', () => {
    const violations: string[] = [];
    for (const dir of ['src', 'adapters', 'db']) {
      for (const file of files(join(root, dir))) {
        const rel = relative(root, file);
        if (rel.startsWith('adapters/teams/')) continue;
        for (const spec of importsOf(readFileSync(file, 'utf8'))) {
          if (/^(botbuilder|botframework)/.test(spec)) violations.push(`${rel} imports ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('platform JSON stays in the adapters: the core never builds Block Kit or Adaptive Cards', () => {
    const violations = files(join(root, 'src/core')).filter((f) => /AdaptiveCard|"type":\s*"mrkdwn"|type:\s*'mrkdwn'|block_id|response_action/.test(readFileSync(f, 'utf8')));
    expect(violations.map((f) => relative(root, f))).toEqual([]);
  });
});
