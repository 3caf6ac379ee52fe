// Refusals and faults, told apart in one place for every platform. A refusal is the core saying
// no (an AuditbotError, with a code and words the person can act on): it is the answer. Anything
// else is a fault: it is logged once, with a short reference, and the person hears that
// something went wrong on our side with that reference, in the same words on Slack, Teams and
// the console, so support finds the log line from what the person reads out.
import { randomBytes } from 'node:crypto';
import { isAuditbotError } from '../core/errors.js';
import type { Message } from '../core/message.js';

/** What a fault is logged to (the process's logger, or a child of it). */
export interface FaultLog {
  error(fields: Record<string, unknown>, message: string): void;
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short id a person can read out: `ERR-7K3F9Q2M` (no 0/O or 1/I to confuse). */
export function newReference(): string {
  return `ERR-${[...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

export const FAULT_TEXT = 'Sorry, something went wrong on my side. Please try again in a minute; if it keeps happening, tell your audit lead and quote the reference.';

/** What the person sees for a fault: the same words and reference line on every platform. */
export const faultMessage = (reference: string): Message => ({
  summary: `${FAULT_TEXT} Reference: ${reference}`,
  blocks: [
    { type: 'text', text: FAULT_TEXT },
    { type: 'context', text: `Reference: ${reference}` },
  ],
});

/** A one-paragraph answer: a refusal, a limit, a notice. */
export const noticeMessage = (text: string): Message => ({ summary: text, blocks: [{ type: 'text', text }] });

/** Whether `error` is a refusal (the core's answer) rather than a fault. */
export const isRefusal = isAuditbotError;

/** The code a log line carries: the error's own (AuditbotError, an adapter's coded error), else `internal`. */
export function faultCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : 'internal';
}

/**
 * Logs a fault once, under a new reference, and returns the reference. `fields` say where it
 * happened (the platform, the surface, what was asked); `code` overrides the error's own.
 */
export function reportFault(log: FaultLog, error: unknown, fields: Record<string, unknown> & { where: string; code?: string }): string {
  const reference = newReference();
  log.error({ ...fields, reference, code: fields.code ?? faultCode(error), err: error }, `${fields.where} failed (reference ${reference})`);
  return reference;
}
