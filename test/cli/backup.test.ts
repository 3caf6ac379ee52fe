import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { cli, tempDir } from '../helpers/cli.js';

describe('auditbot backup', () => {
  it('copies a live database, mode 0600, with a verified trail, and the copy opens with its data', async () => {
    const dir = tempDir();
    const env = { AUDITBOT_DB: join(dir, 'live.db') };
    expect((await cli(['import', 'examples/org.yaml'], env)).code).toBe(0);
    const target = join(dir, 'backup.db');
    const abs = await cli(['backup', target], env);
    expect(abs.code).toBe(0);
    expect(abs.stdout).toMatch(/^Backed up to .*backup\.db \(\d+ KiB\); its audit trail verifies: 1 event, head #1 · [0-9a-f]{8}\./);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const copy = openDatabase(target);
    expect(copy.$client.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 40 });
    copy.$client.close();
  });

  it('refuses to overwrite a file without --force, and the database itself', async () => {
    const dir = tempDir();
    const env = { AUDITBOT_DB: join(dir, 'live.db') };
    openDatabase(env.AUDITBOT_DB).$client.close();
    const target = join(dir, 'b.db');
    expect((await cli(['backup', target], env)).code).toBe(0);
    const again = await cli(['backup', target], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; choose another name or add --force/);
    expect((await cli(['backup', target, '--force'], env)).code).toBe(0);
    const self = await cli(['backup', join(dir, 'live.db'), '--force'], env);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/another file than the database itself/);
    expect(existsSync(join(dir, 'live.db'))).toBe(true);
  });
});
