import { resolve } from 'node:path';
import { backupDatabase, backupTargetState } from '../../../db/backup.js';
import { DatabaseError } from '../../../db/connection.js';
import { formatTrailHead } from '../../core/trail/verify-trail.js';
import { UsageError, type CommandImplementation } from '../framework.js';

export const backupCommand: CommandImplementation = {
  args: ['<file>'],
  options: {
    force: { type: 'boolean', description: 'overwrite the file if it exists' },
  },
  details:
    "Uses SQLite's online backup, so `auditbot serve` can keep running. The copy is created with mode 0600 " +
    "(it holds people's names and audit records), is one self-contained file, and its audit trail is verified " +
    'before the command reports success. It prints the trail head it copied (`#<seq> · <hash>`): keep it with ' +
    'the backup, and `auditbot trail verify --head <seq>:<hash>` later shows whether the live trail still reaches it.',
  async run({ positionals, values, io, app }) {
    const [target, ...extra] = positionals;
    if (!target || extra.length > 0) throw new UsageError('Usage: auditbot backup <file> [--force]');
    const file = resolve(io.cwd, target);
    const { db, config } = app();
    const live = resolve(io.cwd, config.db);
    const state = backupTargetState(live, file);
    if (state.kind === 'live') throw new UsageError(`The backup must go to another file than the database itself: ${target} is the live database ${live} (AUDITBOT_DB) or one of its journals.`);
    if (state.kind === 'directory') throw new DatabaseError(`${target} is a directory; give the path of the backup file to create, e.g. ${resolve(file, 'auditbot-backup.db')}.`);
    if (state.kind === 'file' && values.force !== true) {
      throw new UsageError(`${target} already exists; choose another name or add --force to overwrite it.`);
    }
    const { bytes, trail, head } = await backupDatabase(db, file, { replace: state.kind === 'file' });
    if (!trail.ok) {
      io.stderr(`The backup was written to ${target}, but its audit trail does not verify at event #${trail.seq}: ${trail.reason}.`);
      return 1;
    }
    const events = `${trail.count} event${trail.count === 1 ? '' : 's'}`;
    io.stdout(
      head
        ? `Backed up to ${target} (${Math.ceil(bytes / 1024)} KiB); its audit trail verifies: ${events}, head ${formatTrailHead(head)}.\n` +
            `Keep the head with the backup; \`auditbot trail verify --head ${head.seq}:${head.hash.slice(0, 8)}\` shows whether the live trail still reaches it.`
        : `Backed up to ${target} (${Math.ceil(bytes / 1024)} KiB); its audit trail verifies: ${events} (no head yet).`,
    );
    return 0;
  },
};
