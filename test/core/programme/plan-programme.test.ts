import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditAuditors, audits as auditsTable, correctiveActions, findings } from '../../../db/schema.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { programmeJson, showProgramme } from '../../../src/core/programme/show-programme.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { makeTestCore } from '../../helpers/core.js';
import { acmeOrg, ALL_CLAUSES, area, LEAD, leadActor, P, person, seed, snapshot } from '../../helpers/programme-org.js';

const plan2027 = { cycle: '2027', start: '2027-01-01' };

function planned(opts: Parameters<typeof acmeOrg>[0] = {}) {
  const t = makeTestCore('2026-12-01T09:00:00Z', { timezone: 'Europe/London' });
  seed(t.core, acmeOrg(opts));
  return t;
}

describe('planning the programme', () => {
  it('puts every clause and applicable control in an audit, with ids, scope, criteria, window and status planned', () => {
    const { core } = planned({ withExternal: true });
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.incomplete).toBe(false);
    expect(result.gaps).toEqual([]);
    const view = showProgramme(core, { cycle: '2027' });
    // iam is high risk: twice; the four others once.
    expect(view.audits).toHaveLength(6);
    expect(view.audits.map((a) => a.id).sort()).toEqual(['IA-2027-01', 'IA-2027-02', 'IA-2027-03', 'IA-2027-04', 'IA-2027-05', 'IA-2027-06']);
    expect(view.audits.every((a) => a.status === 'planned')).toBe(true);
    const isms = view.audits.find((a) => a.areas[0] === 'isms');
    expect(isms?.clauses).toEqual(ALL_CLAUSES);
    expect(isms?.criteria).toEqual(['ISO/IEC 27001:2022', 'ISMS manual v2']);
    // A.7.5 is excluded in the Statement of Applicability, so it is in no audit's scope.
    expect(view.audits.flatMap((a) => a.controls)).not.toContain('A.7.5');
    expect(view.coverage.find((c) => c.requirement === 'A.7.5')).toBeUndefined();
    expect(view.coverage.every((c) => c.audits.length > 0)).toBe(true);
    // Windows are whole months in the organisation's time zone (London: GMT in winter, BST in summer).
    const jan = view.calendar[0];
    expect(jan).toMatchObject({ month: 1, firstDay: '2027-01-01', lastDay: '2027-01-31' });
    for (const a of view.audits) {
      const month = view.calendar.find((m) => m.audits.includes(a.id));
      expect(month).toBeDefined();
    }
    const july = view.audits.find((a) => a.start.startsWith('2027-06-30T23:00'));
    if (july) expect(july.end).toBe('2027-07-31T22:59:59.999Z');
    expect(view.audits.map((a) => a.start)).toEqual([...view.audits.map((a) => a.start)].sort());
    expect(new Set(view.audits.map((a) => a.start)).size).toBe(6);
    // Each new audit is recorded once in the trail, with its window, scope and auditors.
    const events = core.store.transaction((tx) => tx.trail.list({ subject: `audit:${isms?.id}` }));
    expect(events.map((e) => e.action)).toEqual(['audit.planned']);
    expect(JSON.parse(events[0]?.after ?? '{}')).toMatchObject({ start: isms?.start, end: isms?.end, clauses: ALL_CLAUSES, auditors: [{ role: 'lead', email: isms?.auditors[0]?.email }] });
    expect(core.store.transaction((tx) => tx.trail.list({ subject: 'programme:2027' })).map((e) => e.action)).toEqual(['programme.planned']);
  });

  it('lists what no area holds as gaps and says the plan is incomplete', () => {
    const { core } = planned({ omit: ['9.3', '9.3.2', 'A.5.16', 'A.6.3'] });
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.incomplete).toBe(true);
    // 9.3 is not covered whole once 9.3.2 is in no area, though 9.3.1 and 9.3.3 are.
    expect(result.gaps).toEqual(['9.3', '9.3.2', 'A.5.16', 'A.6.3']);
    const view = showProgramme(core, {});
    expect(view.incomplete).toBe(true);
    expect(programmeJson(view).gaps).toEqual(['9.3', '9.3.2', 'A.5.16', 'A.6.3']);
    expect(view.coverage.find((c) => c.requirement === '9.3.2')?.audits).toEqual([]);
    expect(view.coverage.find((c) => c.requirement === '9.3.1')?.audits).toHaveLength(1);
    expect(core.store.transaction((tx) => tx.programme.getProgramme('2027'))?.gaps).toEqual(['9.3', '9.3.2', 'A.5.16', 'A.6.3']);
  });

  it('covers sub-clauses through their parent clause and a parent through all its sub-clauses', () => {
    const { core } = makeTestCore();
    const clauses = ALL_CLAUSES.filter((c) => !['9.2.1', '9.2.2', '6.1'].includes(c));
    seed(
      core,
      snapshot({
        teams: ['isms'],
        people: [person(LEAD, 'isms', ['lead']), person(P.iris, 'isms'), person(P.ana, null, ['external'])],
        areas: [area('isms', 'isms', P.iris, 'low', [...clauses, 'A.5.1'])],
      }),
    );
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.gaps).not.toContain('9.2.1');
    expect(result.gaps).not.toContain('9.2.2');
    expect(result.gaps).not.toContain('6.1');
    expect(result.gaps).toContain('A.5.2');
    expect(result.gaps).not.toContain('A.5.1');
  });

  it('audits high-risk areas twice (once in each half), others once, and the frequency is configurable', () => {
    const { core } = planned();
    planProgramme(core, plan2027, leadActor);
    const view = showProgramme(core, {});
    const months = (key: string) => view.calendar.filter((m) => m.audits.some((id) => view.audits.find((a) => a.id === id)?.areas.includes(key))).map((m) => m.month);
    expect(months('iam')).toHaveLength(2);
    expect(months('iam')[0]).toBeLessThanOrEqual(6);
    expect(months('iam')[1]).toBeGreaterThan(6);
    for (const k of ['isms', 'suppliers', 'people', 'ops']) expect(months(k)).toHaveLength(1);

    const other = planned();
    planProgramme(other.core, { ...plan2027, frequency: { high: 4, medium: 2, low: 1 } }, leadActor);
    const v2 = showProgramme(other.core, {});
    const count = (key: string) => v2.audits.filter((a) => a.areas.includes(key)).length;
    expect([count('iam'), count('isms'), count('ops'), count('people'), count('suppliers')]).toEqual([4, 2, 2, 2, 1]);
  });

  it('keeps every month under the cap, and refuses a cap that cannot hold the programme', () => {
    const { core } = makeTestCore();
    const teams = ['t0', 't1'];
    seed(
      core,
      snapshot({
        teams,
        people: [person(LEAD, 't0', ['lead']), person('own@acme.example', 't0'), person('aud@acme.example', 't1', ['auditor'])],
        areas: Array.from({ length: 20 }, (_, i) => area(`a${String(i).padStart(2, '0')}`, 't0', 'own@acme.example', i < 4 ? 'high' : 'medium', i === 0 ? ALL_CLAUSES : [])),
      }),
    );
    // 4 high-risk areas twice and 16 others once: 24 audits.
    expect(() => planProgramme(core, { ...plan2027, maxPerMonth: 1 }, leadActor)).toThrow(
      /needs 24 audits, but 12 months at most 1 a month leave room for 12\. Raise --max-per-month to at least 2/,
    );
    const result = planProgramme(core, { ...plan2027, maxPerMonth: 2 }, leadActor);
    expect(result.audits).toBe(24);
    expect(showProgramme(core, {}).calendar.map((m) => m.audits.length)).toEqual(Array(12).fill(2));
    // Over six months the high-risk areas are audited once: 20 audits, at most 4 a month.
    const short = planProgramme(core, { cycle: 'H1', start: '2028-01-01', months: 6, maxPerMonth: 4 }, leadActor);
    expect(short.audits).toBe(20);
    expect(Math.max(...showProgramme(core, { cycle: 'H1' }).calendar.map((m) => m.audits.length))).toBeLessThanOrEqual(4);
  });

  it('spreads audits evenly over the months when no cap is given', () => {
    const { core } = makeTestCore();
    seed(
      core,
      snapshot({
        teams: ['t0', 't1'],
        people: [person(LEAD, 't0', ['lead']), person('own@acme.example', 't0'), person('aud@acme.example', 't1', ['auditor'])],
        areas: Array.from({ length: 30 }, (_, i) => area(`a${String(i).padStart(2, '0')}`, 't0', 'own@acme.example', 'low', i === 0 ? ALL_CLAUSES : [])),
      }),
    );
    planProgramme(core, plan2027, leadActor);
    const counts = showProgramme(core, {}).calendar.map((m) => m.audits.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('plans areas with nonconformities still open from an earlier cycle in the first quarter', () => {
    const control = planned();
    planProgramme(control.core, plan2027, leadActor);
    // Without the finding this area's only audit falls after the first quarter.
    const lateArea = showProgramme(control.core, {}).audits.filter((a) => a.start >= '2027-04').map((a) => a.areas[0]).find((k) => k !== 'iam');
    expect(lateArea).toBeDefined();

    const t = planned();
    planProgramme(t.core, { cycle: '2026', start: '2026-01-01' }, leadActor);
    const previous = showProgramme(t.core, { cycle: '2026' }).audits.find((a) => a.areas[0] === lateArea);
    expect(previous).toBeDefined();
    t.db.insert(findings)
      .values({
        id: 'F-2026-0001',
        auditId: previous?.id ?? '',
        classification: 'minor',
        requirement: previous?.controls[0] ?? previous?.clauses[0] ?? '4.1',
        statement: 'Access reviews were not done in Q3.',
        evidence: 'Review log',
        area: lateArea ?? '',
        owner: P.bo,
        raisedBy: P.ana,
        raisedAt: '2026-06-10T10:00:00.000Z',
      })
      .run();
    // An opportunity for improvement is not a nonconformity: it does not bring its area forward.
    const otherLate = showProgramme(control.core, {}).audits.filter((a) => a.start >= '2027-04').map((a) => a.areas[0]).find((k) => k !== 'iam' && k !== lateArea);
    const otherPrevious = showProgramme(t.core, { cycle: '2026' }).audits.find((a) => a.areas[0] === otherLate);
    t.db.insert(findings)
      .values({ id: 'F-2026-0002', auditId: otherPrevious?.id ?? '', classification: 'ofi', requirement: '4.1', statement: 'Could automate.', evidence: 'n/a', area: otherLate ?? '', owner: P.bo, raisedBy: P.ana, raisedAt: '2026-06-10T10:00:00.000Z' })
      .run();
    // A nonconformity whose corrective action was verified effective (closed) is no longer open.
    const closedLate = showProgramme(control.core, {}).audits.filter((a) => a.start >= '2027-04').map((a) => a.areas[0]).find((k) => k !== 'iam' && k !== lateArea && k !== otherLate);
    const closedPrevious = showProgramme(t.core, { cycle: '2026' }).audits.find((a) => a.areas[0] === closedLate);
    expect(closedPrevious).toBeDefined();
    t.db.insert(findings)
      .values({ id: 'F-2026-0003', auditId: closedPrevious?.id ?? '', classification: 'major', requirement: '4.1', statement: 'No risk register.', evidence: 'Interview', area: closedLate ?? '', owner: P.bo, raisedBy: P.ana, raisedAt: '2026-06-10T10:00:00.000Z' })
      .run();
    t.db.insert(correctiveActions)
      .values({ id: 'CA-2026-0001', findingId: 'F-2026-0003', owner: P.bo, status: 'closed', due: '2026-07-10', implementationLinks: [], openedAt: '2026-06-10T10:00:00.000Z', closedAt: '2026-07-01T10:00:00.000Z' })
      .run();
    t.db.update(findings).set({ actionId: 'CA-2026-0001' }).where(eq(findings.id, 'F-2026-0003')).run();
    const result = planProgramme(t.core, plan2027, leadActor);
    expect(result.prioritised).toEqual([lateArea]);
    const audit = showProgramme(t.core, { cycle: '2027' }).audits.find((a) => a.areas[0] === lateArea);
    expect((audit?.start ?? '') < '2027-04-01').toBe(true);
  });

  it('gives the same plan for the same input, in a fresh database and when planned again', () => {
    const a = planned({ withExternal: true });
    const b = planned({ withExternal: true });
    planProgramme(a.core, plan2027, leadActor);
    planProgramme(b.core, plan2027, leadActor);
    const first = programmeJson(showProgramme(a.core, {}));
    expect(programmeJson(showProgramme(b.core, {}))).toEqual(first);
    const again = planProgramme(a.core, plan2027, leadActor);
    expect(again.added).toEqual([]);
    expect(again.moved).toEqual([]);
    expect(again.cancelled).toEqual([]);
    expect(again.assignment.changed).toBe(0);
    expect(programmeJson(showProgramme(a.core, {}))).toEqual(first);
  });

  it('re-planning moves only planned audits; started ones stay and count for their area; the trail records it', () => {
    const { core, db } = planned({ withExternal: true });
    planProgramme(core, plan2027, leadActor);
    const before = showProgramme(core, {});
    const firstIam = before.audits.find((a) => a.areas[0] === 'iam');
    if (!firstIam) throw new Error('no iam audit');
    transitionAudit(core, { auditId: firstIam.id, to: 'in_progress' }, leadActor);

    const result = planProgramme(core, { cycle: '2027', start: '2027-06-01', months: 12 }, leadActor);
    expect(result.kept).toEqual([firstIam.id]);
    const after = showProgramme(core, {});
    const kept = after.audits.find((a) => a.id === firstIam.id);
    expect(kept).toMatchObject({ status: 'in_progress', start: firstIam.start, end: firstIam.end, auditors: firstIam.auditors });
    // iam still has two audits in the cycle: the started one and one planned.
    expect(after.audits.filter((a) => a.areas[0] === 'iam')).toHaveLength(2);
    expect(after.audits).toHaveLength(6);
    // Planned audits keep their ids; those whose month left the cycle moved into it.
    const stillPlanned = after.audits.filter((x) => x.status === 'planned');
    expect(stillPlanned.map((a) => a.id).sort()).toEqual(before.audits.filter((a) => a.id !== firstIam.id).map((a) => a.id).sort());
    for (const a of stillPlanned) expect(a.start >= '2027-05-31').toBe(true);
    const movedIds = stillPlanned.filter((a) => before.audits.find((b) => b.id === a.id)?.start !== a.start).map((a) => a.id);
    expect(movedIds.length).toBeGreaterThan(0);
    // Only audits whose month left the cycle moved; the others kept their month (issue 14 point 8).
    expect(movedIds.sort()).toEqual(before.audits.filter((a) => a.status === 'planned' && a.id !== firstIam.id && a.start < '2027-05-31').map((a) => a.id).sort());
    expect(result.moved.sort()).toEqual(movedIds.sort());
    // The auditors who stay on a moved audit are told its new window, in the re-plan's one message each.
    const outbox = core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith('programme:2027:replanned:'));
    for (const id of movedIds) {
      for (const auditor of after.audits.find((a) => a.id === id)?.auditors ?? []) {
        const row = outbox.find((r) => r.recipient === auditor.email);
        expect(JSON.stringify(row?.message)).toMatch(new RegExp(`${id} \\([a-z]+\\), where you are the (lead|second) auditor, moved from`));
      }
    }
    expect(new Set(outbox.map((r) => r.recipient)).size).toBe(outbox.length);
    const trail = core.store.transaction((tx) => tx.trail.list());
    expect(trail.filter((e) => e.action === 'audit.replanned')).toHaveLength(movedIds.length);
    expect(trail.filter((e) => e.action === 'programme.replanned')).toHaveLength(1);
    expect(trail.some((e) => e.subject === `audit:${firstIam.id}` && e.action === 'audit.replanned')).toBe(false);
    expect(db.select().from(auditsTable).all()).toHaveLength(6);
    expect(db.select().from(auditAuditors).all().length).toBeGreaterThan(0);
  });

  it('cancels planned audits no longer needed when an area drops out, telling their auditors', () => {
    const { core } = planned();
    planProgramme(core, plan2027, leadActor);
    const snap = acmeOrg();
    seed(core, { ...snap, areas: snap.areas.map((a) => (a.key === 'iam' ? { ...a, risk: 'low' as const } : a)) });
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.cancelled).toHaveLength(1);
    const view = showProgramme(core, {});
    expect(view.audits.filter((a) => a.areas[0] === 'iam')).toHaveLength(1);
    const trail = core.store.transaction((tx) => tx.trail.list());
    expect(trail.filter((e) => e.action === 'audit.cancelled').map((e) => e.subject)).toEqual([`audit:${result.cancelled[0]}`]);
    const outbox = core.store.transaction((tx) => tx.outbox.list());
    // Told in the re-plan's one message per person (issue 14 point 8).
    const told = outbox.filter((r) => r.key.startsWith('programme:2027:replanned:') && JSON.stringify(r.message).includes(`${result.cancelled[0]} (iam,`));
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((r) => JSON.stringify(r.message).includes('is cancelled'))).toBe(true);
  });

  it('only a lead may plan, and bad input is refused field by field', () => {
    const { core } = planned();
    expect(() => planProgramme(core, plan2027, { email: P.ana, channel: 'cli' })).toThrow(/Only an audit lead can plan the audit programme; ana@acme.example does not hold the lead role \(ask lead@acme.example\)/);
    expect(() => planProgramme(core, { cycle: '2027', start: '2027-02-30' }, leadActor)).toThrow(/start: a real date written YYYY-MM-DD/);
    expect(() => planProgramme(core, { ...plan2027, months: 0 }, leadActor)).toThrow(/months: at least 1 month/);
    expect(core.store.transaction((tx) => tx.programme.listProgrammes())).toEqual([]);
  });
});

