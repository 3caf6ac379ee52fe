// The dependency rules of docs/architecture.md, checked on every `npm test`: the core stays pure, and
// botbuilder stays inside adapters/teams so it can be swapped for its successor. Inside the
// core, each capability is a folder (src/core/<capability>/) and no two of them import each
// other, however indirectly; src/core/shared/ holds what they all use and imports none of them;
// the files at the root of src/core (the Core, the Store and its ports, errors, the neutral
// message) gather every capability's repository port, so they import capabilities for types
// only. The chat layer (src/chat) knows no adapter, and no adapter knows another.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

/** Each import of a file with where it leads (repository-relative) and whether it is type-only. */
function relativeImports(file: string): { target: string; typeOnly: boolean; spec: string }[] {
  const out: { target: string; typeOnly: boolean; spec: string }[] = [];
  const re = /(import|export)\s+(type\s+)?[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s+['"](\.[^'"]+)['"]/g;
  for (const m of readFileSync(file, 'utf8').matchAll(re)) {
    const spec = (m[3] ?? m[4] ?? m[5]) as string;
    const target = relative(root, resolve(dirname(file), spec)).split(sep).join('/');
    out.push({ target, typeOnly: m[1] === 'import' && m[2] !== undefined, spec });
  }
  return out;
}

/** The capability folder of a file under src/core (`evidence`, `shared`), or null for the root files. */
const coreFolderOf = (path: string): string | null => /^src\/core\/([^/]+)\//.exec(path)?.[1] ?? null;

/** Which core folders each core folder imports (the root files are not a folder). */
export function coreFolderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(join(root, 'src/core'))) {
    const from = coreFolderOf(relative(root, file).split(sep).join('/'));
    if (from === null) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const { target } of relativeImports(file)) {
      const to = coreFolderOf(target);
      if (to !== null && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** A cycle in `graph` as the path that closes it (`['a', 'b', 'a']`), or null when there is none. */
export function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
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

  it('the cycle finder finds a cycle between folders, and none where there is none', () => {
    const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));
    expect(findCycle(graph({ findings: ['corrective-actions', 'shared'], 'corrective-actions': ['evidence', 'findings'], evidence: ['shared'], shared: [] }))).toEqual([
      'corrective-actions',
      'findings',
      'corrective-actions',
    ]);
    expect(findCycle(graph({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(graph({ findings: ['corrective-actions', 'shared'], 'corrective-actions': ['evidence', 'shared'], evidence: ['shared'], shared: [] }))).toBeNull();
  });

  it('no two core capability folders import each other, however indirectly', () => {
    const graph = coreFolderGraph();
    expect(findCycle(graph)).toBeNull();
    // The graph is read from the tree: it knows the capabilities (a wrong root would find none).
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['evidence', 'findings', 'corrective-actions', 'programme', 'reporting']));
  });

  it('src/core/shared imports no capability folder', () => {
    const violations: string[] = [];
    for (const file of files(join(root, 'src/core/shared'))) {
      for (const { target, spec } of relativeImports(file)) {
        const folder = coreFolderOf(target);
        if (folder !== null && folder !== 'shared') violations.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the files at the root of src/core import capabilities for their types only', () => {
    const violations: string[] = [];
    for (const file of files(join(root, 'src/core')).filter((f) => dirname(f) === join(root, 'src/core'))) {
      for (const { target, typeOnly, spec } of relativeImports(file)) {
        const folder = coreFolderOf(target);
        if (folder !== null && folder !== 'shared' && !typeOnly) violations.push(`${relative(root, file)} imports ${spec} for more than its types`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('src/chat imports nothing from adapters/', () => {
    const violations = files(join(root, 'src/chat')).flatMap((file) =>
      relativeImports(file)
        .filter(({ target }) => target.startsWith('adapters/'))
        .map(({ spec }) => `${relative(root, file)} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('no adapter imports another adapter', () => {
    const violations: string[] = [];
    for (const adapter of readdirSync(join(root, 'adapters'))) {
      if (!statSync(join(root, 'adapters', adapter)).isDirectory()) continue;
      for (const file of files(join(root, 'adapters', adapter))) {
        for (const { target, spec } of relativeImports(file)) {
          const other = /^adapters\/([^/]+)\//.exec(target)?.[1];
          if (other !== undefined && other !== adapter) violations.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
