// Issue 14.7, independence exceptions in a small company: nobody records an exception for their
// own audit (the person assigned, an auditor of the audit, the owner of an area or requirement
// in its scope); with only one audit lead, the external auditor or top management records it;
// the refusal names who can, or says exactly what to add to the organisation file.
import { describe, expect, it } from 'vitest';
import { isAuditbotError } from '../../../src/core/errors.js';
import type { OrganisationSnapshot } from '../../../src/core/organisation/types.js';
import { overrideAssignment } from '../../../src/core/programme/override-assignment.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { showProgramme } from '../../../src/core/programme/show-programme.js';
import { makeTestCore } from '../../helpers/core.js';
import { acmeOrg, DEPUTY, leadActor, P, person, seed } from '../../helpers/programme-org.js';

const CEO = 'cara@acme.example';
const JUSTIFICATION = 'Only Carl knows the legacy platform this year';

function setup(snap: OrganisationSnapshot) {
  const t = makeTestCore('2026-12-01T09:00:00Z');
  seed(t.core, snap);
  planProgramme(t.core, { cycle: '2027', start: '2027-01-01' }, leadActor);
  const byArea = (k: string) => {
    const a = showProgramme(t.core, {}).audits.find((x) => x.areas[0] === k);
    if (!a) throw new Error(`no audit of ${k}`);
    return a;
  };
  const state = (auditId: string) =>
    t.core.store.transaction((tx) => ({ audit: tx.programme.getAudit(auditId), rows: tx.programme.listAssignments({ auditId }), trail: tx.trail.list().length, outbox: tx.outbox.list().length }));
  return { ...t, byArea, state };
}

