// Every kind of event in a calendar export or feed. Each source reads the store and returns
// neutral events for the whole organisation or for one person; the order here is the order in
// the file.
import type { Tx } from '../ports.js';
import { UID_DOMAIN, type CalendarEvent, type CalendarScope, type CalendarSource } from './types.js';

/**
 * Audits a person takes part in: as auditor, as owner of an audited area, as an auditee named in
 * the plan, or as owner of a request.
 */
function personAudits(tx: Tx, email: string): Set<string> {
  const ids = new Set(tx.programme.listAssignments({ email }).map((a) => a.auditId));
  for (const r of tx.evidence.list({ owner: email })) ids.add(r.auditId);
  const ownAreas = new Set(tx.organisation.listAreas().filter((a) => a.owner === email).map((a) => a.key));
  for (const audit of tx.programme.listAudits()) {
    if (ids.has(audit.id)) continue;
    if (audit.areas.some((a) => ownAreas.has(a))) {
      ids.add(audit.id);
      continue;
    }
    const plan = tx.conduct.getPlan(audit.id);
    if (plan?.auditees.map((a) => a.toLowerCase()).includes(email)) ids.add(audit.id);
  }
  return ids;
}

function auditsInScope(tx: Tx, scope: CalendarScope) {
  const audits = tx.programme.listAudits();
  if (scope.kind === 'organisation') return audits;
  const mine = personAudits(tx, scope.email);
  return audits.filter((a) => mine.has(a.id));
}

/** `Opening meeting` → `opening-meeting`; ids must stay ASCII and free of spaces. */
function slug(text: string): string {
  const s = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s === '' ? 'meeting' : s;
}

const auditWindows: CalendarSource = {
  key: 'audit-windows',
  events: (tx, scope) =>
    auditsInScope(tx, scope).map((a) => ({
      uid: `audit-${a.id}@${UID_DOMAIN}`,
      summary: `Audit ${a.id}: ${a.areas.join(', ')}`,
      description: `Internal audit ${a.id} (${a.status.replace('_', ' ')}), areas ${a.areas.join(', ')}.`,
      when: { kind: 'days', first: a.start, last: a.end },
    })),
};

/** A planned meeting lasts an hour unless the plan says otherwise (it does not, today). */
const MEETING_MINUTES = 60;

const plannedMeetings: CalendarSource = {
  key: 'planned-meetings',
  events: (tx, scope) =>
    auditsInScope(tx, scope).flatMap((a) => {
      const plan = tx.conduct.getPlan(a.id);
      if (!plan) return [];
      // The UID is the audit and the meeting's name (with a count for repeated names), so moving
      // a meeting keeps its UID; it does not depend on the meeting's time or its place in the list.
      const seen = new Map<string, number>();
      return plan.schedule.map((m): CalendarEvent => {
        const base = slug(m.what);
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        return {
          uid: `audit-${a.id}-${base}${n === 1 ? '' : `-${n}`}@${UID_DOMAIN}`,
          summary: `${m.what} (audit ${a.id})`,
          description: `Planned in audit ${a.id}'s plan.`,
          when: { kind: 'moment', start: m.at, minutes: MEETING_MINUTES },
        };
      });
    }),
};

const evidenceDueDates: CalendarSource = {
  key: 'evidence-due',
  events: (tx, scope) => {
    const open = ['requested', 'more_requested', 'submitted'] as const;
    const requests =
      scope.kind === 'organisation'
        ? tx.evidence.list({ statuses: open })
        : (() => {
            // The owner's own requests, and the requests of the audits the person audits.
            const audited = new Set(tx.programme.listAssignments({ email: scope.email }).map((a) => a.auditId));
            return tx.evidence.list({ statuses: open }).filter((r) => r.owner === scope.email || audited.has(r.auditId));
          })();
    return requests.map((r) => ({
      uid: `evidence-${r.id}@${UID_DOMAIN}`,
      summary: `Evidence due: ${r.requirement} (request #${r.id}, audit ${r.auditId})`,
      description: `Evidence for ${r.requirement} in audit ${r.auditId}, asked of ${r.owner}.`,
      when: { kind: 'days', first: r.due, last: r.due },
    }));
  },
};

const actionDueDates: CalendarSource = {
  key: 'action-due',
  events: (tx, scope) =>
    tx.actions
      .list({ statuses: ['open', 'planned', 'implemented'], ...(scope.kind === 'person' ? { owner: scope.email } : {}) })
      .map((a) => ({
        uid: `action-${a.id}@${UID_DOMAIN}`,
        summary: `Corrective action due: ${a.id} (finding ${a.findingId})`,
        description: `Corrective action ${a.id} for finding ${a.findingId}, owned by ${a.owner}.`,
        when: { kind: 'days', first: a.due, last: a.due },
      })),
};

export const CALENDAR_SOURCES: readonly CalendarSource[] = [auditWindows, plannedMeetings, evidenceDueDates, actionDueDates];
