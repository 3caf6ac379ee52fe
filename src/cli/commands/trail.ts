import { formatTrailHead, MIN_HEAD_PREFIX, parseWitnessedHead, verifyTrail, type WitnessedHead } from '../../core/trail/verify-trail.js';
import { choice, UsageError, type CommandImplementation } from '../framework.js';
import { toCsv, toJson, toMarkdownTable } from '../format.js';

export const trailVerifyCommand: CommandImplementation = {
  database: 'read',
  options: {
    head: {
      type: 'string',
      description: `also check that the trail still reaches this event with this hash (at least ${MIN_HEAD_PREFIX} hex characters), as the weekly digest or a backup printed it`,
      placeholder: '<seq>:<hash>',
    },
  },
  details: [
    'The chain alone shows an event that was changed or removed in the middle, but not the newest events',
    'removed from the end. The weekly digest ends with the trail head (Trail #1234 · a1b2c3d4) and',
    '`auditbot backup` prints the head it copied: pass it with --head to check that the trail still reaches it.',
    '',
    'Examples:',
    '  auditbot trail verify',
    '  auditbot trail verify --head 1234:a1b2c3d4',
    '  AUDITBOT_DB=backups/2027-01-04.db auditbot trail verify   # an archived copy, opened read-only',
  ].join('\n'),
  run({ values, io, app }) {
    let head: WitnessedHead | undefined;
    if (values.head !== undefined) {
      const parsed = typeof values.head === 'string' ? parseWitnessedHead(values.head) : null;
      if (!parsed) {
        throw new UsageError(`--head must be <seq>:<hash>, the event number and at least ${MIN_HEAD_PREFIX} hex characters of its hash, e.g. 1234:a1b2c3d4; got ${JSON.stringify(values.head)}`);
      }
      head = parsed;
    }
    const { core } = app();
    const verdict = core.store.transaction((tx) => verifyTrail(tx.trail.iterate(), head ? { head } : {}));
    if (verdict.ok) {
      const reached = head ? `; it reaches the witnessed head ${formatTrailHead({ seq: head.seq, hash: head.hashPrefix })}` : '';
      io.stdout(`OK: ${verdict.count} event${verdict.count === 1 ? '' : 's'}, chain intact (last hash ${verdict.lastHash.slice(0, 16)}…)${reached}`);
      return 0;
    }
    io.stderr(`FAILED at event #${verdict.seq}: ${verdict.reason}. The trail has been altered from that event on; restore it from a backup and investigate.`);
    return 1;
  },
};

const HEADERS = ['seq', 'at', 'actor', 'action', 'subject', 'channel', 'before', 'after', 'prevHash', 'hash'];

export const exportTrailCommand: CommandImplementation = {
  database: 'read',
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
