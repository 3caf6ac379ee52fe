// An input of clause 9.3.2 given by its provider: the person the organisation file names for it
// (management_review.inputs), or an audit lead in their stead. They open the form from the
// button on their request and give text and links (each checked like an evidence link); for
// (d), which includes the fulfilment of information security objectives, a status per
// objective. Giving it again before the review is held replaces it; once the review is held the
// inputs are final. The submission is in the trail and shows in the pack with who and when.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import type { Form, Message } from '../message.js';
import { longDate } from '../reporting/reporting-periods.js';
import type { Actor } from '../shared/actor.js';
import { linkProblem, MAX_LINKS, MAX_LINKS_TEXT, splitLinks } from '../shared/links-schema.js';
import { isLead, type PersonRecord } from '../shared/people.js';
import type { Tx } from '../ports.js';
import { INPUT_TITLES } from './build-management-review.js';
import type { InputLetter, ManagementReviewRecord, ObjectiveStatus, ReviewInputRecord } from './ports.js';

export const REVIEW_INPUT_FORM = 'review.input';
export const REVIEW_INPUT_BUTTON = 'review.input';
export const INPUT_TEXT_MAX = 4000;
export const INPUT_FIELDS = { text: 'text', links: 'links', objectives: 'objectives' } as const;
export const OBJECTIVE_STATUSES: readonly ObjectiveStatus[] = ['met', 'on track', 'at risk', 'not met'];
export const MAX_OBJECTIVES = 50;

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;

/** The button's value: `MR-2027-01:b`. */
export const inputButtonValue = (reviewId: string, letter: InputLetter): string => `${reviewId}:${letter}`;

export function parseInputButtonValue(value: string): { reviewId: string; letter: InputLetter } | null {
  const m = /^(MR-\d{4}-\d{2,}):([a-g])$/i.exec(value.trim());
  return m ? { reviewId: (m[1] ?? '').toUpperCase(), letter: (m[2] ?? 'a').toLowerCase() as InputLetter } : null;
}

export const provideInputInput = z.object({
  reviewId: z.string().trim().toUpperCase().regex(/^MR-\d{4}-\d{2,}$/, 'a review id such as MR-2027-01'),
  letter: z.enum(LETTERS, { message: 'an input letter a to g' }),
  text: z.string().max(INPUT_TEXT_MAX, `at most ${INPUT_TEXT_MAX} characters`).optional(),
  links: z.string().max(MAX_LINKS_TEXT, 'too long for a list of links').optional(),
  objectives: z.string().max(INPUT_TEXT_MAX, `at most ${INPUT_TEXT_MAX} characters`).optional(),
});

/** The review and the person allowed to give the input, or a refusal a person can act on. */
function inputCase(tx: Tx, actor: Actor, reviewId: string, letter: InputLetter): { review: ManagementReviewRecord; person: PersonRecord } {
  const person = tx.organisation.getPerson(actor.email);
  const provider = tx.organisation.getOrganisation()?.managementReview?.inputs[letter] ?? null;
  if (!person || !person.active || (person.email !== provider && !isLead(person))) {
    throw new AuditbotError(
      'forbidden',
      provider
        ? `Input (${letter}) of the management review is provided by ${provider} (or an audit lead).`
        : `The organisation file names no one to provide input (${letter}) of the management review; an audit lead can, or add it under management_review.inputs.`,
    );
  }
  const review = tx.reviews.get(reviewId);
  if (!review) throw new AuditbotError('not_found', `There is no management review ${reviewId}.`);
  if (review.status === 'held') throw new AuditbotError('conflict', `Management review ${review.id} was held on ${longDate(review.meetingDate)}; its inputs are final.`);
  return { review, person };
}

