import { describe, expect, it } from 'vitest';
import { assignAuditors } from '../../../src/core/programme/assign-auditors.js';
import { explainAssignment } from '../../../src/core/programme/explain-assignment.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { showProgramme } from '../../../src/core/programme/show-programme.js';
import type { AssignmentRecord } from '../../../src/core/programme/types.js';
import { makeTestCore } from '../../helpers/core.js';
import { acmeOrg, ALL_CLAUSES, ALL_CONTROLS, area, chunk, LEAD, leadActor, P, person, seed, snapshot } from '../../helpers/programme-org.js';

const plan2027 = { cycle: '2027', start: '2027-01-01' };
const rows = (core: ReturnType<typeof makeTestCore>['core'], cycle = '2027'): AssignmentRecord[] => core.store.transaction((tx) => tx.programme.listAssignments({ cycle }));

/** Two internal auditors, both in the ISMS team that owns clauses 4–10; operations is another team's. */
function smallCompany(withExternal: boolean) {
  return snapshot({
    teams: ['isms', 'ops'],
    people: [
      person(LEAD, 'isms', ['lead']),
      person('ana@small.example', 'isms', ['auditor']),
      person('bob@small.example', 'isms', ['auditor']),
      person('olga@small.example', 'ops'),
      ...(withExternal ? [person('eve@partner.example', null, ['external'])] : []),
    ],
    areas: [area('isms', 'isms', 'ana@small.example', 'medium', ALL_CLAUSES), area('ops', 'ops', 'olga@small.example', 'medium', ALL_CONTROLS)],
  });
}

