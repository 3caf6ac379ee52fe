// Puts a lead auditor (and, for high-risk areas, a second auditor) on every planned audit of a
// cycle. Hard rules decide who may audit (independence-rules.ts); among those, preferences decide
// who does: internal before external, rotation (not the lead of the last audit of the same
// area), then the fewest audits in the cycle so far, then e-mail order so that the same input
// always gives the same assignment. The most constrained audits are filled first and the load
// is counted across the whole cycle, so the work spreads evenly: ten auditors eligible for
// forty audits get four each.
import { z } from 'zod';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import type { AreaRecord } from '../organisation/types.js';
import type { Tx } from '../ports.js';
import { buildIndependenceIndex, excludedPeople, independenceExclusions, independenceReasons, isExternal, type IndependenceIndex } from './independence-rules.js';
import { requireLead, type PersonRecord } from '../shared/people.js';
import { assignedMessage, needsExternalMessage, releasedMessage } from './programme-notifications.js';
import type { ReplanDigest } from './replan-digest.js';
import { compareAuditIds, type AssignmentRationale, type AssignmentRecord, type AuditRecord, type AuditorRole } from './types.js';
import type { Actor } from '../shared/actor.js';

/** The window and scope of an audit just created, as its `audit.planned` event records them. */
export type PlannedAuditFields = Pick<AuditRecord, 'start' | 'end' | 'areas' | 'clauses' | 'controls' | 'criteria'>;

export const assignAuditorsInput = z.object({
  cycle: z.string().trim().min(1, 'the cycle to assign, e.g. 2027'),
});

export interface AuditAssignmentOutcome {
  auditId: string;
  lead: string | null;
  second: string | null;
  needsExternalAuditor: boolean;
}

export interface AssignmentSummary {
  outcomes: AuditAssignmentOutcome[];
  /** Assignments made or changed in this run. */
  changed: number;
  needsExternal: string[];
  /** Audits each person holds in the cycle after the run. */
  load: Record<string, number>;
}

interface LeadEntry {
  auditId: string;
  start: string;
  email: string;
}

/** Area names for messages, read once. */
export function areaNameMap(tx: Tx): Map<string, string> {
  return new Map(tx.organisation.listAreas().map((a) => [a.key, a.name]));
}

export function assignAuditors(core: Core, input: z.input<typeof assignAuditorsInput>, actor: Actor): AssignmentSummary {
  const parsed = assignAuditorsInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'cycle'), i.message])));
  return core.store.transaction((tx) => {
    requireLead(tx, actor, 'assign auditors');
    return assignPlannedAudits(tx, core, parsed.data.cycle, actor);
  });
}

/** The auditors' independence rationale for one audit, shared with overrides and explanations. */
export function auditExclusions(index: IndependenceIndex, audit: AuditRecord) {
  const exclusions = independenceExclusions(index, audit);
  const eligible = index.eligibleByRole.filter((p) => !exclusions.has(p.email));
  return { exclusions, eligible, excluded: excludedPeople(index, exclusions) };
}

/** `areas`: the active areas when the caller has read them already. */
export function independenceIndexFor(tx: Tx, areas?: readonly AreaRecord[]): IndependenceIndex {
  const active = new Map((areas ?? tx.organisation.listAreas()).map((a) => [a.key, a]));
  return buildIndependenceIndex(tx.organisation.listPeople({ includeInactive: true }), (key) => active.get(key) ?? tx.organisation.getArea(key));
}

export interface AssignContext {
  /** The active areas, when the caller has read them already. */
  areas?: readonly AreaRecord[];
  /**
   * Audits the caller has just created, with what their `audit.planned` trail event records.
   * Each gets that one event, carrying its auditors too, instead of a separate assignment event.
   */
  newlyPlanned?: ReadonlyMap<string, PlannedAuditFields>;
  /** A re-plan collects what to tell people here and sends one message per person at the end. */
  digest?: ReplanDigest;
}

