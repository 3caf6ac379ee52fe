// The documented exit codes (README): 0 success, 1 refused or failed, 2 usage error, 78 invalid
// configuration, whichever way the configuration turns out to be invalid: found when it is read
// (ConfigError) or only when it is used (a port already taken, refused by the core's rules as
// `config_invalid`).
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, emptyDatabase, tempDir } from '../helpers/cli.js';

let taken: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (taken ? taken.close(() => resolve()) : resolve()));
  taken = null;
});

const takePort = (): Promise<number> =>
  new Promise((resolve) => {
    taken = createServer().listen(0, '127.0.0.1', () => resolve((taken?.address() as { port: number }).port));
  });

describe('exit codes', () => {
  it('exits 78 when serve cannot listen on the configured port, saying which variable to change', async () => {
    const port = await takePort();
    const res = await cli(['serve'], { PORT: String(port), HOST: '127.0.0.1', AUDITBOT_DB: join(tempDir(), 'auditbot.db') });
    expect(res.stderr).toContain(`Error [config_invalid]: Cannot listen on 127.0.0.1:${port}: it is already in use. Set PORT (and HOST) to another one`);
    expect(res.code).toBe(78);
  });

  it('exits 78 for a configuration refused as it is read, 2 for a usage error, 1 for a refusal', async () => {
    expect((await cli(['programme', 'show'], { PORT: 'abc', AUDITBOT_DB: join(tempDir(), 'a.db') })).code).toBe(78);
    expect((await cli(['programme', 'show', '--no-such-option'], { AUDITBOT_DB: join(tempDir(), 'b.db') })).code).toBe(2);
    const refused = await cli(['outbox', 'retry', '999'], { AUDITBOT_DB: emptyDatabase() });
    expect(refused.stderr).toMatch(/^Error \[not_found\]: /);
    expect(refused.code).toBe(1);
  });
});
