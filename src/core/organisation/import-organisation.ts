// `auditbot import <org.yaml>`: brings the database in line with the organisation file.
// All or nothing: a file with any problem changes nothing, and a file that matches the
// database writes nothing, not even a trail event, so importing on every deploy is safe.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { diffOrganisation, emptyChanges, hasChanges, mergeOrganisation, summariseChanges, type OrganisationChanges } from './diff-organisation.js';
import { parseOrganisationFile, type OrganisationFileError } from './parse-organisation-file.js';
import type { Channel } from '../shared/actor.js';

const CHANNELS = ['cli', 'console', 'slack', 'teams', 'scheduler', 'system'] as const satisfies readonly Channel[];

export const importOrganisationInput = z.strictObject({
  /** As the person gave it; every error message starts with it. */
  fileName: z.string().trim().min(1, 'the file name is required'),
  text: z.string(),
  dryRun: z.boolean().default(false),
  actor: z.strictObject({ email: z.string().trim().min(1), channel: z.enum(CHANNELS) }),
});

export type ImportOrganisationInput = z.input<typeof importOrganisationInput>;

export interface ImportOrganisationResult {
  file: string;
  dryRun: boolean;
  /** False when the file matches the database: nothing was (or would be) written. */
  changed: boolean;
  changes: OrganisationChanges;
  /** One sentence for people, e.g. "1 person added, 2 people changed." */
  summary: string;
  /** Sequence number of the `organisation.imported` trail event; null on a dry run or no change. */
  trailEvent: number | null;
}

/** The refusal of a file with problems; `errors` lists every one of them. */
export class OrganisationImportError extends AuditbotError {
  readonly errors: readonly OrganisationFileError[];

  constructor(file: string, errors: readonly OrganisationFileError[]) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    super('import_failed', `${file} has ${count}; nothing was imported:\n${errors.map((e) => `  ${e.text}`).join('\n')}`);
    this.name = 'OrganisationImportError';
    this.errors = errors;
  }
}

export function importOrganisation(core: Core, raw: ImportOrganisationInput): ImportOrganisationResult {
  const input = importOrganisationInput.safeParse(raw);
  if (!input.success) {
    const fields = Object.fromEntries(input.error.issues.map((i) => [i.path.join('.'), i.message]));
    throw new AuditbotError('validation_failed', `The import request is incomplete: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ')}`, fields);
  }
  const { fileName, text, dryRun, actor } = input.data;

  const parsed = parseOrganisationFile(fileName, text);
  if (!parsed.ok) throw new OrganisationImportError(fileName, parsed.errors);

  const result = core.store.transaction((tx): ImportOrganisationResult => {
    const current = tx.organisation.snapshot();
    const next = mergeOrganisation(current, parsed.snapshot);
    const { changes, values } = diffOrganisation(current, next);
    const base = { file: fileName, dryRun };
    if (!hasChanges(changes)) return { ...base, changed: false, changes: emptyChanges(), summary: summariseChanges(changes), trailEvent: null };
    if (dryRun) return { ...base, changed: true, changes, summary: summariseChanges(changes), trailEvent: null };

    tx.organisation.applySnapshot(next);
    const trailEvent = tx.trail.append({
      actor: actor.email,
      action: 'organisation.imported',
      subject: 'organisation',
      before: values.before,
      after: { file: fileName, changes, ...values.after },
      channel: actor.channel,
    });
    return { ...base, changed: true, changes, summary: summariseChanges(changes), trailEvent };
  });
  // The organisation's time zone wins over AUDITBOT_TZ once imported (see app.ts); keep this
  // process in step with what was just committed.
  if (result.trailEvent !== null && parsed.snapshot.organisation) core.settings.timezone = parsed.snapshot.organisation.timezone;
  return result;
}
