// `audit preview [days] [person]`: what the scheduled jobs will send over the coming days, and
// when, for audit leads. The simulation itself is the process's (DeliveryPreviewPort: a copy of
// the data, the jobs and the outbox in simulated time); here the request is bounded, the lead
// rule applied before any of that work, and the list worded and cut to fit a chat message.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Message } from '../message.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { requireLead } from '../shared/people.js';
import type { PreviewLine } from './ports.js';

export const MIN_PREVIEW_DAYS = 1;
export const MAX_PREVIEW_DAYS = 60;
export const DEFAULT_PREVIEW_DAYS = 14;
/** Messages listed in chat; the CLI lists every one. */
export const PREVIEW_LISTED = 40;

export const PreviewRequest = z.object({
  days: z
    .number()
    .int(`days: a whole number from ${MIN_PREVIEW_DAYS} to ${MAX_PREVIEW_DAYS}`)
    .min(MIN_PREVIEW_DAYS, `days: a whole number from ${MIN_PREVIEW_DAYS} to ${MAX_PREVIEW_DAYS}`)
    .max(MAX_PREVIEW_DAYS, `days: a whole number from ${MIN_PREVIEW_DAYS} to ${MAX_PREVIEW_DAYS}`)
    .default(DEFAULT_PREVIEW_DAYS),
  person: z.string().trim().toLowerCase().max(320, 'person: an e-mail address such as ana@acme.example').email('person: an e-mail address such as ana@acme.example').optional(),
});
export type PreviewRequest = z.input<typeof PreviewRequest>;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2027-01-04 09:00 Europe/London (09:00 UTC)`, or the UTC date too when it differs. */
function when(line: PreviewLine): string {
  const utcDate = line.at.slice(0, 10);
  const utcTime = line.at.slice(11, 16);
  return `${line.local} ${line.timezone} (${utcDate === line.local.slice(0, 10) ? '' : `${utcDate} `}${utcTime} UTC)`;
}

const lineText = (line: PreviewLine): string =>
  `${when(line)}: ${line.recipient} on ${line.platform}, "${line.title}"${line.keys.length > 1 ? ` (${line.keys.length} notifications in one message)` : ''}`;

/** The list as a chat message: the first PREVIEW_LISTED lines and how to get them all. */
export function previewMessage(lines: readonly PreviewLine[], request: { days: number; person?: string }): Message {
  const span = `the next ${plural(request.days, 'day')}`;
  const to = request.person ? ` to ${request.person}` : '';
  if (lines.length === 0) {
    const said = `Preview: nothing would be sent${to} in ${span}. Nothing was sent or changed.`;
    return { summary: said, blocks: [{ type: 'text', text: said }] };
  }
  const cli = `auditbot preview --days ${request.days}${request.person ? ` --person ${request.person}` : ''}`;
  const summary = `Preview: ${plural(lines.length, 'message')}${to} in ${span}. Nothing was sent or changed.`;
  return {
    summary,
    title: `What will be sent${to} in ${span}`,
    blocks: [
      { type: 'text', text: `${summary} Each is shown at the moment the bot delivers it: the recipient's local time, then UTC.` },
      {
        type: 'list',
        items: lines.slice(0, PREVIEW_LISTED).map(lineText),
        ...(lines.length > PREVIEW_LISTED ? { more: lines.length - PREVIEW_LISTED } : {}),
        moreHint: `The full list: ${cli}`,
      },
    ],
  };
}

/** Audit leads only; refused before anything is simulated. */
export async function previewMessages(core: Core, actor: Actor, input: PreviewRequest): Promise<Message> {
  const request = parseInput(PreviewRequest, input, 'The preview needs');
  core.store.transaction((tx) => {
    requireLead(tx, actor, 'preview what will be sent');
    if (request.person && !tx.organisation.getPerson(request.person)) {
      throw new AuditbotError('not_found', `${request.person} is not in the organisation. Check the e-mail, or leave it out to see everyone's messages.`, { person: 'not in the organisation' });
    }
  });
  // Wiring, not a refusal: every process that serves chat is built with the port (src/app.ts).
  if (!core.deliveryPreview) throw new Error('This process has no delivery preview (Core.deliveryPreview is unset).');
  const lines = await core.deliveryPreview.list({ days: request.days, ...(request.person ? { person: request.person } : {}) });
  return previewMessage(lines, request);
}
