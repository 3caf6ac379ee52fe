// Inputs of the corrective-action use cases, validated here so that Slack, Teams and the
// console refuse the same things with the same words. Errors are keyed by the form field they
// belong to (ACTION_FIELDS), so each adapter shows the message next to its input.
import { z } from 'zod';
import { ACTION_FIELDS } from './action-ids.js';
import { parseActionId, parseFindingId } from './types.js';
import { linkProblem, MAX_LINKS, splitLinks } from '../shared/links-schema.js';
import { parseInput } from '../shared/input-schema.js';

export { parseInput };

export const MAX_TEXT = 3000;

const length = (s: string): number => [...s].length;

const actionId = z.unknown().transform((v, ctx) => {
  const id = parseActionId(v);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: `"${String(v ?? '')}" is not a corrective action number. Use the number shown with the action, e.g. CA-2027-0031.` });
    return z.NEVER;
  }
  return id;
});

const findingId = z.unknown().transform((v, ctx) => {
  const id = parseFindingId(v);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: `"${String(v ?? '')}" is not a finding number. Use the number shown with the finding, e.g. F-2027-0012.` });
    return z.NEVER;
  }
  return id;
});

const requiredText = (what: string, missing: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ error: missing })
      .trim()
      .min(1, { error: missing })
      .refine((s) => length(s) <= MAX_TEXT, {
        error: (iss) => `Please shorten ${what}: it is ${length(String(iss.input)).toLocaleString('en-GB')} characters; the limit is ${MAX_TEXT.toLocaleString('en-GB')}. Link to a longer document instead.`,
      }),
  );

const blankToUndefined = (v: unknown): unknown => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const date = (message: string) => z.preprocess(blankToUndefined, z.iso.date({ error: message }));

const optionalDate = (what: string) => z.preprocess(blankToUndefined, z.iso.date({ error: `Give ${what} as a calendar date, e.g. 2027-03-31.` }).optional());

const links = z.unknown().transform((v, ctx) => {
  const list = splitLinks(v);
  if (list.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'Paste at least one link (https://…) to the evidence that the action was carried out, one per line: a ticket, a changed document, a report, a screenshot.' });
    return z.NEVER;
  }
  if (list.length > MAX_LINKS) {
    ctx.addIssue({ code: 'custom', message: `That is ${list.length} links; at most ${MAX_LINKS} fit. Link to a folder or an index page instead.` });
    return z.NEVER;
  }
  const problems = list.map((l, i) => ({ line: i + 1, problem: linkProblem(l) })).filter((p) => p.problem !== null);
  if (problems.length > 0) {
    ctx.addIssue({ code: 'custom', message: list.length === 1 ? (problems[0]?.problem ?? '') : problems.map((p) => `Line ${p.line}: ${p.problem}`).join(' ') });
    return z.NEVER;
  }
  return [...new Set(list)];
});

export const PlanActionInput = z.object({
  [ACTION_FIELDS.actionId]: actionId,
  [ACTION_FIELDS.correction]: requiredText(
    'the correction',
    'Say what was corrected already to contain the problem (the immediate fix), or "none yet" and why.',
  ),
  [ACTION_FIELDS.rootCause]: requiredText('the root cause', 'Give the root cause: why the nonconformity happened, not only what happened.'),
  [ACTION_FIELDS.plan]: requiredText('the action plan', 'Describe the action plan: what will be done so that it does not happen again.'),
  [ACTION_FIELDS.due]: date('Give the target date as a calendar date, e.g. 2027-03-31.'),
});
export type PlanActionInput = z.output<typeof PlanActionInput>;

export const MarkImplementedInput = z.object({
  [ACTION_FIELDS.actionId]: actionId,
  [ACTION_FIELDS.links]: links,
});
export type MarkImplementedInput = z.output<typeof MarkImplementedInput>;

export const RequestExtensionInput = z.object({
  [ACTION_FIELDS.actionId]: actionId,
  [ACTION_FIELDS.due]: date('Give the new due date as a calendar date, e.g. 2027-03-31.'),
  [ACTION_FIELDS.reason]: requiredText('the reason', 'Say why more time is needed; the reason is kept in the audit trail.'),
});
export type RequestExtensionInput = z.output<typeof RequestExtensionInput>;

const effective = z.preprocess(
  (v) => (v === true || v === 'yes' || v === 'true' || v === 'effective' ? true : v === false || v === 'no' || v === 'false' || v === 'not-effective' || v === 'not_effective' ? false : v),
  z.boolean({ error: 'Choose whether the action was effective: yes or no.' }),
);

export const VerifyActionInput = z
  .object({
    [ACTION_FIELDS.actionId]: actionId,
    [ACTION_FIELDS.effective]: effective,
    [ACTION_FIELDS.reason]: requiredText('the reason', 'Say what you checked and what it showed; the owner and the certification auditor read it.'),
    [ACTION_FIELDS.due]: optionalDate('the new due date'),
  })
  .superRefine((v, ctx) => {
    if (!v.effective && v.due === undefined) {
      ctx.addIssue({ code: 'custom', path: [ACTION_FIELDS.due], message: 'Give a new due date for the owner to plan and implement the action again.' });
    }
  });
export type VerifyActionInput = z.output<typeof VerifyActionInput>;

export const OpenActionInput = z.object({
  [ACTION_FIELDS.findingId]: findingId,
  [ACTION_FIELDS.due]: optionalDate('the due date'),
});
export type OpenActionInput = z.output<typeof OpenActionInput>;
