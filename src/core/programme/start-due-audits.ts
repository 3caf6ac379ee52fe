// The audit-starts job: every planned audit whose window has begun is started. An audit with
// no lead auditor cannot start; the leads are told once so they can assign someone. An audit
// whose window has already ended is not started: the leads are told it was missed.
import { z } from 'zod';
import { type Core } from '../context.js';
import { validationError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { activeLeads, organisationTimezone } from '../shared/people.js';
import { localDate } from '../shared/working-time.js';
import { missedWindowMessage, waitingForAuditorMessage } from './programme-notifications.js';
import { transitionInTx } from './transition-audit.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';

export const startDueAuditsInput = z.object({
  /** The time to start audits up to; the clock's time when left out. */
  now: z.iso.datetime({ offset: true, message: 'an ISO 8601 time such as 2027-03-01T00:05:00Z' }).optional(),
});

export interface StartDueAuditsResult {
  started: number;
  waitingForAuditor: number;
  /** Planned audits whose window ended before they started: reported to the leads, not started. */
  missed: number;
  [count: string]: number;
}

export function startDueAudits(core: Core, input: z.input<typeof startDueAuditsInput> = {}): StartDueAuditsResult {
  const parsed = startDueAuditsInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'now'), i.message])));
  const at = new Date(parsed.data.now ?? core.clock.now().toISOString()).toISOString();
  const actor = { email: SYSTEM_ACTOR, channel: 'scheduler' as const };
  return core.store.transaction((tx) => {
    let started = 0;
    let waitingForAuditor = 0;
    let missed = 0;
    // An audit's start is a local date in the organisation's time zone: at 00:05 in London in
    // summer it is still yesterday in UTC, and the audit must start today, not tomorrow.
    const today = localDate(new Date(at), organisationTimezone(tx, core));
    const due = tx.programme.listAudits({ statuses: ['planned'] }).filter((a) => a.start.slice(0, 10) <= today);
    const leads = due.length > 0 ? activeLeads(tx) : [];
    for (const audit of due) {
      if (audit.end.slice(0, 10) < today) {
        missed++;
        const message = missedWindowMessage(audit, core.settings.timezone);
        for (const lead of leads) notifyPerson(tx, core, lead, `audit:${audit.id}:missed:${lead.email}`, message);
        continue;
      }
      if (!tx.programme.listAssignments({ auditId: audit.id }).some((r) => r.role === 'lead')) {
        waitingForAuditor++;
        const message = waitingForAuditorMessage(audit, core.settings.timezone);
        for (const lead of leads) notifyPerson(tx, core, lead, `audit:${audit.id}:start-blocked:${lead.email}`, message);
        continue;
      }
      transitionInTx(tx, core, audit, 'in_progress', actor);
      started++;
    }
    return { started, waitingForAuditor, missed };
  });
}