describe('assigning auditors', () => {
  it('small company: the audit of the clauses goes to the external auditor, never to the ISMS team', () => {
    const { core } = makeTestCore();
    seed(core, smallCompany(true));
    planProgramme(core, plan2027, leadActor);
    const view = showProgramme(core, {});
    const isms = view.audits.find((a) => a.areas[0] === 'isms');
    const ops = view.audits.find((a) => a.areas[0] === 'ops');
    expect(isms?.auditors).toEqual([{ email: 'eve@partner.example', role: 'lead' }]);
    expect(isms?.needsExternalAuditor).toBe(false);
    // Internal auditors are preferred wherever they are independent.
    expect(ops?.auditors.map((a) => a.email)).toEqual(['ana@small.example']);
    const rationale = rows(core).find((r) => r.auditId === isms?.id)?.rationale;
    expect(rationale?.chosenBecause[0]).toBe('external auditor: no internal auditor is independent of this audit');
  });

  it('small company without an external auditor: the audit is marked as needing one and the leads are told', () => {
    const { core } = makeTestCore();
    seed(core, smallCompany(false));
    const result = planProgramme(core, plan2027, leadActor);
    const view = showProgramme(core, {});
    const isms = view.audits.find((a) => a.areas[0] === 'isms');
    expect(isms?.auditors).toEqual([]);
    expect(isms?.needsExternalAuditor).toBe(true);
    expect(result.assignment.needsExternal).toEqual([isms?.id]);
    expect(rows(core).some((r) => r.auditId === isms?.id)).toBe(false);
    const told = core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith(`audit:${isms?.id}:needs-external:`));
    expect(told.map((r) => r.recipient)).toEqual([LEAD]);
    expect(told[0]?.message.summary).toContain('needs an external auditor');
    const trail = core.store.transaction((tx) => tx.trail.list({ subject: `audit:${isms?.id}` }));
    expect(trail.map((e) => e.action)).toContain('audit.needs_external');
    // Planning again does not tell the leads a second time.
    planProgramme(core, plan2027, leadActor);
    expect(core.store.transaction((tx) => tx.outbox.list()).filter((r) => r.key.startsWith(`audit:${isms?.id}:needs-external:`))).toHaveLength(1);
  });

  it('ten eligible auditors and forty audits: nobody gets more than five', () => {
    const { core } = makeTestCore();
    const auditors = Array.from({ length: 10 }, (_, i) => person(`auditor${i}@acme.example`, 'audit', ['auditor']));
    const reqs = chunk([...ALL_CLAUSES, ...ALL_CONTROLS], 40);
    seed(
      core,
      snapshot({
        teams: ['audit', 'ops'],
        people: [person(LEAD, 'audit', ['lead']), person('owner@acme.example', 'ops'), ...auditors],
        areas: reqs.map((r, i) => area(`area${String(i).padStart(2, '0')}`, 'ops', 'owner@acme.example', 'medium', r)),
      }),
    );
    const result = planProgramme(core, plan2027, leadActor);
    expect(result.audits).toBe(40);
    const load = new Map<string, number>();
    for (const r of rows(core)) load.set(r.email, (load.get(r.email) ?? 0) + 1);
    expect(load.size).toBe(10);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(5);
    expect([...load.values()]).toEqual(Array(10).fill(4));
  });

  it('keeps the load even when each auditor is excluded from the areas of their own team', () => {
    const { core } = makeTestCore();
    const teams = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const reqs = chunk([...ALL_CLAUSES, ...ALL_CONTROLS], 40);
    seed(
      core,
      snapshot({
        teams,
        people: [
          person(LEAD, null, ['lead']),
          ...teams.map((t) => person(`owner-${t}@acme.example`, t)),
          ...teams.map((t) => person(`auditor-${t}@acme.example`, t, ['auditor'])),
        ],
        areas: reqs.map((r, i) => area(`area${String(i).padStart(2, '0')}`, `t${i % 10}`, `owner-t${i % 10}@acme.example`, 'medium', r)),
      }),
    );
    planProgramme(core, plan2027, leadActor);
    const load = new Map<string, number>();
    for (const r of rows(core)) load.set(r.email, (load.get(r.email) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(5);
    const view = showProgramme(core, {});
    for (const r of rows(core)) {
      const audit = view.audits.find((a) => a.id === r.auditId);
      expect(r.email).not.toBe(`auditor-t${Number(audit?.areas[0]?.slice(4)) % 10}@acme.example`);
    }
  });

  it('gives high-risk areas a second auditor when two are independent, and records why there is none otherwise', () => {
    const { core } = makeTestCore();
    seed(core, acmeOrg());
    planProgramme(core, plan2027, leadActor);
    const iam = showProgramme(core, {}).audits.filter((a) => a.areas[0] === 'iam');
    expect(iam).toHaveLength(2);
    for (const a of iam) {
      expect(a.auditors.map((x) => x.role)).toEqual(['lead', 'second']);
      expect(a.auditors.map((x) => x.email).sort()).toEqual([P.ana, P.hana]);
    }
    // The two iam audits rotate their lead.
    expect(iam[0]?.auditors[0]?.email).not.toBe(iam[1]?.auditors[0]?.email);
    expect(showProgramme(core, {}).audits.filter((a) => a.areas[0] !== 'iam').every((a) => a.auditors.length === 1)).toBe(true);

    const solo = makeTestCore();
    const snap = acmeOrg();
    seed(solo.core, { ...snap, people: snap.people.map((p) => (p.email === P.hana ? { ...p, roles: [] } : p)) });
    planProgramme(solo.core, plan2027, leadActor);
    const soloIam = showProgramme(solo.core, {}).audits.filter((a) => a.areas[0] === 'iam');
    expect(soloIam.map((a) => a.auditors)).toEqual([[{ email: P.ana, role: 'lead' }], [{ email: P.ana, role: 'lead' }]]);
    const lead = rows(solo.core).find((r) => r.auditId === soloIam[0]?.id);
    expect(lead?.rationale.chosenBecause).toContain('no second auditor: nobody else is independent of this high-risk area');
  });

  it('rotates: the lead of the last audit of an area is not chosen again while another is eligible', () => {
    const { core } = makeTestCore();
    seed(
      core,
      snapshot({
        teams: ['isms', 'ops'],
        people: [person(LEAD, 'isms', ['lead']), person('amy@acme.example', 'isms', ['auditor']), person('ben@acme.example', 'isms', ['auditor']), person('olga@acme.example', 'ops')],
        areas: [area('ops', 'ops', 'olga@acme.example', 'low', [...ALL_CLAUSES, ...ALL_CONTROLS])],
      }),
    );
    planProgramme(core, { cycle: '2026', start: '2026-01-01' }, leadActor);
    expect(rows(core, '2026').map((r) => r.email)).toEqual(['amy@acme.example']);
    planProgramme(core, plan2027, leadActor);
    const chosen = rows(core, '2027');
    expect(chosen.map((r) => r.email)).toEqual(['ben@acme.example']);
    expect(chosen[0]?.rationale.chosenBecause).toContain('did not lead the last audit of this area (IA-2026-01, led by amy@acme.example)');
  });

  it('prefers internal auditors to external ones', () => {
    const { core } = makeTestCore();
    seed(
      core,
      snapshot({
        teams: ['isms', 'ops'],
        people: [person(LEAD, 'isms', ['lead']), person('amy@acme.example', 'isms', ['auditor']), person('eve@partner.example', null, ['external']), person('olga@acme.example', 'ops')],
        areas: chunk([...ALL_CLAUSES, ...ALL_CONTROLS], 3).map((r, i) => area(`ops${i}`, 'ops', 'olga@acme.example', 'low', r)),
      }),
    );
    planProgramme(core, plan2027, leadActor);
    expect(rows(core).map((r) => r.email)).toEqual(['amy@acme.example', 'amy@acme.example', 'amy@acme.example']);
  });

  it('tells each assigned auditor the audit, scope, window and why they are independent, on their platform', () => {
    const { core } = makeTestCore('2026-12-01T09:00:00Z', { platforms: ['slack', 'console'] });
    const snap = acmeOrg();
    seed(core, { ...snap, people: snap.people.map((p) => (p.email === P.ana ? { ...p, slackId: 'U0ANA' } : p)) });
    planProgramme(core, plan2027, leadActor);
    const audit = showProgramme(core, {}).audits.find((a) => a.areas[0] === 'suppliers');
    const lead = audit?.auditors[0]?.email;
    const outbox = core.store.transaction((tx) => tx.outbox.list());
    const row = outbox.find((r) => r.recipient === lead && r.key.startsWith(`audit:${audit?.id}:assigned:lead:${lead}:`));
    expect(row).toBeDefined();
    expect(row?.platform).toBe(lead === P.ana ? 'slack' : 'console');
    expect(row?.message.summary).toContain(`lead auditor of internal audit ${audit?.id}`);
    const fields = row?.message.blocks.find((b) => b.type === 'fields');
    expect(fields).toMatchObject({ fields: expect.arrayContaining([{ label: 'Window', value: expect.stringMatching(/^2027-\d\d-01 to 2027-\d\d-\d\d$/) }, { label: 'Controls', value: 'A.5.19, A.5.20, A.5.21, A.5.22, A.5.23' }]) });
    const why = row?.message.blocks.find((b) => b.type === 'list');
    expect(why).toMatchObject({ title: 'Why you count as independent of it', items: expect.arrayContaining([expect.stringContaining('not the owning team (finance)')]) });
    // Every assignment has exactly one notification, each with its own key.
    const assigned = outbox.filter((r) => r.key.includes(':assigned:'));
    expect(assigned).toHaveLength(rows(core).length);
  });

  it('assignAuditors can be re-run by a lead on its own and changes nothing when nothing changed', () => {
    const { core } = makeTestCore();
    seed(core, acmeOrg());
    planProgramme(core, plan2027, leadActor);
    const before = rows(core);
    const summary = assignAuditors(core, { cycle: '2027' }, leadActor);
    expect(summary.changed).toBe(0);
    expect(rows(core).map((r) => [r.auditId, r.role, r.email])).toEqual(before.map((r) => [r.auditId, r.role, r.email]));
    expect(() => assignAuditors(core, { cycle: '2027' }, { email: P.ana, channel: 'cli' })).toThrow(/Only an audit lead can assign auditors/);
  });

  it('the rationale of an assignment names every excluded person with the rule', () => {
    const { core } = makeTestCore();
    seed(core, acmeOrg({ withExternal: true }));
    planProgramme(core, plan2027, leadActor);
    const iam = showProgramme(core, {}).audits.find((a) => a.areas[0] === 'iam');
    const e = explainAssignment(core, { auditId: iam?.id ?? '' });
    expect(e.excluded).toEqual([
      { email: P.carl, exclusions: [{ rule: 'team', detail: 'member of team platform, which owns area iam' }, { rule: 'owner', detail: 'owner of A.8.5 in area iam' }] },
      { email: LEAD, exclusions: [{ rule: 'role', detail: 'holds neither the auditor nor the external role (has lead)' }] },
    ]);
  });
});
