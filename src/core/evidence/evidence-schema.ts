// Inputs of the evidence use cases, validated here so that Slack, Teams and the console refuse
// the same things with the same words. Errors are keyed by the form field they belong to
// (`links`, `note`, `days`, `reason`, `comment`, `due`, `owner`), so each adapter shows the
// message next to its input.
import { z } from 'zod';
import { linkProblem, MAX_LINKS, splitLinks } from '../shared/links-schema.js';

export const EVIDENCE_FIELDS = {
  requestId: 'requestId',
  links: 'links',
  note: 'note',
  days: 'days',
  reason: 'reason',
  comment: 'comment',
  due: 'due',
  owner: 'owner',
  decision: 'decision',
} as const;

export const MAX_TEXT = 3000;
export const MAX_SNOOZE_DAYS = 3;
export const MAX_SNOOZES = 2;

const length = (s: string): number => [...s].length;
const n = (v: number): string => v.toLocaleString('en-GB');
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** `12`, `#12` and `E-12` all name request 12. */
export function parseRequestId(input: unknown): number | null {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input > 0 ? input : null;
  if (typeof input !== 'string') return null;
  const m = /^\s*(?:#|e-?)?(\d{1,12})\s*$/i.exec(input);
  if (!m) return null;
  const id = Number(m[1]);
  return id > 0 ? id : null;
}

const requestId = z.unknown().transform((v, ctx) => {
  const id = parseRequestId(v);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: `"${String(v ?? '')}" is not an evidence request number. Use the number shown with the request, e.g. 12 or #12.` });
    return z.NEVER;
  }
  return id;
});

const links = z.unknown().transform((v, ctx) => {
  const list = splitLinks(v);
  if (list.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'Paste at least one link to the evidence (https://…), one per line.' });
    return z.NEVER;
  }
  if (list.length > MAX_LINKS) {
    ctx.addIssue({ code: 'custom', message: `That is ${list.length} links; at most ${MAX_LINKS} fit in one submission. Link to a folder or an index page instead.` });
    return z.NEVER;
  }
  const problems = list.map((l, i) => ({ line: i + 1, problem: linkProblem(l) })).filter((p) => p.problem !== null);
  if (problems.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: list.length === 1 ? (problems[0]?.problem ?? '') : problems.map((p) => `Line ${p.line}: ${p.problem}`).join(' '),
    });
    return z.NEVER;
  }
  return [...new Set(list)];
});

const optionalText = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((s) => length(s) <= MAX_TEXT, { error: (iss) => `Please shorten ${what}: it is ${n(length(String(iss.input)))} characters; the limit is ${n(MAX_TEXT)}.` })
      .optional(),
  );

const requiredText = (what: string, missing: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ error: missing })
      .trim()
      .min(1, { error: missing })
      .refine((s) => length(s) <= MAX_TEXT, { error: (iss) => `Please shorten ${what}: it is ${n(length(String(iss.input)))} characters; the limit is ${n(MAX_TEXT)}.` }),
  );

const date = (what: string) =>
  z.preprocess(blankToUndefined, z.iso.date({ error: `Give ${what} as a calendar date, e.g. 2027-03-31.` }).optional());

export const SubmitEvidenceInput = z.object({
  requestId,
  links,
  note: optionalText('the note'),
});
export type SubmitEvidenceInput = z.output<typeof SubmitEvidenceInput>;

export const SnoozeEvidenceInput = z.object({
  requestId,
  days: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `Choose how many working days to snooze: 1 to ${MAX_SNOOZE_DAYS}.` })
      .int({ error: `Choose how many working days to snooze: 1 to ${MAX_SNOOZE_DAYS}.` })
      .min(1, { error: `Choose how many working days to snooze: 1 to ${MAX_SNOOZE_DAYS}.` })
      .max(MAX_SNOOZE_DAYS, { error: `A snooze is at most ${MAX_SNOOZE_DAYS} working days. If you need longer, tell the auditor or use Not mine.` }),
  ),
});
export type SnoozeEvidenceInput = z.output<typeof SnoozeEvidenceInput>;

export const NotMineInput = z.object({
  requestId,
  reason: requiredText('the reason', 'Say why this is not yours, and who it belongs to if you know, so the audit lead can pass it on.'),
});
export type NotMineInput = z.output<typeof NotMineInput>;

export const ReviewEvidenceInput = z
  .object({
    requestId,
    decision: z.enum(['accept', 'more'], { error: 'Choose accept, or more to ask the owner for more evidence.' }),
    comment: optionalText('the comment'),
    due: date('the new due date'),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'more' && !v.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say what else you need to see, so the owner knows what to add.' });
    }
  });
export type ReviewEvidenceInput = z.output<typeof ReviewEvidenceInput>;

export const ReassignEvidenceInput = z.object({
  requestId,
  owner: z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1, { error: 'Choose who the request should go to.' })
      .pipe(z.email({ error: (iss) => `"${String(iss.input)}" is not an e-mail address. Choose the new owner from the list.` })),
  ),
  due: date('the due date'),
});
export type ReassignEvidenceInput = z.output<typeof ReassignEvidenceInput>;

export const WithdrawEvidenceInput = z.object({
  requestId,
  reason: requiredText('the reason', 'Say why the request is withdrawn; the reason is kept in the audit trail.'),
});
export type WithdrawEvidenceInput = z.output<typeof WithdrawEvidenceInput>;