const as = (email: string) => ({ email, channel: 'console' as const });

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (isAuditbotError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

const withTopManagement = (snap: OrganisationSnapshot): OrganisationSnapshot => ({ ...snap, people: [...snap.people, person(CEO, 'finance', ['top-management'], { name: 'Cara Okafor' })] });

describe('issue 14.7: who may record an independence exception', () => {
  it('the only audit lead is refused, and with nobody else the refusal says exactly what to add; nothing is recorded', () => {
    const { core, byArea, state } = setup(acmeOrg());
    const ops = byArea('ops');
    const before = state(ops.id);
    const r = refusal(() => overrideAssignment(core, { auditId: ops.id, email: P.carl, justification: JUSTIFICATION }, leadActor));
    expect(r).toEqual({
      code: 'forbidden',
      message:
        `lead@acme.example is the only audit lead, so an independence exception needs a second opinion from outside the audit programme: an external auditor or top management records it. ` +
        `Nobody in the organisation file can record it: add \`roles: [top-management]\` to a person outside ${ops.id}, or an external auditor (\`roles: [external]\`, no team), and import the file again.`,
    });
    expect(state(ops.id)).toEqual(before);
  });

  it('with top management in the organisation file, the lead is told to ask them, and they record it', () => {
    const { core, byArea, state } = setup(withTopManagement(acmeOrg()));
    const ops = byArea('ops');
    const r = refusal(() => overrideAssignment(core, { auditId: ops.id, email: P.carl, justification: JUSTIFICATION }, leadActor));
    expect(r.message).toMatch(/Ask Cara Okafor \(cara@acme\.example\) to record it\.$/);

    const done = overrideAssignment(core, { auditId: ops.id, email: P.carl, justification: JUSTIFICATION }, as(CEO));
    expect(done.exception).toEqual({ justification: JUSTIFICATION, by: CEO, at: '2026-12-01T09:00:00.000Z', auditor: P.carl });
    const after = state(ops.id);
    expect(after.audit?.exception?.by).toBe(CEO);
    expect(after.rows.find((row) => row.role === 'lead')?.rationale.chosenBecause).toEqual([`chosen by top management, ${CEO}: ${JUSTIFICATION}`]);
  });

  it('top management records exceptions only: an independent assignment stays with the audit lead', () => {
    const { core, byArea, state } = setup(withTopManagement(acmeOrg()));
    const suppliers = byArea('suppliers');
    const before = state(suppliers.id);
    const next = suppliers.auditors[0]?.email === P.hana ? P.carl : P.hana;
    const r = refusal(() => overrideAssignment(core, { auditId: suppliers.id, email: next, justification: 'Has audited suppliers before' }, as(CEO)));
    expect(r.code).toBe('forbidden');
    expect(r.message).toBe(
      `${next} is independent of ${suppliers.id}, so this is not an independence exception: only an audit lead assigns auditors (ask lead@acme.example). Top management and external auditors record only the exceptions a lead may not.`,
    );
    expect(state(suppliers.id)).toEqual(before);
  });

  it('with the external auditor, the only lead is told to ask them', () => {
    const { core, byArea } = setup(acmeOrg({ withExternal: true }));
    const r = refusal(() => overrideAssignment(core, { auditId: byArea('ops').id, email: P.carl, justification: JUSTIFICATION }, leadActor));
    expect(r.message).toMatch(/Ask eve \(eve@partner\.example\) to record it\.$/);
  });

  it('nobody records an exception for their own audit, even with a second lead: not the person assigned, nor the owner of its area', () => {
    // The lead is also an auditor and owns the ISMS area; Iris, in the ISMS team, is an auditor too.
    const base = acmeOrg({ secondLead: true });
    const snap: OrganisationSnapshot = {
      ...base,
      people: base.people.map((p) => (p.email === P.lead ? { ...p, roles: ['lead', 'auditor'] } : p.email === P.iris ? { ...p, roles: ['auditor'] } : p)),
      areas: base.areas.map((a) => (a.key === 'isms' ? { ...a, owner: P.lead, scope: a.scope.map((s) => ({ ...s, owner: P.lead })) } : a)),
    };
    const { core, byArea, state } = setup(snap);
    const isms = byArea('isms');
    const before = state(isms.id);

    const self = refusal(() => overrideAssignment(core, { auditId: isms.id, email: P.lead, justification: 'I know the ISMS better than anyone' }, leadActor));
    expect(self).toEqual({
      code: 'not_independent',
      message: `lead@acme.example is the person being assigned, so cannot record an independence exception for it: nobody approves an exception for their own audit. Ask max (max@acme.example) to record it.`,
    });
    const owner = refusal(() => overrideAssignment(core, { auditId: isms.id, email: P.iris, justification: 'Iris wrote the procedures, she can check them' }, leadActor));
    expect(owner.code).toBe('not_independent');
    expect(owner.message).toContain(`lead@acme.example owns area isms, which ${isms.id} audits, so cannot record an independence exception for it`);
    expect(state(isms.id)).toEqual(before);

    // The other lead, outside the audit, may.
    expect(overrideAssignment(core, { auditId: isms.id, email: P.iris, justification: 'Iris wrote the procedures, she can check them' }, as(DEPUTY)).exception?.by).toBe(DEPUTY);
  });

  it('an auditor of the audit does not record an exception for it either', () => {
    const base = acmeOrg({ secondLead: true });
    const snap: OrganisationSnapshot = { ...base, people: base.people.map((p) => (p.email === DEPUTY ? { ...p, roles: ['lead', 'auditor'], team: 'hr' } : p)) };
    const { core, byArea } = setup(snap);
    const ops = byArea('ops');
    // Max, independent of operations, becomes its lead auditor; then wants Carl (platform) as second.
    overrideAssignment(core, { auditId: ops.id, email: DEPUTY, justification: 'Max has audited operations elsewhere' }, leadActor);
    const r = refusal(() => overrideAssignment(core, { auditId: ops.id, email: P.carl, role: 'second', justification: JUSTIFICATION }, as(DEPUTY)));
    expect(r.code).toBe('not_independent');
    expect(r.message).toBe(`${DEPUTY} audits ${ops.id}, so cannot record an independence exception for it: nobody approves an exception for their own audit. Ask lead (lead@acme.example) to record it.`);
  });
});
