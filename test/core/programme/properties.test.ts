// Property-based tests over random organisations (acceptance 1): no assignment breaks a hard
// rule unless it is a recorded exception; every applicable clause and control is covered or
// reported as a gap; planning is deterministic. The rules are re-stated here from the issue,
// independently of the implementation, so the two check each other.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAUSES, CONTROLS } from '../../../src/core/catalogue/catalogue-data.js';
import type { OrganisationSnapshot, Risk } from '../../../src/core/organisation/types.js';
import { overrideAssignment } from '../../../src/core/programme/override-assignment.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { programmeJson, showProgramme } from '../../../src/core/programme/show-programme.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { makeTestCore } from '../../helpers/core.js';
import { DEPUTY, LEAD, leadActor, person, seed } from '../../helpers/programme-org.js';
import type { PersonRecord, Role } from '../../../src/core/shared/people.js';

const CLAUSE_IDS = CLAUSES.map((c) => c.id);
const CONTROL_IDS = CONTROLS.map((c) => c.id);
const REQUIREMENTS = [...CLAUSE_IDS, ...CONTROL_IDS];

const orgArb = fc
  .record({
    teamCount: fc.integer({ min: 1, max: 4 }),
    people: fc.array(
      fc.record({
        team: fc.integer({ min: 0, max: 3 }),
        auditor: fc.boolean(),
        external: fc.boolean(),
        active: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    areas: fc.array(
      fc.record({
        team: fc.integer({ min: 0, max: 3 }),
        owner: fc.nat(),
        risk: fc.constantFrom<Risk>('low', 'medium', 'high'),
        scope: fc.uniqueArray(fc.record({ req: fc.constantFrom(...REQUIREMENTS), owner: fc.nat() }), { selector: (s) => s.req, maxLength: 40 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    notApplicable: fc.uniqueArray(fc.constantFrom(...CONTROL_IDS), { maxLength: 10 }),
    maxPerMonth: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    override: fc.option(fc.record({ audit: fc.nat(), person: fc.nat() }), { nil: null }),
  })
  .map((o): { snap: OrganisationSnapshot; maxPerMonth: number | null; override: { audit: number; person: number } | null } => {
    const teams = Array.from({ length: o.teamCount }, (_, i) => `t${i}`);
    const people: PersonRecord[] = [person(LEAD, 't0', ['lead'])];
    o.people.forEach((p, i) => {
      const external = p.external && !p.auditor;
      const roles: Role[] = external ? ['external'] : p.auditor ? ['auditor'] : [];
      people.push(person(`p${i}@acme.example`, external ? null : `t${p.team % o.teamCount}`, roles, { active: p.active }));
    });
    const owners = people.filter((p) => p.active);
    const pick = (n: number) => (owners[n % owners.length] as PersonRecord).email;
    // A second lead who owns and audits nothing, so may record any exception (issue 14.7).
    people.push(person(DEPUTY, null, ['lead']));
    return {
      snap: {
        organisation: { name: 'Random Ltd', timezone: 'UTC' },
        teams: teams.map((key) => ({ key, name: key, active: true })),
        people,
        areas: o.areas.map((a, i) => ({
          key: `a${i}`,
          name: `Area ${i}`,
          team: `t${a.team % o.teamCount}`,
          owner: pick(a.owner),
          risk: a.risk,
          criteria: [],
          active: true,
          scope: a.scope.map((s) => ({ requirement: s.req, kind: s.req.startsWith('A.') ? ('control' as const) : ('clause' as const), owner: pick(s.owner) })),
        })),
        applicability: o.notApplicable.map((control) => ({ control, applicable: false, justification: 'n/a' })),
      },
      maxPerMonth: o.maxPerMonth,
      override: o.override,
    };
  });

/** The hard rules, straight from the issue: the rules a person breaks for an audit. */
function brokenRules(snap: OrganisationSnapshot, email: string, audit: { areas: string[]; clauses: string[]; controls: string[] }): string[] {
  const p = snap.people.find((x) => x.email === email);
  if (!p) return ['unknown'];
  const broken: string[] = [];
  if (!p.active) broken.push('inactive');
  if (!p.roles.includes('auditor') && !p.roles.includes('external')) broken.push('role');
  const scope = new Set([...audit.clauses, ...audit.controls]);
  for (const key of audit.areas) {
    const area = snap.areas.find((a) => a.key === key);
    if (!area) continue;
    if (p.team === area.team) broken.push('team');
    if (area.owner === email) broken.push('owner');
    if (area.scope.some((s) => s.owner === email && scope.has(s.requirement))) broken.push('owner');
  }
  return broken;
}

function runPlan(snap: OrganisationSnapshot, maxPerMonth: number | null) {
  const t = makeTestCore('2026-12-01T09:00:00Z');
  seed(t.core, snap);
  try {
    planProgramme(t.core, { cycle: '2027', start: '2027-01-01', maxPerMonth }, leadActor);
  } catch (e) {
    // A cap too small for the programme is a refusal, not a plan.
    if (e instanceof Error && /Raise --max-per-month/.test(e.message)) return null;
    throw e;
  }
  return t;
}

describe('programme properties over random organisations', () => {
  it('no assignment breaks a hard rule unless it is a recorded exception; no eligible auditor is left unused', () => {
    fc.assert(
      fc.property(orgArb, ({ snap, maxPerMonth, override }) => {
        const t = runPlan(snap, maxPerMonth);
        if (!t) return;
        const { core } = t;
        const audits = showProgramme(core, {}).audits;
        if (override && audits.length > 0) {
          const audit = audits[override.audit % audits.length];
          const candidates = snap.people.filter((p) => p.active && (p.roles.includes('auditor') || p.roles.includes('external')));
          const chosen = candidates[override.person % Math.max(1, candidates.length)];
          if (audit && chosen && !audit.auditors.some((a) => a.email === chosen.email)) {
            overrideAssignment(core, { auditId: audit.id, email: chosen.email, justification: 'Property test override of the plan' }, { email: DEPUTY, channel: 'cli' });
          }
        }
        const after = showProgramme(core, {}).audits;
        const rows = core.store.transaction((tx) => tx.programme.listAssignments({ cycle: '2027' }));
        for (const row of rows) {
          const audit = after.find((a) => a.id === row.auditId);
          if (!audit) throw new Error(`assignment to unknown audit ${row.auditId}`);
          const broken = brokenRules(snap, row.email, audit);
          if (broken.length > 0) {
            // Only a lead's recorded exception may break a rule, and never the role or activity rules.
            expect(row.rationale.exception).toBeDefined();
            expect(audit.exception).not.toBeNull();
            expect(broken.every((b) => b === 'team' || b === 'owner')).toBe(true);
            const trail = core.store.transaction((tx) => tx.trail.list({ subject: `audit:${audit.id}` }));
            expect(trail.some((e) => e.action === 'audit.independence_exception' && e.after?.includes(row.email))).toBe(true);
          }
        }
        for (const audit of after) {
          const eligible = snap.people.filter((p) => brokenRules(snap, p.email, audit).length === 0);
          expect(audit.needsExternalAuditor).toBe(audit.auditors.length === 0);
          if (audit.needsExternalAuditor) expect(eligible).toEqual([]);
          else expect(audit.auditors.some((a) => a.role === 'lead')).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('every clause and applicable control is in an audit or reported as a gap, and months stay under the cap', () => {
    fc.assert(
      fc.property(orgArb, ({ snap, maxPerMonth }) => {
        const t = runPlan(snap, maxPerMonth);
        if (!t) return;
        const view = showProgramme(t.core, {});
        const notApplicable = new Set(snap.applicability.map((a) => a.control));
        const inAudit = new Set(view.audits.flatMap((a) => [...a.clauses, ...a.controls]));
        const covered = (id: string): boolean => {
          if (inAudit.has(id)) return true;
          if (id.startsWith('A.')) return false;
          const parts = id.split('.');
          for (let n = parts.length - 1; n >= 2; n--) if (inAudit.has(parts.slice(0, n).join('.'))) return true;
          const children = CLAUSE_IDS.filter((c) => c.startsWith(`${id}.`) && c.split('.').length === parts.length + 1);
          return children.length > 0 && children.every(covered);
        };
        for (const id of [...CLAUSE_IDS, ...CONTROL_IDS.filter((c) => !notApplicable.has(c))]) {
          expect(covered(id) || view.gaps.includes(id)).toBe(true);
          expect(covered(id) && view.gaps.includes(id)).toBe(false);
        }
        for (const c of notApplicable) expect(inAudit.has(c)).toBe(false);
        expect(view.incomplete).toBe(view.gaps.length > 0);
        if (maxPerMonth !== null) for (const m of view.calendar) expect(m.audits.length).toBeLessThanOrEqual(maxPerMonth);
        // Every active area is audited at least once.
        for (const area of snap.areas) expect(view.audits.some((a) => a.areas.includes(area.key))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('planning is deterministic: the same input gives the same programme and auditors', () => {
    fc.assert(
      fc.property(orgArb, ({ snap, maxPerMonth }) => {
        const a = runPlan(snap, maxPerMonth);
        const b = runPlan(snap, maxPerMonth);
        if (!a || !b) {
          expect(a).toBe(b);
          return;
        }
        const first = programmeJson(showProgramme(a.core, {}));
        expect(programmeJson(showProgramme(b.core, {}))).toEqual(first);
        planProgramme(a.core, { cycle: '2027', start: '2027-01-01', maxPerMonth }, leadActor);
        expect(programmeJson(showProgramme(a.core, {}))).toEqual(first);
      }),
      { numRuns: 30 },
    );
  });

  // Issue 14 point 8 (acceptance): re-planning is stable.
  const shape = (core: ReturnType<typeof makeTestCore>['core']) =>
    showProgramme(core, {}).audits.map((a) => ({ id: a.id, status: a.status, areas: a.areas, start: a.start, end: a.end, auditors: a.auditors.map((x) => `${x.role}:${x.email}`) }));
  const replan = (core: ReturnType<typeof makeTestCore>['core'], maxPerMonth: number | null) => planProgramme(core, { cycle: '2027', start: '2027-01-01', maxPerMonth }, leadActor);

  it('re-planning twice with the same inputs yields the same programme, also once audits have started, and tells nobody anything', () => {
    fc.assert(
      fc.property(orgArb, fc.array(fc.nat(), { maxLength: 3 }), ({ snap, maxPerMonth }, starts) => {
        const t = runPlan(snap, maxPerMonth);
        if (!t) return;
        const { core } = t;
        const audits = showProgramme(core, {}).audits.filter((a) => a.auditors.some((x) => x.role === 'lead'));
        for (const n of starts) {
          const audit = audits[n % Math.max(1, audits.length)];
          if (audit && core.store.transaction((tx) => tx.programme.getAudit(audit.id))?.status === 'planned') transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, leadActor);
        }
        const before = shape(core);
        const told = core.store.transaction((tx) => tx.outbox.list()).length;
        for (let i = 0; i < 2; i++) {
          const result = replan(core, maxPerMonth);
          expect({ added: result.added, moved: result.moved, cancelled: result.cancelled, changed: result.assignment.changed }).toEqual({ added: [], moved: [], cancelled: [], changed: 0 });
          expect(shape(core)).toEqual(before);
        }
        expect(core.store.transaction((tx) => tx.outbox.list())).toHaveLength(told);
      }),
      { numRuns: 40 },
    );
  });

  it('a change to a single area moves at most the audits of that area; each person is told once', () => {
    const changeArb = fc.record({
      area: fc.nat(),
      kind: fc.constantFrom('risk', 'scope', 'owner'),
      risk: fc.constantFrom<Risk>('low', 'medium', 'high'),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(orgArb, changeArb, ({ snap, maxPerMonth }, change) => {
        const t = runPlan(snap, maxPerMonth);
        if (!t) return;
        const { core, clock } = t;
        const before = shape(core);
        const target = snap.areas[change.area % snap.areas.length];
        if (!target) return;
        const owners = snap.people.filter((p) => p.active);
        const changed = {
          ...target,
          ...(change.kind === 'risk' ? { risk: change.risk } : {}),
          ...(change.kind === 'scope' ? { scope: target.scope.filter((_, i) => i % 2 === change.pick % 2) } : {}),
          ...(change.kind === 'owner' ? { owner: owners[change.pick % owners.length]?.email ?? target.owner } : {}),
        };
        seed(core, { ...snap, areas: snap.areas.map((a) => (a.key === target.key ? changed : a)) });
        clock.set('2026-12-02T09:00:00Z');
        const told = core.store.transaction((tx) => tx.outbox.list()).length;
        try {
          replan(core, maxPerMonth);
        } catch (e) {
          if (e instanceof Error && /Raise --max-per-month/.test(e.message)) return;
          throw e;
        }
        const after = shape(core);
        const others = (list: typeof before) => list.filter((a) => !a.areas.includes(target.key));
        // Audits of every other area keep their id, window and auditors; none is added or removed.
        expect(others(after)).toEqual(others(before));
        const recipients = core.store.transaction((tx) => tx.outbox.list()).slice(told).map((r) => r.recipient);
        expect(new Set(recipients).size).toBe(recipients.length);
      }),
      { numRuns: 40 },
    );
  });
});
