// Plans the internal audit programme of a cycle (ISO/IEC 27001:2022 9.2.2): every clause
// 4.1–10.2 and every applicable Annex A control is audited through the areas that hold it;
// what no area holds is a gap and the plan says it is incomplete. High-risk areas are audited
// more often, areas with open nonconformities in the first quarter, months stay under the cap
// and the load is spread evenly. Every tie is broken by a fixed order, so the same input gives
// the same plan. Re-planning is stable (issue 14 point 8): started and closed audits stay and
// count towards their area's audits; planned audits keep their ids and, while still valid, their
// months, so only what a change requires moves. Ids are never renumbered: an id is already on
// the trail, in calendar UIDs and in people's messages, and must not come to mean another audit.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import type { AreaRecord, Risk } from '../organisation/types.js';
import { compareRequirements } from '../catalogue/requirement-references.js';
import { assignPlannedAudits, type AssignmentSummary, type PlannedAuditFields } from './assign-auditors.js';
import { cycleMonth, parseLocalDate, type MonthWindow } from './programme-calendar.js';
import { coverageOf, gapsOf, requiredRequirements } from './programme-coverage.js';
import { requireLead } from '../shared/people.js';
import { releasedMessage } from './programme-notifications.js';
import { ReplanDigest } from './replan-digest.js';
import { compareAuditIds, DEFAULT_FREQUENCY, STANDARD_CRITERION, type AuditRecord, type ProgrammeRecord } from './types.js';
import type { Actor } from '../shared/actor.js';

const perYear = z
  .number({ message: 'a whole number of audits per 12 months, 1 to 12' })
  .int('a whole number of audits per 12 months, 1 to 12')
  .min(1, 'at least 1: every area is audited in every cycle')
  .max(12, 'at most 12 (monthly)');

