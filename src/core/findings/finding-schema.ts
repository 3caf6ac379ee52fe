// The input of `recordFinding`, validated here so that Slack, Teams and the console refuse the
// same things with the same words. Every error is keyed by the id of the form field it belongs
// to (`finding-forms.ts` uses the same ids), so adapters show each message next to its input.
import { z } from 'zod';
import { validationError, type AuditbotError } from '../errors.js';
import { parseRequirement, unknownRequirementMessage } from '../catalogue/requirement-references.js';
import { CLASSIFICATIONS } from '../shared/classification.js';

/** Field ids of the finding form; they are also the keys of field errors. */
export const FINDING_FIELDS = {
  auditId: 'auditId',
  classification: 'classification',
  requirement: 'requirement',
  confirmOutOfScope: 'confirmOutOfScope',
  statement: 'statement',
  evidence: 'evidence',
  area: 'area',
  owner: 'owner',
  dueDate: 'dueDate',
} as const;

export const MAX_TEXT = 3000;

/** Counts characters as people do (code points), so an emoji or an accented letter is one. */
const length = (s: string): number => [...s].length;

/** Forms send an untouched optional field as '' (or only spaces); that means "not given". */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const longText = (what: string, missing: string, tooLong: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .refine((s) => length(s) <= MAX_TEXT, { error: (iss) => `${tooLong} It is ${length(String(iss.input)).toLocaleString('en-GB')} characters; the limit for ${what} is 3,000.` });

const requirement = z
  .string({ error: 'Choose the clause or control this finding is against, e.g. 9.2 or A.5.15.' })
  .trim()
  .min(1, { error: 'Choose the clause or control this finding is against, e.g. 9.2 or A.5.15.' })
  .transform((typed, ctx) => {
    const parsed = parseRequirement(typed);
    if (parsed) return parsed.id;
    ctx.addIssue({ code: 'custom', message: unknownRequirementMessage(typed) });
    return z.NEVER;
  });

export const RecordFindingInput = z.object({
  auditId: z
    .string({ error: 'Choose the audit this finding belongs to.' })
    .trim()
    .min(1, { error: 'Choose the audit this finding belongs to.' })
    .transform((s) => s.toUpperCase()),
  classification: z.enum(CLASSIFICATIONS, {
    error: (iss) =>
      iss.input === undefined || iss.input === ''
        ? 'Choose a classification: major nonconformity, minor nonconformity, opportunity for improvement or observation.'
        : `"${String(iss.input)}" is not a classification. Use major, minor, ofi or observation.`,
  }),
  requirement,
  statement: longText(
    'the statement',
    'Write what you saw: the statement of the finding.',
    'Please shorten the statement; detail can go into the evidence.',
  ),
  evidence: longText(
    'the evidence',
    'Give the objective evidence behind the finding: what you looked at (a record, a document, an interview, a system).',
    'Please shorten the evidence, or link to the full record instead.',
  ),
  area: z.preprocess(blankToUndefined, z.string().trim().toLowerCase().optional()),
  owner: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: (iss) => `"${String(iss.input)}" is not an e-mail address. Choose the owner from the list, or leave it empty for the owner of the control.` }))
      .optional(),
  ),
  confirmOutOfScope: z.preprocess((v) => (v === 'true' || v === 'on' ? true : v === 'false' || v === '' || v === undefined ? false : v), z.boolean({ error: 'Tick the box, or leave it empty.' })),
  dueDate: z.preprocess(blankToUndefined, z.iso.date({ error: 'Give the due date as a calendar date, e.g. 2027-03-31.' }).optional()),
});

export type RecordFindingInput = z.output<typeof RecordFindingInput>;

/** What callers may pass before validation: form values as they come, or already typed. */
export type RecordFindingRequest = Partial<Record<keyof RecordFindingInput, string | boolean | undefined>>;

/** Parses the input; throws one validation error with the first message for each field. */
export function parseRecordFindingInput(input: unknown): RecordFindingInput {
  const result = RecordFindingInput.safeParse(input);
  if (result.success) return result.data;
  throw toFieldError(result.error);
}

function toFieldError(error: z.ZodError): AuditbotError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    fields[key] ??= issue.message;
  }
  return validationError(fields, `The finding was not recorded. ${Object.values(fields).join(' ')}`);
}