/** Runs inside the caller's transaction (planning calls it right after placing the audits). */
export function assignPlannedAudits(tx: Tx, core: Core, cycle: string, actor: Actor, context: AssignContext = {}): AssignmentSummary {
  const now = core.clock.now().toISOString();
  const tz = core.settings.timezone;
  const index = independenceIndexFor(tx, context.areas);
  const newlyPlanned = context.newlyPlanned ?? new Map<string, PlannedAuditFields>();
  const audits = tx.programme.listAudits({ cycle });
  const rowsByAudit = new Map<string, Partial<Record<AuditorRole, AssignmentRecord>>>();
  for (const row of tx.programme.listAssignments({ cycle })) {
    const entry = rowsByAudit.get(row.auditId) ?? {};
    entry[row.role] = row;
    rowsByAudit.set(row.auditId, entry);
  }
  const planned = audits.filter((a) => a.status === 'planned');
  const plannedIds = new Set(planned.map((a) => a.id));
  const load = new Map<string, number>();
  const bump = (email: string) => load.set(email, (load.get(email) ?? 0) + 1);
  for (const a of audits) {
    if (plannedIds.has(a.id)) continue;
    const rows = rowsByAudit.get(a.id);
    if (rows?.lead) bump(rows.lead.email);
    if (rows?.second) bump(rows.second.email);
  }

  // Rotation looks at the lead of the latest earlier audit of the same area, in any cycle.
  const history = new Map<string, LeadEntry[]>();
  const remember = (areas: readonly string[], entry: LeadEntry) => {
    for (const k of areas) {
      const list = history.get(k);
      if (list) list.push(entry);
      else history.set(k, [entry]);
    }
  };
  for (const h of tx.programme.listLeadHistory()) if (!plannedIds.has(h.auditId)) remember(h.areas, h);
  const previousLead = (audit: AuditRecord): LeadEntry | null => {
    let best: LeadEntry | null = null;
    for (const k of audit.areas) {
      for (const e of history.get(k) ?? []) {
        if (e.auditId === audit.id || e.start >= audit.start) continue;
        if (!best || e.start > best.start || (e.start === best.start && e.auditId > best.auditId)) best = e;
      }
    }
    return best;
  };

  const work = planned.map((audit) => {
    const { exclusions, eligible, excluded } = auditExclusions(index, audit);
    const rows = rowsByAudit.get(audit.id) ?? {};
    const highRisk = audit.areas.some((k) => index.area(k)?.risk === 'high');
    // A lead's manual choice stands while it is still independent or is a recorded exception.
    // An automatic one stands too while it is still valid (issue 14 point 8: re-planning changes
    // no assignment that need not change): the person still holds an auditor role, is active and
    // independent of the audit, a second auditor is still wanted (high risk), and an external
    // auditor is kept only while no internal one is independent of the audit.
    const keep = (row: AssignmentRecord | undefined, role: AuditorRole, other: AssignmentRecord | undefined): AssignmentRecord | undefined => {
      if (!row) return undefined;
      const person = index.byEmail.get(row.email);
      if (!person?.active) return undefined;
      if (row.rationale.source === 'manual') return row.rationale.exception || !exclusions.has(row.email) ? row : undefined;
      if (role === 'second' && !highRisk) return undefined;
      if (!eligible.some((p) => p.email === row.email)) return undefined;
      if (isExternal(person) && eligible.some((p) => !isExternal(p) && p.email !== other?.email)) return undefined;
      return row;
    };
    return { audit, exclusions, eligible, excluded, rows, highRisk, kept: { lead: keep(rows.lead, 'lead', rows.second), second: keep(rows.second, 'second', rows.lead) } };
  });
  for (const w of work) {
    if (w.kept.lead) {
      bump(w.kept.lead.email);
      remember(w.audit.areas, { auditId: w.audit.id, start: w.audit.start, email: w.kept.lead.email });
    }
    if (w.kept.second) bump(w.kept.second.email);
  }
  work.sort((a, b) => a.eligible.length - b.eligible.length || (a.audit.start < b.audit.start ? -1 : a.audit.start > b.audit.start ? 1 : 0) || compareAuditIds(a.audit.id, b.audit.id));

  const leads = index.leads;
  const areaNames = new Map<string, string>();
  const names = (): Map<string, string> => {
    if (areaNames.size === 0) for (const a of audits) for (const k of a.areas) areaNames.set(k, index.area(k)?.name ?? k);
    return areaNames;
  };
  const outcomes: AuditAssignmentOutcome[] = [];
  const needsExternal: string[] = [];
  let changed = 0;

  type Next = { person: PersonRecord; rationale: AssignmentRationale } | null;
  /** Writes the audit's new auditors; one trail event records every role that changed. */
  const write = (audit: AuditRecord, changes: { role: AuditorRole; next: Next; existing: AssignmentRecord | undefined }[]) => {
    const changedRoles = changes.filter(({ next, existing }) => (next ? existing?.email !== next.person.email : existing !== undefined));
    for (const { role, next, existing } of changes) {
      if (next) tx.programme.setAssignment({ auditId: audit.id, email: next.person.email, role, rationale: next.rationale, assignedAt: existing?.email === next.person.email ? existing.assignedAt : now });
      else if (existing) tx.programme.removeAssignment(audit.id, role);
    }
    const creation = newlyPlanned.get(audit.id);
    if (changedRoles.length === 0 && !creation) return;
    changed += changedRoles.length;
    const describe = (role: AuditorRole, next: Next) =>
      next ? { role, email: next.person.email, chosenBecause: next.rationale.chosenBecause, independence: next.rationale.independence } : { role, email: null };
    const auditors = changedRoles.filter((c) => c.next).map(({ role, next }) => describe(role, next));
    const seq = creation
      ? tx.trail.append({ actor: actor.email, channel: actor.channel, action: 'audit.planned', subject: `audit:${audit.id}`, after: { ...creation, auditors } })
      : tx.trail.append({
          actor: actor.email,
          channel: actor.channel,
          action: changedRoles.some((c) => c.next) ? 'audit.assigned' : 'audit.unassigned',
          subject: `audit:${audit.id}`,
          before: changedRoles.some((c) => c.existing) ? changedRoles.map(({ role, existing }) => ({ role, email: existing?.email ?? null })) : null,
          after: changedRoles.map(({ role, next }) => describe(role, next)),
        });
    const digest = context.digest;
    for (const { role, next, existing } of changedRoles) {
      if (digest) {
        if (next) digest.add(next.person, { kind: 'assigned', audit, role });
        const old = existing ? index.byEmail.get(existing.email) : undefined;
        if (old) digest.add(old, { kind: 'released', audit, role, replacement: next?.person.email ?? null });
        continue;
      }
      if (next) notifyPerson(tx, core, next.person, `audit:${audit.id}:assigned:${role}:${next.person.email}:${seq}`, assignedMessage(audit, role, next.rationale, tz, names()));
      const old = existing ? index.byEmail.get(existing.email) : undefined;
      if (old) notifyPerson(tx, core, old, `audit:${audit.id}:released:${role}:${old.email}:${seq}`, releasedMessage(audit, role, tz, next?.person.email ?? null));
    }
  };

  for (const w of work) {
    const { audit, eligible, excluded, rows, kept, highRisk } = w;
    const prev = previousLead(audit);
    const rationaleBase = { excluded, withoutAuditorRole: index.withoutAnyRole };

    const pick = (role: AuditorRole, not: string | null) => {
      let best: PersonRecord | null = null;
      let bestKey: [number, number, number] = [0, 0, 0];
      let ties = 0;
      for (const p of eligible) {
        if (p.email === not) continue;
        const key: [number, number, number] = [isExternal(p) ? 1 : 0, role === 'lead' && prev?.email === p.email ? 1 : 0, load.get(p.email) ?? 0];
        const cmp = best ? key[0] - bestKey[0] || key[1] - bestKey[1] || key[2] - bestKey[2] : -1;
        if (cmp < 0) {
          best = p;
          bestKey = key;
          ties = 0;
        } else if (cmp === 0) ties++;
      }
      if (!best) return null;
      const internalLeft = eligible.some((p) => p.email !== not && !isExternal(p));
      const because: string[] = [];
      if (isExternal(best)) because.push(internalLeft ? 'external auditor' : `external auditor: no internal auditor${not ? ' besides the lead' : ''} is independent of this audit`);
      else because.push('internal auditor (internal auditors are preferred to external ones)');
      if (role === 'lead' && prev) {
        because.push(
          prev.email === best.email
            ? `led the last audit of this area (${prev.auditId}); chosen again because no other ${isExternal(best) ? 'external' : 'internal'} auditor is independent of it`
            : `did not lead the last audit of this area (${prev.auditId}, led by ${prev.email})`,
        );
      }
      const held = load.get(best.email) ?? 0;
      because.push(`held ${held} audit${held === 1 ? '' : 's'} in the cycle before this one, the fewest among the eligible auditors preferred above`);
      if (ties > 0) because.push(`tied with ${ties} other${ties === 1 ? '' : 's'}; the tie went by e-mail order so the plan is repeatable`);
      return { person: best, because, held };
    };

    const build = (choice: { person: PersonRecord; because: string[]; held: number }, others: readonly string[]): AssignmentRationale => ({
      source: 'auto',
      chosenBecause: choice.because,
      independence: independenceReasons(index, choice.person, audit),
      loadBefore: choice.held,
      external: isExternal(choice.person),
      ...rationaleBase,
      otherEligible: eligible.filter((p) => !others.includes(p.email)).length,
    });

    let leadEmail = kept.lead?.email ?? null;
    let leadNext: { person: PersonRecord; rationale: AssignmentRationale } | null = null;
    let leadChoice = kept.lead ? null : pick('lead', kept.second?.email ?? null);
    // When the kept second auditor is the only one left who may lead, they become the lead.
    if (!kept.lead && !leadChoice && kept.second?.rationale.source === 'auto') {
      load.set(kept.second.email, (load.get(kept.second.email) ?? 1) - 1);
      kept.second = undefined;
      leadChoice = pick('lead', null);
    }
    if (leadChoice) {
      leadEmail = leadChoice.person.email;
      bump(leadEmail);
    }
    let secondEmail = kept.second?.email ?? null;
    let secondNext: { person: PersonRecord; rationale: AssignmentRationale } | null = null;
    const secondChoice = !kept.second && highRisk && leadEmail ? pick('second', leadEmail) : null;
    if (secondChoice) {
      secondEmail = secondChoice.person.email;
      bump(secondEmail);
    }
    const chosen = [leadEmail, secondEmail].filter((e): e is string => e !== null);
    if (leadChoice) {
      leadNext = { person: leadChoice.person, rationale: build(leadChoice, chosen) };
      if (highRisk && !secondEmail) leadNext.rationale.chosenBecause.push('no second auditor: nobody else is independent of this high-risk area');
    }
    if (secondChoice) secondNext = { person: secondChoice.person, rationale: build(secondChoice, chosen) };

    write(audit, [
      ...(kept.lead ? [] : [{ role: 'lead' as const, next: leadNext, existing: rows.lead }]),
      ...(kept.second ? [] : [{ role: 'second' as const, next: secondNext, existing: rows.second }]),
    ]);
    if (leadEmail) remember(audit.areas, { auditId: audit.id, start: audit.start, email: leadEmail });

    const needs = leadEmail === null;
    if (needs) needsExternal.push(audit.id);
    if (needs !== audit.needsExternalAuditor) {
      tx.programme.updateAudit(audit.id, { needsExternalAuditor: needs });
      if (needs) {
        tx.programme.recordNeedsExternal(audit.id, { excluded, withoutAuditorRole: index.withoutAnyRole });
        const seq = tx.trail.append({
          actor: actor.email,
          channel: actor.channel,
          action: 'audit.needs_external',
          subject: `audit:${audit.id}`,
          before: { needsExternalAuditor: false },
          after: { needsExternalAuditor: true, excluded, withoutAuditorRole: index.withoutAnyRole },
        });
        const message = needsExternalMessage(audit, tz, excluded);
        if (context.digest) for (const lead of leads) context.digest.add(lead, { kind: 'needs-external', audit });
        else for (const lead of leads) notifyPerson(tx, core, lead, `audit:${audit.id}:needs-external:${lead.email}:${seq}`, message);
      }
    }
    outcomes.push({ auditId: audit.id, lead: leadEmail, second: secondEmail, needsExternalAuditor: needs });
  }
  outcomes.sort((a, b) => compareAuditIds(a.auditId, b.auditId));
  needsExternal.sort(compareAuditIds);
  return { outcomes, changed, needsExternal, load: Object.fromEntries([...load].sort(([a], [b]) => (a < b ? -1 : 1))) };
}