export const planProgrammeInput = z.object({
  cycle: z
    .string({ message: 'a cycle name such as 2027' })
    .trim()
    .min(1, 'a cycle name such as 2027')
    .max(40, 'at most 40 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'letters, digits, spaces, dots, dashes or underscores, e.g. 2027 or FY27'),
  start: z
    .string({ message: 'a date such as 2027-01-01' })
    .trim()
    .refine((s) => parseLocalDate(s) !== null, 'a real date written YYYY-MM-DD, such as 2027-01-01'),
  months: z.number({ message: 'a whole number of months, 1 to 36' }).int('a whole number of months, 1 to 36').min(1, 'at least 1 month').max(36, 'at most 36 months').default(12),
  maxPerMonth: z.number({ message: 'a whole number of audits, at least 1' }).int('a whole number of audits, at least 1').min(1, 'at least 1 audit a month').nullable().default(null),
  frequency: z.object({ high: perYear, medium: perYear, low: perYear }).default(DEFAULT_FREQUENCY),
});

export type PlanProgrammeInput = z.input<typeof planProgrammeInput>;

export interface PlanResult {
  cycle: string;
  start: string;
  months: number;
  maxPerMonth: number | null;
  incomplete: boolean;
  gaps: string[];
  /** Audits in the cycle after planning, planned or not. */
  audits: number;
  added: string[];
  moved: string[];
  cancelled: string[];
  /** Started or closed audits left as they were. */
  kept: string[];
  /** Areas planned in the first quarter because of open nonconformities. */
  prioritised: string[];
  assignment: AssignmentSummary;
}

const RISK_ORDER: Record<Risk, number> = { high: 0, medium: 1, low: 2 };

interface Slot {
  area: AreaRecord;
  occurrence: number;
  of: number;
  priority: boolean;
  order: number;
  month: number;
}

const sortRefs = (refs: Iterable<string>): string[] => [...new Set(refs)].sort(compareRequirements);

export function planProgramme(core: Core, input: PlanProgrammeInput, actor: Actor): PlanResult {
  const parsed = planProgrammeInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'cycle'), i.message])));
  const { cycle, start, months, maxPerMonth, frequency } = parsed.data;
  const tz = core.settings.timezone;
  const now = core.clock.now().toISOString();
  const startDate = parseLocalDate(start);
  if (!startDate) throw validationError({ start: 'a real date written YYYY-MM-DD, such as 2027-01-01' });

  return core.store.transaction((tx) => {
    requireLead(tx, actor, 'plan the audit programme');
    const areas = [...tx.organisation.listAreas()];
    if (areas.length === 0) {
      throw new AuditbotError('validation_failed', 'There are no areas to audit yet. Describe the areas of the ISMS in the organisation file and import it: auditbot import org.yaml');
    }
    const notApplicable = new Set(tx.organisation.listApplicability().filter((a) => !a.applicable).map((a) => a.control));
    const scopeOf = (area: AreaRecord) => ({
      clauses: sortRefs(area.scope.filter((s) => s.kind === 'clause').map((s) => s.requirement)),
      controls: sortRefs(area.scope.filter((s) => s.kind === 'control' && !notApplicable.has(s.requirement)).map((s) => s.requirement)),
    });
    const scopes = new Map(areas.map((a) => [a.key, scopeOf(a)]));
    const coverage = coverageOf(
      requiredRequirements(notApplicable),
      areas.map((a) => {
        const s = scopes.get(a.key);
        return { id: a.key, requirements: [...(s?.clauses ?? []), ...(s?.controls ?? [])] };
      }),
    );
    const gaps = gapsOf(coverage);

    const windows: MonthWindow[] = Array.from({ length: months }, (_, i) => cycleMonth(startDate, i, tz));
    const monthOf = (iso: string): number => windows.findIndex((w) => iso >= w.start && iso <= w.end);

    const existing = tx.programme.listAudits({ cycle });
    const fixed = existing.filter((a) => a.status !== 'planned');
    const oldPlanned = existing.filter((a) => a.status === 'planned');
    const load: number[] = windows.map(() => 0);
    const doneByArea = new Map<string, number>();
    let fixedInRange = 0;
    for (const a of fixed) {
      const m = monthOf(a.start);
      if (m >= 0) {
        load[m] = (load[m] ?? 0) + 1;
        fixedInRange++;
      }
      for (const k of a.areas) doneByArea.set(k, (doneByArea.get(k) ?? 0) + 1);
    }
    const openNc = new Set(tx.programme.areasWithOpenNonconformities(cycle, start));

    const ordered = [...areas].sort(
      (a, b) => Number(openNc.has(b.key)) - Number(openNc.has(a.key)) || RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const slots: Slot[] = [];
    for (const area of ordered) {
      const of = Math.max(1, Math.ceil((frequency[area.risk] * months) / 12));
      const done = doneByArea.get(area.key) ?? 0;
      for (let j = done; j < of; j++) {
        slots.push({ area, occurrence: j, of, priority: openNc.has(area.key) && done === 0 && j === 0, order: slots.length, month: -1 });
      }
    }

    const cap = maxPerMonth ?? Number.POSITIVE_INFINITY;
    const total = slots.length + fixedInRange;
    if (total > cap * months) {
      throw new AuditbotError(
        'validation_failed',
        `The programme needs ${total} audits${fixedInRange > 0 ? ` (${fixedInRange} already started or closed)` : ''}, but ${months} month${months === 1 ? '' : 's'} at most ${cap} a month leave room for ${cap * months}. Raise --max-per-month to at least ${Math.ceil(total / months)}, or plan over more months.`,
        { maxPerMonth: `at least ${Math.ceil(total / months)}` },
      );
    }
    const quarter = Math.min(3, months);
    const prioritySlots = slots.filter((s) => s.priority);
    const quarterLoad = load.slice(0, quarter).reduce((n, x) => n + x, 0);
    if (prioritySlots.length + quarterLoad > cap * quarter) {
      const needed = Math.ceil((prioritySlots.length + quarterLoad) / quarter);
      throw new AuditbotError(
        'validation_failed',
        `${prioritySlots.length} area${prioritySlots.length === 1 ? '' : 's'} with open nonconformities (${prioritySlots.map((s) => s.area.key).join(', ')}) must be audited in the first ${quarter} month${quarter === 1 ? '' : 's'}, but at most ${cap} a month leave room for ${Math.max(0, cap * quarter - quarterLoad)} there. Raise --max-per-month to at least ${needed}.`,
        { maxPerMonth: `at least ${needed}` },
      );
    }

    // Re-planning keeps what is still valid (issue 14 point 8): a planned audit of an area that
    // still needs it stays in its month when that month is still a whole month of the cycle,
    // under the cap, not already used by the area, and (for an area that must be audited early)
    // in the first quarter. Only the occurrences nothing valid holds are placed again, so the
    // same input re-planned changes nothing and a change to one area moves only that area.
    const oldByArea = new Map<string, AuditRecord[]>();
    for (const a of oldPlanned) {
      const key = a.areas.join(',');
      oldByArea.set(key, [...(oldByArea.get(key) ?? []), a]);
    }
    const windowIndex = new Map(windows.map((w, i) => [`${w.start}/${w.end}`, i]));
    const usedByArea = new Map<string, number[]>();
    const use = (slot: Slot, month: number) => {
      slot.month = month;
      load[month] = (load[month] ?? 0) + 1;
      usedByArea.set(slot.area.key, [...(usedByArea.get(slot.area.key) ?? []), month].sort((a, b) => a - b));
    };
    const reuse = new Map<Slot, AuditRecord>();
    const keepOld = (slot: Slot): void => {
      const candidates = oldByArea.get(slot.area.key) ?? [];
      const used = usedByArea.get(slot.area.key) ?? [];
      const at = candidates.findIndex((a) => {
        const m = windowIndex.get(`${a.start}/${a.end}`);
        return m !== undefined && (load[m] ?? 0) < cap && !used.includes(m) && (!slot.priority || m < quarter);
      });
      const old = candidates[at];
      if (!old) return;
      candidates.splice(at, 1);
      reuse.set(slot, old);
      use(slot, windowIndex.get(`${old.start}/${old.end}`) ?? 0);
    };

    // Least-loaded month inside the occurrence's share of the cycle; ties go to the month
    // nearest the ideal spacing, then the earlier one.
    const place = (slot: Slot): void => {
      const used = usedByArea.get(slot.area.key) ?? [];
      const prev = slot.priority ? -1 : used.length > 0 ? (used[used.length - 1] ?? -1) : -1;
      let from = Math.floor((slot.occurrence * months) / slot.of);
      let to = Math.floor(((slot.occurrence + 1) * months) / slot.of) - 1;
      if (slot.priority) {
        from = 0;
        to = Math.min(Math.max(to, 0), quarter - 1);
      }
      // A first audit aims at its share of the year (slot i of n at month i·months/n) so that a
      // small programme is spread out rather than bunched at the start; a repeat aims one
      // interval after the previous audit of its area.
      const spread = Math.floor((slot.order * months) / slots.length);
      const ideal = prev >= 0 ? Math.min(months - 1, prev + Math.round(months / slot.of)) : Math.min(Math.max(spread, from), Math.max(from, to));
      const choose = (lo: number, hi: number, avoidUsed: boolean): number => {
        let best = -1;
        for (let m = Math.max(0, lo); m <= Math.min(months - 1, hi); m++) {
          const l = load[m] ?? 0;
          if (l >= cap || (avoidUsed && used.includes(m))) continue;
          if (best < 0) {
            best = m;
            continue;
          }
          const bl = load[best] ?? 0;
          if (l < bl || (l === bl && Math.abs(m - ideal) < Math.abs(best - ideal))) best = m;
        }
        return best;
      };
      let month = choose(Math.max(from, prev + 1), to, true);
      if (month < 0 && !slot.priority) month = choose(prev + 1, months - 1, true);
      if (month < 0 && !slot.priority) month = choose(0, months - 1, true);
      if (month < 0 && !slot.priority) month = choose(0, months - 1, false);
      if (month < 0) throw new AuditbotError('internal', `No month has room left for area ${slot.area.key}; raise --max-per-month.`);
      use(slot, month);
    };
    // Areas that must be audited early go first, so an audit kept elsewhere never takes their room.
    for (const slot of slots) if (slot.priority) keepOld(slot);
    for (const slot of slots) if (slot.priority && !reuse.has(slot)) place(slot);
    for (const slot of slots) if (!slot.priority) keepOld(slot);
    for (const slot of slots) if (!slot.priority && !reuse.has(slot)) place(slot);

    // An occurrence nothing valid held takes the id of an audit of its area left over (it moves).
    for (const slot of slots) {
      if (reuse.has(slot)) continue;
      const old = oldByArea.get(slot.area.key)?.shift();
      if (old) reuse.set(slot, old);
    }
    const cancelledAudits = [...oldByArea.values()].flat().sort((a, b) => compareAuditIds(a.id, b.id));

    // Audits belong to their programme row, so it is written before them.
    const previous = tx.programme.getProgramme(cycle);
    const programme: ProgrammeRecord = { cycle, start, months, maxPerMonth, gaps, plannedAt: now, plannedBy: actor.email };
    tx.programme.saveProgramme(programme);

    const added: string[] = [];
    const moved: string[] = [];
    // New audits are recorded once assigned: one `audit.planned` event with window, scope and auditors.
    const newlyPlanned = new Map<string, PlannedAuditFields>();
    const cancelled: string[] = [];
    // A re-plan tells each person once, at the end, of what changed for them.
    const digest = previous ? new ReplanDigest() : undefined;
    const movedFrom = new Map<string, Pick<AuditRecord, 'start' | 'end'>>();
    const rescoped = new Map<string, { added: string[]; removed: string[] }>();
    for (const a of cancelledAudits) {
      const auditors = tx.programme.listAssignments({ auditId: a.id });
      tx.programme.deleteAudit(a.id);
      const seq = tx.trail.append({
        actor: actor.email,
        channel: actor.channel,
        action: 'audit.cancelled',
        subject: `audit:${a.id}`,
        before: { status: a.status, areas: a.areas, start: a.start, end: a.end, auditors: auditors.map((r) => ({ email: r.email, role: r.role })) },
        after: { reason: 'no longer needed by the re-planned programme' },
      });
      for (const r of auditors) {
        const person = tx.organisation.getPerson(r.email);
        if (person && digest) digest.add(person, { kind: 'cancelled', audit: a, role: r.role });
        else if (person) notifyPerson(tx, core, person, `audit:${a.id}:cancelled:${r.email}:${seq}`, releasedMessage(a, r.role, tz, null));
      }
      cancelled.push(a.id);
    }

    const year = startDate.year;
    const placed = [...slots].sort((a, b) => a.month - b.month || a.order - b.order);
    const fresh = placed.filter((slot) => !reuse.has(slot)).length;
    let nextNumber = fresh > 0 ? tx.programme.reserveAuditNumbers(year, fresh) : 0;
    for (const slot of placed) {
      const window = windows[slot.month];
      const scope = scopes.get(slot.area.key);
      if (!window || !scope) continue;
      const fields = { start: window.start, end: window.end, areas: [slot.area.key], clauses: scope.clauses, controls: scope.controls, criteria: [STANDARD_CRITERION, ...slot.area.criteria] };
      const old = reuse.get(slot);
      if (old) {
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const k of ['start', 'end', 'clauses', 'controls', 'criteria'] as const) {
          if (JSON.stringify(old[k]) !== JSON.stringify(fields[k])) {
            before[k] = old[k];
            after[k] = fields[k];
          }
        }
        if (Object.keys(after).length > 0) {
          tx.programme.updateAudit(old.id, after as Partial<AuditRecord>);
          tx.trail.append({ actor: actor.email, channel: actor.channel, action: 'audit.replanned', subject: `audit:${old.id}`, before, after });
          moved.push(old.id);
          if (after.start !== undefined) movedFrom.set(old.id, { start: old.start, end: old.end });
          const was = new Set([...old.clauses, ...old.controls]);
          const now = new Set([...fields.clauses, ...fields.controls]);
          rescoped.set(old.id, { added: [...now].filter((r) => !was.has(r)), removed: [...was].filter((r) => !now.has(r)) });
        }
        continue;
      }
      const id = `IA-${year}-${String(nextNumber++).padStart(2, '0')}`;
      const audit: AuditRecord = { id, cycle, status: 'planned', ...fields, needsExternalAuditor: false, exception: null, evidenceDueDays: 10, startedAt: null, closedAt: null };
      tx.programme.insertAudit(audit);
      newlyPlanned.set(id, fields);
      added.push(id);
    }

    const kept = fixed.map((a) => a.id);
    const prioritised = prioritySlots.map((s) => s.area.key).sort();
    const who = { actor: actor.email, channel: actor.channel, subject: `programme:${cycle}` };
    const after = { start, months, maxPerMonth, frequency, gaps, incomplete: gaps.length > 0, audits: slots.length + fixed.length, added, moved, cancelled, kept, prioritised };
    const seq = tx.trail.append(
      previous
        ? { ...who, action: 'programme.replanned', before: { start: previous.start, months: previous.months, maxPerMonth: previous.maxPerMonth, gaps: previous.gaps }, after }
        : { ...who, action: 'programme.planned', before: null, after },
    );

    const assignment = assignPlannedAudits(tx, core, cycle, actor, { areas, newlyPlanned, digest });
    if (digest) {
      // Auditors who stay on an audit that moved or whose scope changed are told what changed.
      for (const [auditId, scope] of rescoped) {
        const audit = tx.programme.getAudit(auditId);
        if (!audit) continue;
        const from = movedFrom.get(auditId);
        for (const row of tx.programme.listAssignments({ auditId })) {
          const person = tx.organisation.getPerson(row.email);
          if (!person || digest.concerns(row.email, auditId)) continue;
          if (from) digest.add(person, { kind: 'moved', audit, role: row.role, from });
          if (scope.added.length + scope.removed.length > 0 || !from) digest.add(person, { kind: 'rescoped', audit, role: row.role, ...scope });
        }
      }
      digest.send(tx, core, cycle, seq);
    }
    return { cycle, start, months, maxPerMonth, incomplete: gaps.length > 0, gaps, audits: slots.length + fixed.length, added, moved, cancelled, kept, prioritised, assignment };
  });
}
