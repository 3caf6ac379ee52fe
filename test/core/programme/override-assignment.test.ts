import { closeAsLead } from '../../helpers/conduct.js';
import { describe, expect, it } from 'vitest';
import { explainAssignment } from '../../../src/core/programme/explain-assignment.js';
import { overrideAssignment } from '../../../src/core/programme/override-assignment.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { programmeJson, showProgramme } from '../../../src/core/programme/show-programme.js';
import { showAudit } from '../../../src/core/programme/show-audit.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { makeTestCore } from '../../helpers/core.js';
import { acmeOrg, leadActor, P, seed } from '../../helpers/programme-org.js';

function setup() {
  const t = makeTestCore('2026-12-01T09:00:00Z');
  seed(t.core, acmeOrg({ withExternal: true, secondLead: true }));
  planProgramme(t.core, { cycle: '2027', start: '2027-01-01' }, leadActor);
  const audits = showProgramme(t.core, {}).audits;
  const byArea = (k: string) => {
    const a = audits.find((x) => x.areas[0] === k);
    if (!a) throw new Error(`no audit of ${k}`);
    return a;
  };
  return { ...t, byArea };
}

describe('a lead overriding an assignment', () => {
  it('records an independence exception (justification, by, at) on the audit and in the trail, and shows it', () => {
    const { core, clock, byArea } = setup();
    const ops = byArea('ops');
    clock.set('2026-12-02T10:00:00Z');
    const r = overrideAssignment(core, { auditId: ops.id, email: P.carl, justification: 'Only Carl knows the legacy platform this year' }, leadActor);
    expect(r.independent).toBe(false);
    expect(r.violations).toEqual(['member of team platform, which owns area ops']);
    const exception = { justification: 'Only Carl knows the legacy platform this year', by: P.lead, at: '2026-12-02T10:00:00.000Z', auditor: P.carl };
    expect(r.exception).toEqual(exception);
    const row = core.store.transaction((tx) => tx.programme.getAudit(ops.id));
    expect(row?.exception).toEqual(exception);
    const json = programmeJson(showProgramme(core, {})).audits.find((a) => a.id === ops.id);
    expect(json?.exception).toMatchObject({ justification: exception.justification, by: P.lead });
    expect(json?.auditors).toEqual([{ email: P.carl, role: 'lead' }]);
    expect(showAudit(core, { auditId: ops.id }).exception).toMatchObject({ justification: exception.justification });
    const trail = core.store.transaction((tx) => tx.trail.list({ subject: `audit:${ops.id}` }));
    const event = trail.find((e) => e.action === 'audit.independence_exception');
    expect(JSON.parse(event?.after ?? '{}')).toMatchObject({ auditor: P.carl, justification: exception.justification, by: P.lead, at: exception.at });
    expect(trail.map((e) => e.action)).toContain('audit.reassigned');
    const explained = explainAssignment(core, { auditId: ops.id });
    expect(explained.auditors[0]?.rationale).toMatchObject({ source: 'manual', exception, independence: [] });
  });

  it('an independent choice is not an exception, and a reassignment tells both people', () => {
    const { core, clock, byArea } = setup();
    const suppliers = byArea('suppliers');
    clock.set('2026-12-03T08:00:00Z');
    const previous = suppliers.auditors[0]?.email;
    const next = previous === P.hana ? P.eve : P.hana;
    const r = overrideAssignment(core, { auditId: suppliers.id, email: next, justification: 'Hana has audited suppliers before and asked to' }, leadActor);
    expect(r).toMatchObject({ independent: true, exception: null, previous });
    expect(core.store.transaction((tx) => tx.programme.getAudit(suppliers.id))?.exception).toBeNull();
    const outbox = core.store.transaction((tx) => tx.outbox.list());
    const reassignment = outbox.filter((o) => o.createdAt === '2026-12-03T08:00:00.000Z');
    expect(reassignment.map((o) => o.recipient).sort()).toEqual([next, previous].sort());
    const released = outbox.find((o) => o.key.startsWith(`audit:${suppliers.id}:released:lead:${previous}:`));
    expect(released?.message.summary).toContain(`You are no longer the lead auditor of internal audit ${suppliers.id}`);
    expect(released?.message.summary).toContain(`${next} takes it over`);
    const assigned = outbox.find((o) => o.key.startsWith(`audit:${suppliers.id}:assigned:lead:${next}:`));
    expect(assigned?.message.summary).toContain(`lead auditor of internal audit ${suppliers.id}`);
  });

  it('a manual choice survives re-planning', () => {
    const { core, byArea } = setup();
    const ops = byArea('ops');
    overrideAssignment(core, { auditId: ops.id, email: P.carl, justification: 'Only Carl knows the legacy platform this year' }, leadActor);
    planProgramme(core, { cycle: '2027', start: '2027-01-01' }, leadActor);
    const after = showProgramme(core, {}).audits.find((a) => a.id === ops.id);
    expect(after?.auditors).toEqual([{ email: P.carl, role: 'lead' }]);
    expect(after?.exception?.auditor).toBe(P.carl);
  });

  it('is refused for non-leads, non-auditors, unknown people, closed audits and without a justification', () => {
    const { core, byArea } = setup();
    const ops = byArea('ops');
    const justification = 'A justification long enough';
    expect(() => overrideAssignment(core, { auditId: ops.id, email: P.hana, justification }, { email: P.ana, channel: 'cli' })).toThrow(/Only an audit lead can assign an auditor/);
    expect(() => overrideAssignment(core, { auditId: ops.id, email: P.bo, justification }, leadActor)).toThrow(/bo@acme.example holds neither the auditor nor the external role/);
    expect(() => overrideAssignment(core, { auditId: ops.id, email: 'nobody@acme.example', justification }, leadActor)).toThrow(/not an active person/);
    expect(() => overrideAssignment(core, { auditId: ops.id, email: P.hana, justification: 'because' }, leadActor)).toThrow(/justification: a written justification of at least 10 characters/);
    expect(() => overrideAssignment(core, { auditId: 'IA-2099-01', email: P.hana, justification }, leadActor)).toThrow(/There is no audit IA-2099-01/);
    const lead = ops.auditors[0]?.email ?? '';
    expect(() => overrideAssignment(core, { auditId: ops.id, email: lead, justification }, leadActor)).toThrow(/already the lead auditor/);
    transitionAudit(core, { auditId: ops.id, to: 'in_progress' }, leadActor);
    closeAsLead(core, ops.id, leadActor);
    expect(() => overrideAssignment(core, { auditId: ops.id, email: P.eve, justification }, leadActor)).toThrow(/is closed, so its auditors can no longer change/);
  });

  it('clears "needs an external auditor" when a lead assigns someone', () => {
    const { core } = makeTestCore();
    const snap = acmeOrg({ secondLead: true });
    // Nobody but Carl (platform) holds the auditor role: platform's areas need an external auditor.
    seed(core, { ...snap, people: snap.people.map((p) => (p.email === P.ana || p.email === P.hana ? { ...p, roles: [] } : p)) });
    planProgramme(core, { cycle: '2027', start: '2027-01-01' }, leadActor);
    const ops = showProgramme(core, {}).audits.find((a) => a.areas[0] === 'ops');
    expect(ops?.needsExternalAuditor).toBe(true);
    overrideAssignment(core, { auditId: ops?.id ?? '', email: P.carl, justification: 'No external auditor is affordable before Q3' }, leadActor);
    const after = showProgramme(core, {}).audits.find((a) => a.id === ops?.id);
    expect(after).toMatchObject({ needsExternalAuditor: false, auditors: [{ email: P.carl, role: 'lead' }] });
  });
});
