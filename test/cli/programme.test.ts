import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createStore } from '../../db/store.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import type { OrganisationSnapshot } from '../../src/core/organisation/types.js';
import { cli, tempDir } from '../helpers/cli.js';
import { acmeOrg, P, person } from '../helpers/programme-org.js';

function database(snap: OrganisationSnapshot = acmeOrg({ withExternal: true })): Record<string, string> {
  const file = `${tempDir()}/auditbot.db`;
  const db = openDatabase(file);
  createStore(db, fixedClock('2026-12-01T09:00:00Z')).transaction((tx) => tx.organisation.applySnapshot(snap));
  db.$client.close();
  return { AUDITBOT_DB: file };
}

interface ProgrammeJson {
  cycle: string;
  audits: {
    id: string;
    status: string;
    start: string;
    end: string;
    areas: string[];
    clauses: string[];
    controls: string[];
    auditors: { email: string; role: string }[];
    needsExternalAuditor: boolean;
    exception: null | { justification: string; by: string };
  }[];
  gaps: string[];
}

async function showJson(env: Record<string, string>): Promise<ProgrammeJson> {
  const res = await cli(['programme', 'show', '--format', 'json'], env);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as ProgrammeJson;
}

describe('CLI: programme and audit commands', () => {
  it('plans as the only lead and shows the programme as JSON in the documented shape', async () => {
    const env = database();
    const plan = await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01', '--max-per-month', '2'], env);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Programme 2027 planned from 2027-01-01 over 12 months: 6 audits (6 new, 0 moved, 0 cancelled, 0 started or closed kept).');
    expect(plan.stdout).toContain('Complete: every clause and applicable Annex A control is in at least one audit.');
    const json = await showJson(env);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['cycle', 'audits', 'gaps']));
    expect(json.cycle).toBe('2027');
    expect(json.gaps).toEqual([]);
    expect(json.audits).toHaveLength(6);
    for (const a of json.audits) {
      expect(a.id).toMatch(/^IA-2027-\d{2}$/);
      expect(a.status).toBe('planned');
      expect(a.start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(a.end).toMatch(/^\d{4}-\d\d-\d\dT23:59:59\.999Z$/);
      expect(a.auditors.every((x) => ['lead', 'second'].includes(x.role) && x.email.includes('@'))).toBe(true);
      expect(a).toHaveProperty('needsExternalAuditor', false);
      expect(a).toHaveProperty('exception', null);
      expect(Array.isArray(a.clauses) && Array.isArray(a.controls) && Array.isArray(a.areas)).toBe(true);
    }
  });

  it('prints month by month, auditors, coverage, exceptions and gaps as a table and as Markdown', async () => {
    const env = database(acmeOrg({ withExternal: true, omit: ['A.5.16'] }));
    const plan = await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'], env);
    expect(plan.stdout).toContain('INCOMPLETE: 1 requirement is in no area, so in no audit: A.5.16.');
    const table = await cli(['programme', 'show'], env);
    expect(table.code).toBe(0);
    for (const text of ['Audit programme 2027', 'Month by month', 'Audits', 'Independence exceptions', 'Coverage', 'Gaps', 'INCOMPLETE', 'A.5.16']) expect(table.stdout).toContain(text);
    expect(table.stdout).toMatch(/A\.5\.16\s+Secure authentication|A\.5\.16\s+Identity management\s+GAP/);
    const md = await cli(['programme', 'show', '--cycle', '2027', '--format', 'md'], env);
    expect(md.stdout).toContain('# Audit programme 2027');
    expect(md.stdout).toContain('## Coverage');
    expect(md.stdout).toContain('| requirement | title | audits |');
    expect(md.stdout).toContain('| A.5.16 | Identity management | GAP |');
  });

  it('assigns with a justification, recording an independence exception shown in the programme', async () => {
    const env = database();
    await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'], env);
    const ops = (await showJson(env)).audits.find((a) => a.areas[0] === 'ops');
    const assign = ['audit', 'assign', ops?.id ?? '', '--to', P.carl, '--justification', 'Only Carl knows the legacy platform this year'];
    // Issue 14.7: the only audit lead does not approve an exception alone; the external auditor does.
    const alone = await cli(assign, env);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain(
      'Error [forbidden]: lead@acme.example is the only audit lead, so an independence exception needs a second opinion from outside the audit programme: an external auditor or top management records it. Ask eve (eve@partner.example) to record it.',
    );
    const res = await cli([...assign, '--as', P.eve], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`carl@acme.example is now the lead auditor of ${ops?.id}`);
    expect(res.stdout).toContain('INDEPENDENCE EXCEPTION recorded (by eve@partner.example');
    expect(res.stdout).toContain('member of team platform, which owns area ops');
    const after = (await showJson(env)).audits.find((a) => a.id === ops?.id);
    expect(after?.exception).toMatchObject({ justification: 'Only Carl knows the legacy platform this year', by: P.eve });
    const table = await cli(['programme', 'show'], env);
    expect(table.stdout).toContain('EXCEPTION (carl@acme.example): Only Carl knows the legacy platform this year');
  });

  it('explains an assignment, naming every excluded person with the rule', async () => {
    const env = database();
    await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'], env);
    const iam = (await showJson(env)).audits.find((a) => a.areas[0] === 'iam');
    const res = await cli(['audit', 'explain', iam?.id ?? ''], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('lead auditor: ');
    expect(res.stdout).toContain('second auditor: ');
    expect(res.stdout).toContain('Excluded (2), with the rule that excluded them:');
    expect(res.stdout).toContain('carl@acme.example: member of team platform, which owns area iam (team rule); owner of A.8.5 in area iam (owner rule)');
    expect(res.stdout).toContain('lead@acme.example: holds neither the auditor nor the external role (has lead) (role rule)');
    const json = await cli(['audit', 'explain', iam?.id ?? '', '--format', 'json'], env);
    expect((JSON.parse(json.stdout) as { excluded: { email: string }[] }).excluded.map((e) => e.email)).toEqual([P.carl, P.lead]);
  });

  it('starts an audit and refuses an illegal transition with a message that says what is allowed', async () => {
    const env = database();
    await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'], env);
    const id = (await showJson(env)).audits[0]?.id ?? '';
    const ok = await cli(['audit', 'start', id, '--early'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${id} is now in progress (was planned).`);
    expect((await showJson(env)).audits.find((a) => a.id === id)?.status).toBe('in_progress');
    const again = await cli(['audit', 'start', id, '--early'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Error [illegal_transition]: ${id} is in progress, so it cannot start: it can only move to reporting next (planned → in progress → reporting → closed).`);
  });

  it('acts as --as, asks for it when there are several leads, and refuses a non-lead', async () => {
    const snap = acmeOrg();
    const env = database({ ...snap, people: [...snap.people, person('lea@acme.example', 'isms', ['lead'])] });
    const ask = await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01'], env);
    expect(ask.code).toBe(2);
    expect(ask.stderr).toContain('There are 2 audit leads (lea@acme.example, lead@acme.example): say which one you are with --as <email>.');
    const refused = await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01', '--as', P.ana], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Error [forbidden]: Only an audit lead can plan the audit programme; ana@acme.example does not hold the lead role');
    const ok = await cli(['programme', 'plan', '--cycle', '2027', '--start', '2027-01-01', '--as', 'LEA@acme.example'], env);
    expect(ok.code).toBe(0);
  });

  it('gives clear errors for missing options and a missing programme', async () => {
    const env = database();
    const none = await cli(['programme', 'show'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No audit programme has been planned yet. Plan one with: auditbot programme plan --cycle 2027 --start 2027-01-01');
    const missing = await cli(['programme', 'plan', '--start', '2027-01-01'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--cycle is required');
    const badDate = await cli(['programme', 'plan', '--cycle', '2027', '--start', '1 Jan'], env);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('start: a real date written YYYY-MM-DD');
    const noId = await cli(['audit', 'explain'], env);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('Usage: auditbot audit explain <audit id>');
    const help = await cli(['programme', 'plan', '--help'], env);
    expect(help.stdout).toContain('Usage: auditbot programme plan');
  });
});
