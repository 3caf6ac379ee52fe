import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { showProgramme } from '../../../src/core/programme/show-programme.js';
import { startDueAudits } from '../../../src/core/programme/start-due-audits.js';
import { transitionAudit } from '../../../src/core/programme/transition-audit.js';
import { buildJobs } from '../../../src/scheduler/jobs.js';
import { makeTestCore } from '../../helpers/core.js';
import { acmeOrg, leadActor, P, seed } from '../../helpers/programme-org.js';
import { closeAsLead, reportAsLead } from '../../helpers/conduct.js';

const scheduler = { email: 'system', channel: 'scheduler' as const };

function setup(withExternal = true) {
  const t = makeTestCore('2026-12-01T09:00:00Z');
  const snap = acmeOrg({ withExternal });
  seed(t.core, withExternal ? snap : { ...snap, people: snap.people.map((p) => (p.email === P.ana || p.email === P.hana ? { ...p, roles: [] } : p)) });
  planProgramme(t.core, { cycle: '2027', start: '2027-01-01' }, leadActor);
  return t;
}

const first = (core: ReturnType<typeof setup>['core']) => {
  const a = showProgramme(core, {}).audits[0];
  if (!a) throw new Error('no audit');
  return a;
};

describe('audit lifecycle', () => {
  it('moves planned → in progress → reporting → closed, recording each step and telling the auditors it started', () => {
    const { core, clock } = setup();
    const audit = first(core);
    clock.set('2027-01-04T08:00:00Z');
    expect(transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, leadActor)).toEqual({ auditId: audit.id, from: 'planned', to: 'in_progress' });
    clock.set('2027-01-20T16:00:00Z');
    closeAsLead(core, audit.id, leadActor);
    const row = core.store.transaction((tx) => tx.programme.getAudit(audit.id));
    expect(row).toMatchObject({ status: 'closed', startedAt: '2027-01-04T08:00:00.000Z', closedAt: '2027-01-20T16:00:00.000Z' });
    const actions = core.store.transaction((tx) => tx.trail.list({ subject: `audit:${audit.id}` })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('audit.') && !['audit.checklist_verdict', 'audit.meeting_recorded', 'audit.concluded'].includes(a)).slice(-4)).toEqual(['audit.started', 'audit.reporting', 'audit.closed', 'audit.finalised']);
    const started = core.store.transaction((tx) => tx.outbox.list()).filter((o) => o.key.startsWith(`audit:${audit.id}:started:`));
    expect(started.map((o) => o.recipient).sort()).toEqual(audit.auditors.map((a) => a.email).sort());
  });

  it('refuses illegal transitions with a message saying what is allowed', () => {
    const { core } = setup();
    const audit = first(core);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'closed' }, leadActor)).toThrow(
      `${audit.id} is planned, so it cannot close: it can only move to in progress next (planned → in progress → reporting → closed).`,
    );
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'reporting' }, leadActor)).toThrow(/it can only move to in progress next/);
    transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, leadActor);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, leadActor)).toThrow(`${audit.id} is in progress, so it cannot start: it can only move to reporting next`);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'planned' }, leadActor)).toThrow(/cannot go back to planned: it can only move to reporting next/);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'reporting' }, leadActor)).toThrow(`${audit.id} moves to reporting when its lead auditor says so: audit report ${audit.id}.`);
    reportAsLead(core, audit.id, leadActor);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'closed' }, leadActor)).toThrow(`${audit.id} is closed by its lead auditor once the conclusion and the closing meeting are recorded: audit close ${audit.id}.`);
    closeAsLead(core, audit.id, leadActor);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, leadActor)).toThrow(/is closed, so it cannot start: a closed audit stays closed/);
    expect(() => transitionAudit(core, { auditId: 'IA-1999-01', to: 'in_progress' }, leadActor)).toThrow(/There is no audit IA-1999-01/);
  });

  it('refuses actors without the lead role; the scheduler may only start', () => {
    const { core } = setup();
    const audit = first(core);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, { email: P.ana, channel: 'slack' })).toThrow(
      'Only an audit lead can start an audit; ana@acme.example does not hold the lead role (ask lead@acme.example).',
    );
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, { email: 'stranger@else.example', channel: 'cli' })).toThrow(/not an active person/);
    transitionAudit(core, { auditId: audit.id, to: 'in_progress' }, scheduler);
    expect(() => transitionAudit(core, { auditId: audit.id, to: 'reporting' }, scheduler)).toThrow('The scheduler only starts audits whose window has opened; only an audit lead can move an audit to reporting.');
  });

  it('an audit without a lead auditor cannot start', () => {
    const { core } = setup(false);
    const needing = showProgramme(core, {}).audits.find((a) => a.needsExternalAuditor);
    expect(needing).toBeDefined();
    expect(() => transitionAudit(core, { auditId: needing?.id ?? '', to: 'in_progress' }, leadActor)).toThrow(/has no lead auditor, so it cannot start\. Assign one first/);
  });

  it('the audit-starts job starts planned audits whose window has opened, and tells the leads about those without an auditor', async () => {
    const { core, clock } = setup(false);
    const view = showProgramme(core, {});
    const jan = view.calendar[0]?.audits ?? [];
    const feb = view.calendar[1]?.audits ?? [];
    expect(jan.length).toBeGreaterThan(0);
    expect(startDueAudits(core, { now: '2026-12-31T23:59:59Z' })).toEqual({ started: 0, waitingForAuditor: 0, missed: 0 });

    const job = buildJobs(loadConfig({})).find((j) => j.name === 'audit-starts');
    expect(job?.cron).toBe('5 0 * * *');
    clock.set('2027-01-01T00:05:00Z');
    const counts = await job?.run({ core, now: clock.now(), trigger: 'cron', scheduledFor: clock.now() });
    const janAudits = view.audits.filter((a) => jan.includes(a.id));
    const withLead = janAudits.filter((a) => a.auditors.length > 0).map((a) => a.id);
    const without = janAudits.filter((a) => a.auditors.length === 0).map((a) => a.id);
    expect(counts).toEqual({ started: withLead.length, waitingForAuditor: without.length, missed: 0, coverageNotices: 0 });
    const after = showProgramme(core, {}).audits;
    for (const id of withLead) expect(after.find((a) => a.id === id)?.status).toBe('in_progress');
    for (const id of [...without, ...feb]) expect(after.find((a) => a.id === id)?.status).toBe('planned');
    const trail = core.store.transaction((tx) => tx.trail.list()).filter((e) => e.action === 'audit.started');
    expect(trail.every((e) => e.actor === 'system' && e.channel === 'scheduler')).toBe(true);
    // Leads hear once per audit that cannot start, however often the job runs.
    startDueAudits(core, { now: '2027-01-02T00:05:00Z' });
    const blocked = core.store.transaction((tx) => tx.outbox.list()).filter((o) => o.key.includes(':start-blocked:'));
    expect(blocked).toHaveLength(without.length);
  });
});
