import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityChanges, ItemChanges, OrganisationChanges } from '../../core/organisation/diff-organisation.js';
import { importOrganisation, OrganisationImportError, type ImportOrganisationResult } from '../../core/organisation/import-organisation.js';
import { fileSizeError, MAX_ORGANISATION_FILE_BYTES, type OrganisationFileError } from '../../core/organisation/parse-organisation-file.js';
import { choice, UsageError, type CliIO, type CommandImplementation } from '../framework.js';
import type { SlackIdFill } from '../../../adapters/slack/fill-slack-ids.js';
import { toJson } from '../format.js';
import { SYSTEM_ACTOR } from '../../core/shared/actor.js';

/** Reads the file, refusing an oversized one from its size on disk before reading it. */
function readOrganisationFile(path: string, cwd: string): { text: string } | { error: string } | { tooLarge: OrganisationFileError } {
  let fd: number;
  try {
    fd = openSync(resolve(cwd, path), 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? (e as Error).message})` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { error: `${path}: is a directory; give the organisation YAML file` };
    if (stat.size > MAX_ORGANISATION_FILE_BYTES) return { tooLarge: fileSizeError(path, stat.size) };
    return { text: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

/** A list as lines no wider than a terminal, continuing under the first item. */
function wrapList(label: string, items: string[], width = 100): string[] {
  const lines: string[] = [];
  const indent = ' '.repeat(label.length);
  let line = label;
  items.forEach((item, i) => {
    const piece = `${item}${i < items.length - 1 ? ',' : ''}`;
    if (line.length > indent.length && line.length + 1 + piece.length > width) {
      lines.push(line);
      line = `${indent}${piece}`;
    } else line = line === label ? `${line}${piece}` : `${line} ${piece}`;
  });
  lines.push(line);
  return lines;
}

/** Long lists (the scope of a first import) are cut; `--format json` has them in full. */
const LIST_LIMIT = 40;

const shortened = (items: string[]): string[] =>
  items.length <= LIST_LIMIT ? items : [...items.slice(0, LIST_LIMIT), `… and ${items.length - LIST_LIMIT} more (--format json lists them all)`];

const fieldLabel = (f: string): string => (f === 'active' ? 'reactivated' : f);

export function describeChanges(c: OrganisationChanges): string[] {
  const lines: string[] = [];
  if (c.organisation.added) lines.push('  organisation: added');
  else if (c.organisation.changed.length > 0) lines.push(`  organisation: ${c.organisation.changed.join(', ')} changed`);
  const section = (name: string, s: EntityChanges | ItemChanges) => {
    const gone = 'deactivated' in s ? { verb: 'deactivated', keys: s.deactivated } : { verb: 'removed', keys: s.removed };
    if (s.added.length > 0) lines.push(...wrapList(`  ${name} added (${s.added.length}): `, shortened(s.added)));
    if (s.changed.length > 0) {
      lines.push(`  ${name} changed (${s.changed.length}):`);
      for (const ch of s.changed.slice(0, LIST_LIMIT)) lines.push(`    ${ch.key} (${ch.fields.map(fieldLabel).join(', ')})`);
      if (s.changed.length > LIST_LIMIT) lines.push(`    … and ${s.changed.length - LIST_LIMIT} more (--format json lists them all)`);
    }
    if (gone.keys.length > 0) lines.push(...wrapList(`  ${name} ${gone.verb} (${gone.keys.length}): `, shortened(gone.keys)));
  };
  section('teams', c.teams);
  section('people', c.people);
  section('areas', c.areas);
  section('scope', c.scope);
  section('applicability', c.applicability);
  return lines;
}

function printResult(io: CliIO, r: ImportOrganisationResult): void {
  if (!r.changed) {
    io.stdout(`No changes: ${r.file} matches the database.`);
    return;
  }
  const head = r.dryRun
    ? `Dry run: importing ${r.file} would make these changes (nothing was written): ${r.summary}`
    : `Imported ${r.file} (trail event #${r.trailEvent ?? '?'}): ${r.summary}`;
  io.stdout([head, ...describeChanges(r.changes)].join('\n'));
  if (r.changes.people.deactivated.length > 0 && !r.dryRun) {
    io.stdout('People no longer in the file are deactivated, not deleted: their audit history stays.');
  }
}

function describeFill(f: SlackIdFill): string[] {
  const lines = [`Slack ids: ${f.linked.length} linked by e-mail, ${f.notFound.length} not found in Slack, ${f.failed.length} failed.`];
  if (f.notFound.length > 0) lines.push(...wrapList('  not found (they are notified on Teams or the console): ', shortened(f.notFound)));
  for (const x of f.failed) lines.push(`  ${x.email}: ${x.error}`);
  return lines;
}

export const importCommand: CommandImplementation = {
  database: 'create',
  args: ['<org.yaml>'],
  options: {
    'dry-run': { type: 'boolean', description: 'show what would change without writing anything' },
    format: { type: 'string', description: 'text or json', default: 'text', placeholder: '<text|json>' },
    'slack-ids': { type: 'boolean', description: 'then link people without a Slack id by e-mail (users.lookupByEmail; needs SLACK_BOT_TOKEN)' },
  },
  details: [
    'Reads the YAML file (examples/org.yaml shows every field) and brings the database in line',
    'with it. Every problem is listed at once as <file>:<line> <field>: <what is wrong>, and a file',
    'with any problem changes nothing. Importing the same file again changes nothing and says so.',
    'People, teams and areas missing from the file are deactivated, never deleted.',
    'Slack and Teams ids learnt from chat are kept unless the file gives others.',
    'With --slack-ids, people without a Slack id are then looked up by e-mail in Slack and linked',
    '(otherwise that happens on their first Slack notification or message).',
  ].join('\n'),
  async run({ values, positionals, io, app }) {
    const format = choice(values.format, 'format', ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new UsageError('Usage: auditbot import <org.yaml> [--dry-run] [--format text|json]');
    const file = positionals[0] as string;
    const dryRun = values['dry-run'] === true;
    const slackIds = values['slack-ids'] === true;
    if (slackIds && dryRun) throw new UsageError('--slack-ids links accounts, so it cannot be combined with --dry-run. Run the dry run first, then import with --slack-ids.');

    const fail = (errors: OrganisationFileError[]): number => {
      io.stderr([`${file}: ${errors.length === 1 ? '1 problem' : `${errors.length} problems`}; nothing was imported.`, ...errors.map((e) => e.text)].join('\n'));
      if (format === 'json') io.stdout(toJson({ file, dryRun, changed: false, errors }));
      return 1;
    };

    const read = readOrganisationFile(file, io.cwd);
    if ('error' in read) {
      io.stderr(`Cannot import ${read.error}.`);
      return 1;
    }
    if ('tooLarge' in read) return fail([read.tooLarge]);

    const { core } = app();
    let result: ImportOrganisationResult;
    try {
      result = importOrganisation(core, { fileName: file, text: read.text, dryRun, actor: { email: SYSTEM_ACTOR, channel: 'cli' } });
    } catch (e) {
      if (e instanceof OrganisationImportError) return fail([...e.errors]);
      throw e;
    }
    let fill: SlackIdFill | undefined;
    if (slackIds) {
      const { config } = app();
      if (!config.slack) throw new UsageError('--slack-ids needs SLACK_BOT_TOKEN (a bot token with the users:read.email scope).');
      // Slack's client loads only for --slack-ids.
      const { fillSlackIds } = await import('../../../adapters/slack/fill-slack-ids.js');
      fill = await fillSlackIds(core, { token: config.slack.botToken, apiUrl: config.slack.apiUrl });
    }
    if (format === 'json') {
      io.stdout(toJson(fill ? { ...result, slackIds: fill } : result));
    } else {
      printResult(io, result);
      if (fill) io.stdout(describeFill(fill).join('\n'));
    }
    return fill && fill.failed.length > 0 ? 1 : 0;
  },
};
