// An audit moves planned → in progress → reporting → closed, one step at a time. Only an audit
// lead moves it; the scheduler may start an audit whose window has come. A refusal says what
// the audit can do next.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { createEvidenceRequests } from '../evidence/create-evidence-requests.js';
import { notifyPerson } from '../shared/notify.js';
import type { Tx } from '../ports.js';
import { isScheduler, requireLead } from '../shared/people.js';
import { startedMessage } from './programme-notifications.js';
import { localDateOf } from './programme-calendar.js';
import { AUDIT_STATUSES, type AuditRecord, type AuditStatus } from './types.js';
import type { Actor } from '../shared/actor.js';

export const NEXT_STATUS: Record<AuditStatus, AuditStatus | null> = {
  planned: 'in_progress',
  in_progress: 'reporting',
  reporting: 'closed',
  closed: null,
};

export const STATUS_LABEL: Record<AuditStatus, string> = {
  planned: 'planned',
  in_progress: 'in progress',
  reporting: 'reporting',
  closed: 'closed',
};

/** "it cannot …" */
const VERB: Record<AuditStatus, string> = { planned: 'go back to planned', in_progress: 'start', reporting: 'move to reporting', closed: 'close' };
/** "Only an audit lead can …" */
const TASK: Record<AuditStatus, string> = { planned: 'plan an audit', in_progress: 'start an audit', reporting: 'move an audit to reporting', closed: 'close an audit' };

export const transitionAuditInput = z.object({
  auditId: z.string({ message: 'an audit id such as IA-2027-07' }).trim().toUpperCase().min(1, 'an audit id such as IA-2027-07'),
  to: z.enum(AUDIT_STATUSES, { message: 'in_progress, reporting or closed' }),
  /**
   * Starting before the window opens: `false` refuses and asks for confirmation (chat and the
   * command line pass what the person typed), `true` confirms; left out, no check (the scheduler
   * only starts audits whose window has opened).
   */
  early: z.boolean().optional(),
});

export interface TransitionResult {
  auditId: string;
  from: AuditStatus;
  to: AuditStatus;
}

const lifecycle = 'planned → in progress → reporting → closed';

/** Moves one audit inside the caller's transaction (the audit-starts job starts many at once). */
export function transitionInTx(tx: Tx, core: Core, audit: AuditRecord, to: AuditStatus, actor: Actor): TransitionResult {
  const next = NEXT_STATUS[audit.status];
  // Reporting and closing have conditions of their own (a verdict on every checklist item, a
  // conclusion and a closing meeting), checked by the lead auditor's commands in src/core/conduct.
  if (next === to && to === 'reporting') throw new AuditbotError('illegal_transition', `${audit.id} moves to reporting when its lead auditor says so: audit report ${audit.id}.`);
  if (next === to && to === 'closed') throw new AuditbotError('illegal_transition', `${audit.id} is closed by its lead auditor once the conclusion and the closing meeting are recorded: audit close ${audit.id}.`);
  if (next !== to) {
    const allowed = next
      ? `it can only move to ${STATUS_LABEL[next]} next`
      : 'a closed audit stays closed';
    throw new AuditbotError('illegal_transition', `${audit.id} is ${STATUS_LABEL[audit.status]}, so it cannot ${VERB[to]}: ${allowed} (${lifecycle}).`);
  }
  const auditors = tx.programme.listAssignments({ auditId: audit.id });
  if (to === 'in_progress' && !auditors.some((r) => r.role === 'lead')) {
    throw new AuditbotError(
      'illegal_transition',
      `${audit.id} has no lead auditor, so it cannot start. Assign one first: auditbot audit assign ${audit.id} --to <email> --justification "<why>"`,
    );
  }
  const now = core.clock.now().toISOString();
  const patch: Partial<AuditRecord> = { status: to };
  if (to === 'in_progress') patch.startedAt = now;
  if (to === 'closed') patch.closedAt = now;
  tx.programme.updateAudit(audit.id, patch);
  const action = to === 'in_progress' ? 'audit.started' : to === 'reporting' ? 'audit.reporting' : 'audit.closed';
  tx.trail.append({ actor: actor.email, channel: actor.channel, action, subject: `audit:${audit.id}`, before: { status: audit.status }, after: { status: to } });
  if (to === 'in_progress') {
    const started = { ...audit, ...patch };
    for (const r of auditors) {
      const person = tx.organisation.getPerson(r.email);
      if (person) notifyPerson(tx, core, person, `audit:${audit.id}:started:${r.email}`, startedMessage(started, r.role, core.settings.timezone));
    }
    createEvidenceRequests(tx, core, started, actor);
  }
  return { auditId: audit.id, from: audit.status, to };
}

export function transitionAudit(core: Core, input: z.input<typeof transitionAuditInput>, actor: Actor): TransitionResult {
  const parsed = transitionAuditInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'auditId'), i.message])));
  const { auditId, to } = parsed.data;
  return core.store.transaction((tx) => {
    if (isScheduler(actor)) {
      if (to !== 'in_progress') throw new AuditbotError('forbidden', `The scheduler only starts audits whose window has opened; only an audit lead can ${TASK[to]}.`);
    } else requireLead(tx, actor, TASK[to]);
    const audit = tx.programme.getAudit(auditId);
    if (!audit) throw new AuditbotError('not_found', `There is no audit ${auditId}. See the ids with: auditbot programme show`);
    // Starting before the window opens is allowed, but only when asked for in so many words.
    if (to === 'in_progress' && audit.status === 'planned' && parsed.data.early === false && core.clock.now().toISOString() < audit.start) {
      const opens = localDateOf(audit.start, core.settings.timezone);
      throw new AuditbotError('conflict', `${audit.id}'s window opens on ${opens}. To start it before then, confirm: audit start ${audit.id} early (on the command line: auditbot audit start ${audit.id} --early). Nothing was changed.`);
    }
    return transitionInTx(tx, core, audit, to, actor);
  });
}