/** The form for one input, filled with what was given before. */
export function provideInputForm(core: Core, actor: Actor, value: string): Form | Message {
  const parsed = parseInputButtonValue(value);
  if (!parsed) {
    const text = `This button names no input of a management review ("${value.slice(0, 40)}").`;
    return { summary: text, blocks: [{ type: 'text', text }] };
  }
  return core.store.transaction((tx) => {
    const { review } = inputCase(tx, actor, parsed.reviewId, parsed.letter);
    const before = tx.reviews.inputsOf(review.id).find((i) => i.letter === parsed.letter);
    const objectives = parsed.letter === 'd';
    return {
      id: REVIEW_INPUT_FORM,
      title: `Input (${parsed.letter}) for ${review.id}`,
      submitLabel: 'Give input',
      intro: `Management review ${review.id} meets on ${longDate(review.meetingDate)}. Input (${parsed.letter}): ${INPUT_TITLES[parsed.letter]}.`,
      context: { reviewId: review.id, letter: parsed.letter },
      fields: [
        { id: INPUT_FIELDS.text, type: 'textarea', label: 'Your input', hint: 'What the meeting should know, in plain words', required: false, maxLength: INPUT_TEXT_MAX, ...(before ? { initial: before.text } : {}) },
        { id: INPUT_FIELDS.links, type: 'textarea', label: 'Links', hint: `Documents or dashboards, one https:// link per line (at most ${MAX_LINKS})`, required: false, maxLength: MAX_LINKS_TEXT, ...(before && before.links.length > 0 ? { initial: before.links.join('\n') } : {}) },
        ...(objectives
          ? [
              {
                id: INPUT_FIELDS.objectives,
                type: 'textarea' as const,
                label: 'Information security objectives',
                hint: `One per line: objective | ${OBJECTIVE_STATUSES.join(', ')}`,
                required: false,
                maxLength: INPUT_TEXT_MAX,
                ...(before && before.objectives.length > 0 ? { initial: before.objectives.map((o) => `${o.objective} | ${o.status}`).join('\n') } : {}),
              },
            ]
          : []),
      ],
    };
  });
}

export interface ProvideInputResult {
  input: ReviewInputRecord;
  review: ManagementReviewRecord;
  replaced: boolean;
}

export function provideInput(core: Core, actor: Actor, raw: z.input<typeof provideInputInput>): ProvideInputResult {
  const parsed = provideInputInput.safeParse(raw);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? INPUT_FIELDS.text), i.message])));
  const v = parsed.data;
  const errors: Record<string, string> = {};
  const text = (v.text ?? '').trim();
  const links = splitLinks(v.links);
  if (links.length > MAX_LINKS) errors.links = `at most ${MAX_LINKS} links; link to a folder or a page that lists the rest`;
  else {
    const bad = links.map(linkProblem).find((p) => p !== null);
    if (bad) errors.links = bad;
  }
  const objectives: ReviewInputRecord['objectives'] = [];
  const objectiveLines = v.letter === 'd' ? (v.objectives ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '') : [];
  if (objectiveLines.length > MAX_OBJECTIVES) errors.objectives = `at most ${MAX_OBJECTIVES} objectives`;
  objectiveLines.forEach((line, i) => {
    const at = line.lastIndexOf('|');
    const objective = at < 0 ? '' : line.slice(0, at).trim();
    const status = at < 0 ? '' : line.slice(at + 1).trim().toLowerCase();
    if (!objective || !(OBJECTIVE_STATUSES as readonly string[]).includes(status)) {
      errors.objectives ??= `line ${i + 1}: write each objective as: objective | ${OBJECTIVE_STATUSES.join(', ')}`;
    } else objectives.push({ objective, status: status as ObjectiveStatus });
  });
  if (text === '' && links.length === 0 && objectives.length === 0 && Object.keys(errors).length === 0) errors.text = 'give your input, a link, or both';
  if (Object.keys(errors).length > 0) throw validationError(errors);

  return core.store.transaction((tx) => {
    const { review, person } = inputCase(tx, actor, v.reviewId, v.letter);
    const replaced = tx.reviews.inputsOf(review.id).some((i) => i.letter === v.letter);
    const input: ReviewInputRecord = { reviewId: review.id, letter: v.letter, providedBy: person.email, providedAt: core.clock.now().toISOString(), text, links, objectives };
    tx.reviews.saveInput(input);
    tx.trail.append({
      actor: person.email,
      action: 'review.input_provided',
      subject: `review:${review.id}`,
      after: { letter: v.letter, text, links, objectives },
      channel: actor.channel,
    });
    return { input, review, replaced };
  });
}

export function inputProvidedMessage(r: ProvideInputResult): Message {
  const text = `Thank you. Input (${r.input.letter}) for management review ${r.review.id} is ${r.replaced ? 'updated' : 'recorded'}; it is in the pack for the meeting on ${longDate(r.review.meetingDate)}. You can change it until the review is held.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}