describe('stable re-planning (issue 14 point 8)', () => {
  const outbox = (core: ReturnType<typeof planned>['core']) => core.store.transaction((tx) => tx.outbox.list());
  const shape = (core: ReturnType<typeof planned>['core']) =>
    showProgramme(core, {}).audits.map((a) => ({ id: a.id, areas: a.areas, start: a.start, end: a.end, auditors: a.auditors.map((x) => `${x.role}:${x.email}`) }));

  it('re-planning with nothing changed moves no audit, changes no assignment and tells nobody, after audits have started', () => {
    const { core, clock } = planned({ withExternal: true });
    planProgramme(core, plan2027, leadActor);
    const first = showProgramme(core, {}).audits[0];
    if (!first) throw new Error('no audit');
    clock.set('2027-01-04T09:00:00Z');
    transitionAudit(core, { auditId: first.id, to: 'in_progress' }, leadActor);
    const before = shape(core);
    const told = outbox(core).length;

    const again = planProgramme(core, plan2027, leadActor);
    expect({ added: again.added, moved: again.moved, cancelled: again.cancelled, changed: again.assignment.changed }).toEqual({ added: [], moved: [], cancelled: [], changed: 0 });
    expect(shape(core)).toEqual(before);
    expect(outbox(core)).toHaveLength(told);
    // Ids of the audits not yet started are in month order.
    const waiting = showProgramme(core, {}).audits.filter((a) => a.status === 'planned');
    expect(waiting.map((a) => a.id)).toEqual([...waiting.map((a) => a.id)].sort());
    expect(planProgramme(core, plan2027, leadActor).moved).toEqual([]);
    expect(shape(core)).toEqual(before);
  });

  it('a change to one area moves and reassigns only that area, and each person concerned gets one message', () => {
    const { core, clock } = planned({ withExternal: true });
    planProgramme(core, plan2027, leadActor);
    const before = shape(core);
    clock.set('2026-12-02T09:00:00Z');
    const told = outbox(core).length;
    // People becomes high risk: a second audit, and a second auditor on each.
    const snap = acmeOrg({ withExternal: true });
    seed(core, { ...snap, areas: snap.areas.map((a) => (a.key === 'people' ? { ...a, risk: 'high' as const } : a)) });
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.moved).toEqual([]);
    expect(result.cancelled).toEqual([]);
    expect(result.added).toHaveLength(1);
    const after = shape(core);
    for (const a of before.filter((x) => !x.areas.includes('people'))) expect(after.find((x) => x.id === a.id)).toEqual(a);
    const oldPeople = before.find((x) => x.areas.includes('people'));
    expect(after.find((x) => x.id === oldPeople?.id)).toMatchObject({ start: oldPeople?.start, end: oldPeople?.end });
    const rows = outbox(core).slice(told);
    const recipients = rows.map((r) => r.recipient);
    expect(new Set(recipients).size).toBe(recipients.length);
    const concerned = new Set(after.filter((a) => a.areas.includes('people')).flatMap((a) => a.auditors.map((x) => x.slice(x.indexOf(':') + 1))));
    expect([...recipients].sort()).toEqual([...concerned].sort());
    for (const r of rows) expect(r.key).toMatch(/^programme:2027:replanned:/);
  });

  it('a second auditor who becomes the lead of the same audit is told so, once, and not that they were removed', () => {
    const { core, clock } = planned();
    planProgramme(core, plan2027, leadActor);
    const iam = showProgramme(core, {}).audits.filter((a) => a.areas.includes('iam'));
    const swapped = iam.find((a) => a.auditors.some((x) => x.role === 'second' && x.email === P.ana));
    if (!swapped) throw new Error('Ana is second auditor of no IAM audit');
    const formerLead = swapped.auditors.find((x) => x.role === 'lead')?.email;
    expect(formerLead).toBe(P.hana);
    clock.set('2026-12-02T09:00:00Z');
    const told = outbox(core).length;
    // Hana no longer audits: Ana is the only auditor left who is independent of IAM.
    const snap = acmeOrg();
    seed(core, { ...snap, people: snap.people.map((p) => (p.email === P.hana ? { ...p, roles: [] } : p)) });
    planProgramme(core, plan2027, leadActor);
    expect(showProgramme(core, {}).audits.find((a) => a.id === swapped.id)?.auditors).toEqual([expect.objectContaining({ role: 'lead', email: P.ana })]);
    const rows = outbox(core).slice(told);
    const toAna = rows.filter((r) => r.recipient === P.ana);
    expect(toAna).toHaveLength(1);
    const text = JSON.stringify(toAna[0]?.message);
    expect(text).toContain(`You are now the lead auditor of ${swapped.id}`);
    expect(text).toContain('you were its second auditor');
    expect(text).not.toContain('no longer');
    // Hana hears once of every audit she leaves; Carl, untouched, hears nothing.
    const toHana = rows.filter((r) => r.recipient === P.hana);
    expect(toHana).toHaveLength(1);
    expect(JSON.stringify(toHana[0]?.message)).toContain(`You are no longer the lead auditor of ${swapped.id}`);
    expect(rows.some((r) => r.recipient === P.carl)).toBe(false);
  });

  it('an audit whose scope changes stays in its month and its auditors are told what changed in its scope', () => {
    const { core, clock } = planned({ withExternal: true });
    planProgramme(core, plan2027, leadActor);
    const before = shape(core);
    const suppliers = before.find((a) => a.areas.includes('suppliers'));
    const auditors = suppliers?.auditors.map((x) => x.slice(x.indexOf(':') + 1)) ?? [];
    expect(auditors.length).toBeGreaterThan(0);
    clock.set('2026-12-02T09:00:00Z');
    const told = outbox(core).length;
    const snap = acmeOrg({ withExternal: true });
    seed(core, { ...snap, areas: snap.areas.map((a) => (a.key === 'suppliers' ? { ...a, scope: a.scope.filter((x) => x.requirement !== 'A.5.23') } : a)) });
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.moved).toEqual([suppliers?.id]);
    expect(shape(core)).toEqual(before);
    const rows = outbox(core).slice(told);
    expect(rows.map((r) => r.recipient).sort()).toEqual([...auditors].sort());
    for (const r of rows) expect(JSON.stringify(r.message)).toContain(`The scope of ${suppliers?.id} (suppliers, `);
    for (const r of rows) expect(JSON.stringify(r.message)).toContain('changed: removed A.5.23.');
  });
});

