import { verifyTrail } from '../../core/trail/verify-trail.js';
import { choice, type CommandSpec } from '../framework.js';
import { toCsv, toJson, toMarkdownTable } from '../format.js';

export const trailVerifyCommand: CommandSpec = {
  path: ['trail', 'verify'],
  summary: 'Check the hash chain of the audit trail; names the first event that does not match',
  run({ io, app }) {
    const { core } = app();
    const verdict = core.store.transaction((tx) => verifyTrail(tx.trail.iterate()));
    if (verdict.ok) {
      io.stdout(`OK: ${verdict.count} event${verdict.count === 1 ? '' : 's'}, chain intact (last hash ${verdict.lastHash.slice(0, 16)}…)`);
      return 0;
    }
    io.stderr(`FAILED at event #${verdict.seq}: ${verdict.reason}. The trail has been altered from that event on; restore it from a backup and investigate.`);
    return 1;
  },
};

const HEADERS = ['seq', 'at', 'actor', 'action', 'subject', 'channel', 'before', 'after', 'prevHash', 'hash'];

export const exportTrailCommand: CommandSpec = {
  path: ['export', 'trail'],
  summary: 'Export the append-only audit trail (every state change, hash-chained)',
  options: { format: { type: 'string', description: 'json, csv or md', default: 'json', placeholder: '<json|csv|md>' } },
  run({ values, io, app }) {
    const format = choice(values.format, 'format', ['json', 'csv', 'md'] as const, 'json');
    const { core } = app();
    const events = core.store.transaction((tx) => tx.trail.list());
    if (format === 'json') {
      io.stdout(
        toJson(
          events.map((e) => ({
            ...e,
            before: e.before === null ? null : (JSON.parse(e.before) as unknown),
            after: e.after === null ? null : (JSON.parse(e.after) as unknown),
          })),
        ),
      );
      return 0;
    }
    const rows = events.map((e) => [e.seq, e.at, e.actor, e.action, e.subject, e.channel, e.before, e.after, e.prevHash, e.hash]);
    io.stdout(format === 'csv' ? toCsv(HEADERS, rows) : toMarkdownTable(HEADERS, rows));
    return 0;
  },
};
