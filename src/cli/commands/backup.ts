import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase } from '../../../db/backup.js';
import { UsageError, type CommandSpec } from '../framework.js';

export const backupCommand: CommandSpec = {
  path: ['backup'],
  summary: 'Copy the database to a file while the bot keeps running, and check the copy',
  args: ['<file>'],
  options: {
    force: { type: 'boolean', description: 'overwrite the file if it exists' },
  },
  details:
    "Uses SQLite's online backup, so `auditbot serve` can keep running. The copy is written with mode 0600 " +
    "(it holds people's names and audit records) and its audit trail is verified before the command reports success.",
  async run({ positionals, values, io, app }) {
    const [target, ...extra] = positionals;
    if (!target || extra.length > 0) throw new UsageError('Usage: auditbot backup <file> [--force]');
    const file = resolve(io.cwd, target);
    if (existsSync(file) && values.force !== true) {
      throw new UsageError(`${target} already exists; choose another name or add --force to overwrite it.`);
    }
    const { db, config } = app();
    if (resolve(io.cwd, config.db) === file) throw new UsageError('The backup must go to another file than the database itself.');
    const { bytes, trail } = await backupDatabase(db, file);
    if (!trail.ok) {
      io.stderr(`The backup was written to ${target}, but its audit trail does not verify at event #${trail.seq}: ${trail.reason}.`);
      return 1;
    }
    io.stdout(`Backed up to ${target} (${Math.ceil(bytes / 1024)} KiB); its audit trail verifies: ${trail.count} event${trail.count === 1 ? '' : 's'}.`);
    return 0;
  },
};
