// bin/auditbot.mjs (`npm run auditbot`, `npm start`) runs the compiled CLI, and compiles it again
// first whenever a file it was compiled from has changed: an edit to the sources is never run
// stale, and an edit that does not compile is reported, not worked around with the old build.
// Runs on a copy of the project (its node_modules linked), so the real sources are not touched.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

function projectCopy(): string {
  const dir = tempDir('auditbot-launcher-');
  for (const part of ['package.json', 'package-lock.json', 'bin', 'scripts', 'src', 'adapters', 'db']) cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function launch(dir: string, argv: string[]) {
  const r = spawnSync(process.execPath, ['bin/auditbot.mjs', ...argv], { cwd: dir, env: { ...process.env, AUDITBOT_DB: join(dir, 'none.db') }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const bundleTime = (dir: string): number => statSync(join(dir, 'dist/cli/auditbot.cjs')).mtimeMs;

describe('bin/auditbot.mjs', () => {
  it('compiles when there is no build, reuses a build that is up to date, and compiles again after an edit', () => {
    const dir = projectCopy();
    const first = launch(dir, ['--help']);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Print the ISO/IEC 27001:2022 clauses');
    const built = bundleTime(dir);

    const again = launch(dir, ['catalogue', '--help']);
    expect(again.code).toBe(0);
    expect(bundleTime(dir)).toBe(built);

    const index = join(dir, 'src/cli/commands/index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace('Print the ISO/IEC 27001:2022 clauses', 'List the ISO/IEC 27001:2022 clauses'));
    const edited = launch(dir, ['--help']);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toContain('List the ISO/IEC 27001:2022 clauses');
    expect(edited.stdout).not.toContain('Print the ISO/IEC 27001:2022 clauses');
    expect(bundleTime(dir)).not.toBe(built);
  });

  it('reports a source that does not compile, names it, and runs nothing', () => {
    const dir = projectCopy();
    expect(launch(dir, ['--help']).code).toBe(0);
    const file = join(dir, 'src/cli/commands/catalogue.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nexport const broken = ;\n`);
    const res = launch(dir, ['catalogue', '--format', 'json']);
    expect(res.code).toBe(70);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^Auditbot could not be compiled: /);
    expect(res.stderr).toContain('src/cli/commands/catalogue.ts');
  });
});
