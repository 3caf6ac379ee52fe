import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { ORG_YAML, withLine } from '../core/org-fixture.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/org.yaml');

function workspace() {
  const dir = tempDir('auditbot-import-');
  const env = { AUDITBOT_DB: join(dir, 'auditbot.db') };
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const count = (sql: string): number => {
    const db = new Database(env.AUDITBOT_DB, { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { dir, env, write, count };
}

describe('auditbot import', () => {
  it('imports the example, then says a second import has nothing to do', async () => {
    const w = workspace();
    const first = await cli(['import', EXAMPLE], w.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Imported ${EXAMPLE} (trail event #1): organisation added, 7 teams added, 40 people added, 11 areas added`);
    expect(first.stdout).toContain('  people added (40): aisha@acme.example, amara@acme.example,');
    expect(w.count('SELECT count(*) AS n FROM people')).toBe(40);

    const second = await cli(['import', EXAMPLE], w.env);
    expect(second).toEqual({ code: 0, stdout: `No changes: ${EXAMPLE} matches the database.\n`, stderr: '' });
    expect(w.count('SELECT count(*) AS n FROM trail_events')).toBe(1);
  });

  it('lists what changed, added and was deactivated', async () => {
    const w = workspace();
    const file = w.write('org.yaml', ORG_YAML);
    expect((await cli(['import', file], w.env)).code).toBe(0);
    const changed = withLine(20, 'manager: ana@acme.example', '    manager: ceo@acme.example', ORG_YAML).replace(/ {2}- email: ext@audit\.example\n {4}name: Eve External\n {4}roles: \[auditor, external\]\n/, '');
    w.write('org.yaml', changed);
    const result = await cli(['import', file], w.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `Imported ${file} (trail event #2): 1 person changed, 1 person deactivated.`,
        '  people changed (1):',
        '    bo@acme.example (manager)',
        '  people deactivated (1): ext@audit.example',
        'People no longer in the file are deactivated, not deleted: their audit history stays.',
        '',
      ].join('\n'),
    );
    expect(w.count("SELECT count(*) AS n FROM people WHERE email = 'ext@audit.example' AND active = 0")).toBe(1);
  });

  it('--dry-run shows the changes and writes nothing', async () => {
    const w = workspace();
    const file = w.write('org.yaml', ORG_YAML);
    const result = await cli(['import', file, '--dry-run'], w.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Dry run: importing .*org\.yaml would make these changes \(nothing was written\): organisation added, 3 teams added, 5 people added/);
    expect(w.count('SELECT count(*) AS n FROM people')).toBe(0);
    expect(w.count('SELECT count(*) AS n FROM trail_events')).toBe(0);
  });

  it('--format json prints the result as JSON', async () => {
    const w = workspace();
    const file = w.write('org.yaml', ORG_YAML);
    const result = await cli(['import', file, '--format', 'json'], w.env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { file: string; changed: boolean; dryRun: boolean; trailEvent: number; changes: { people: { added: string[] } } };
    expect(json).toMatchObject({ file, changed: true, dryRun: false, trailEvent: 1 });
    expect(json.changes.people.added).toHaveLength(5);
  });

  it('prints every error to stderr with file, line and field, exits 1, and changes nothing', async () => {
    const w = workspace();
    const file = w.write('org.yaml', ORG_YAML);
    await cli(['import', file], w.env);
    const before = readFileSync(w.env.AUDITBOT_DB);
    w.write('org.yaml', withLine(21, 'roles: [auditor]', '    roles: [auditer]', withLine(19, 'team: platform', '    team: secops')));
    const result = await cli(['import', file], w.env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `${file}: 2 problems; nothing was imported.`,
        `${file}:19 people[2].team: unknown team "secops"`,
        `${file}:21 people[2].roles[0]: unknown role "auditer"; use auditor, lead, admin, external or top-management`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(w.env.AUDITBOT_DB).equals(before)).toBe(true);
  });

  it('with --format json the errors are also printed as JSON', async () => {
    const w = workspace();
    const file = w.write('org.yaml', withLine(19, 'team: platform', '    team: secops'));
    const result = await cli(['import', file, '--format', 'json'], w.env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      file,
      dryRun: false,
      changed: false,
      errors: [{ line: 19, path: 'people[2].team', message: 'unknown team "secops"', text: `${file}:19 people[2].team: unknown team "secops"` }],
    });
  });

  it('refuses a file over 1 MB from its size, before reading it', async () => {
    const w = workspace();
    const file = w.write('huge.yaml', ORG_YAML + '#'.repeat(5 * 1024 * 1024));
    const result = await cli(['import', file], w.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: the file is 5.0 MB; an organisation file may be at most 1 MB`);
  });

  it('says when the file does not exist', async () => {
    const w = workspace();
    const result = await cli(['import', join(w.dir, 'missing.yaml')], w.env);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `Cannot import ${join(w.dir, 'missing.yaml')}: no such file.\n` });
  });

  it('asks for exactly one file', async () => {
    const w = workspace();
    const result = await cli(['import'], w.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: auditbot import <org.yaml>');
  });

  it('has help', async () => {
    const result = await cli(['import', '--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: auditbot import <org.yaml> [--dry-run] [--format <text|json>]');
  });
});
