// An auditor of the audit amends a finding (issue 14.1): its statement, evidence, requirement
// or classification, with an optional reason. The change and its trail event (before and after)
// commit in one transaction with the owner's message. Reclassifying an OFI or observation as a
// nonconformity opens its corrective action (clause 10.2); a nonconformity reclassified as an
// OFI or observation keeps its action, which an OFI may have by choice.
import { z } from 'zod';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import { parseRequirement, unknownRequirementMessage } from '../catalogue/requirement-references.js';
import { openCorrectiveAction } from '../corrective-actions/open-corrective-action.js';
import { notifyPerson } from '../shared/notify.js';
import { parseInput } from '../shared/input-schema.js';
import { CLASSIFICATIONS, isNonconformity } from '../shared/classification.js';
import type { Actor } from '../shared/actor.js';
import { changeFinding, FINDING_AMENDED, type Amendment, type ChangedFinding } from './change-finding.js';
import { amendedMessage } from './finding-change-messages.js';
import { loadFindingForChange } from './finding-access.js';
import { MAX_TEXT } from './finding-schema.js';
import { parseFindingId } from '../corrective-actions/types.js';
import { requirementLabel } from './finding-messages.js';
import { CLASSIFICATION_OPTIONS } from './types.js';
import type { Form } from '../message.js';

const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (what: string) =>
  z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((s) => [...s].length <= MAX_TEXT, `Please shorten ${what}: the limit is 3,000 characters.`)
      .optional(),
  );

export const AmendFindingInput = z.object({
  findingId: z.string({ error: 'Give the finding, e.g. F-2027-0012.' }).transform((s, ctx) => {
    const id = parseFindingId(s);
    if (id) return id;
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a finding number, e.g. F-2027-0012.` });
    return z.NEVER;
  }),
  statement: text('the statement'),
  evidence: text('the evidence'),
  requirement: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .transform((typed, ctx) => {
        const parsed = parseRequirement(typed);
        if (parsed) return parsed.id;
        ctx.addIssue({ code: 'custom', message: unknownRequirementMessage(typed) });
        return z.NEVER;
      })
      .optional(),
  ),
  classification: z.preprocess(blank, z.enum(CLASSIFICATIONS, { error: (iss) => `"${String(iss.input)}" is not a classification. Use major, minor, ofi or observation.` }).optional()),
  reason: text('the reason'),
});

export interface AmendFindingResult extends ChangedFinding {
  /** The corrective action opened because it became a nonconformity. */
  openedAction: string | null;
  ownerTold: boolean;
  repeated: boolean;
}

const claimKeyOf = (key: string): string => `finding.amend:${key}`;

/** `submissionKey`: a repeated submission (retry, double click) is answered as done and writes nothing. */
export function amendFinding(core: Core, actor: Actor, input: unknown, submissionKey?: string): AmendFindingResult {
  const data = parseInput(AmendFindingInput, input, 'The finding was not amended.');
  return core.store.transaction((tx) => {
    if (submissionKey && tx.processed.get(claimKeyOf(submissionKey))) {
      const finding = tx.findings.get(data.findingId);
      if (finding) return { before: finding, finding, changed: [], seq: null, openedAction: null, ownerTold: false, repeated: true };
    }
    const c = loadFindingForChange(tx, actor.email, data.findingId, 'amend');
    const patch: Amendment = {};
    if (data.statement !== undefined) patch.statement = data.statement;
    if (data.evidence !== undefined) patch.evidence = data.evidence;
    if (data.classification !== undefined) patch.classification = data.classification;
    if (data.requirement !== undefined && data.requirement !== c.finding.requirement) {
      const excluded = tx.organisation.listApplicability().find((a) => !a.applicable && parseRequirement(a.control, 'control')?.id === data.requirement);
      if (excluded) {
        throw validationError({ requirement: `${requirementLabel(data.requirement)} is excluded in the Statement of Applicability ("${excluded.justification}"), so no finding can be against it.` });
      }
      patch.requirement = data.requirement;
      patch.outOfScope = !(c.audit.clauses.includes(data.requirement) || c.audit.controls.includes(data.requirement));
    }
    const result = changeFinding(tx, { email: c.person.email, channel: actor.channel }, c.finding, { kind: FINDING_AMENDED, patch, reason: data.reason ?? null }, core.clock.now().toISOString());
    if (result.seq === null) {
      throw validationError({ _form: `Nothing was changed: the values given are those ${c.finding.id} already has.` }, `The finding was not amended: nothing in it would change.`);
    }
    let openedAction: string | null = null;
    if (isNonconformity(result.finding.classification) && !result.finding.actionId) {
      const action = openCorrectiveAction(tx, core, result.finding, { actor: { email: c.person.email, channel: actor.channel } });
      openedAction = action.id;
      result.finding = { ...result.finding, actionId: action.id };
    }
    const owner = tx.organisation.getPerson(result.finding.owner);
    const ownerTold = owner?.active === true && owner.email !== c.person.email;
    if (owner && ownerTold) notifyPerson(tx, core, owner, `finding:${result.finding.id}:amended:${result.seq}`, amendedMessage(result, c.person.name, data.reason ?? null));
    if (submissionKey) tx.processed.claim(claimKeyOf(submissionKey), core.clock.now().toISOString(), result.finding.id);
    return { ...result, openedAction, ownerTold, repeated: false };
  });
}

export const AMEND_FORM_ID = 'finding.amend';

/** The amend form, filled in with the finding as it stands; only those who may amend it get it. */
export function amendFindingForm(core: Core, actor: Actor, findingId: string): Form {
  return core.store.transaction((tx) => {
    const { finding: f } = loadFindingForChange(tx, actor.email, findingId, 'amend');
    return {
      id: AMEND_FORM_ID,
      title: `Amend ${f.id}`,
      submitLabel: 'Save changes',
      intro: `Change what needs correcting in ${f.id} (audit ${f.auditId}). The owner is told what changed, and the audit trail keeps the values before and after.`,
      fields: [
        { id: 'classification', label: 'Classification', type: 'select', required: true, options: CLASSIFICATION_OPTIONS, initial: f.classification },
        { id: 'requirement', label: 'Requirement', hint: 'A clause such as 9.2 or an Annex A control such as A.5.15.', type: 'search', source: 'requirement', required: true, initial: { value: f.requirement, label: requirementLabel(f.requirement) } },
        { id: 'statement', label: 'Statement', type: 'textarea', required: true, maxLength: MAX_TEXT, initial: f.statement },
        { id: 'evidence', label: 'Objective evidence', type: 'textarea', required: true, maxLength: MAX_TEXT, initial: f.evidence },
        { id: 'reason', label: 'Reason for the change', hint: 'Kept in the audit trail and shown to the owner.', type: 'textarea', required: false, maxLength: MAX_TEXT },
      ],
      context: { findingId: f.id },
    };
  });
}
