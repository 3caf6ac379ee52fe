// The organisation of the security tests: the seeded one (test/helpers/seed.ts) with one person
// for each way someone can stand to a nonconformity, so that every role of the authorisation
// matrix is a different person:
//   lead          Lena, audit lead
//   auditor       Ana, lead auditor of the IAM audit IA-2027-01, raised the findings
//   otherAuditor  Carl, auditor of other audits (and in the platform team, which owns IAM)
//   areaOwner     Bo, owns the IAM area
//   actionOwner   Dee, owns control A.8.5, the finding on it and its corrective action
//   ownerManager  Mo, Dee's manager
//   employee      Eve, owns nothing and audits nothing
//   deactivated   Gus, has left (inactive)
//   outsider      Zed, not in the organisation file at all
//   admin         Ada, admin
// The state: the IAM audit in progress with its evidence requests (#1 A.5.15 and #2 A.5.18 to
// Bo, #3 A.8.5 to Dee), the minor nonconformity F-2027-0001 on A.8.5 with its action
// CA-2027-0001 (owner Dee), and the opportunity for improvement F-2027-0002 on A.8.5 (owner Dee).
import { requestExtension } from '../../src/core/corrective-actions/request-extension.js';
import { disputeFinding } from '../../src/core/findings/respond-to-finding.js';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from '../../db/connection.js';
import * as schema from '../../db/schema.js';
import { createStore } from '../../db/store.js';
import { markImplemented } from '../../src/core/corrective-actions/mark-implemented.js';
import { planAction } from '../../src/core/corrective-actions/plan-action.js';
import { fixedClock } from '../../src/core/shared/clock.js';
import type { Core } from '../../src/core/context.js';
import { createEvidenceRequests } from '../../src/core/evidence/create-evidence-requests.js';
import { submitEvidence } from '../../src/core/evidence/submit-evidence.js';
import { withdrawEvidence } from '../../src/core/evidence/withdraw-evidence.js';
import { closeAudit } from '../../src/core/conduct/close-audit.js';
import { saveAuditPlan } from '../../src/core/conduct/audit-plan.js';
import { drawSample } from '../../src/core/conduct/draw-sample.js';
import { recordConclusion } from '../../src/core/conduct/record-conclusion.js';
import { recordMeeting } from '../../src/core/conduct/record-meeting.js';
import { recordVerdict } from '../../src/core/conduct/record-verdict.js';
import { reportAudit } from '../../src/core/conduct/report-audit.js';
import { scheduleReview } from '../../src/core/review/schedule-review.js';
import { recordFinding } from '../../src/core/findings/record-finding.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { withDeliveryPreview } from '../helpers/preview.js';
import { insertAudits, SEED, SEED_AUDITS, seedSnapshot } from '../helpers/seed.js';
import { isRequestBookkeeping } from '../helpers/db-snapshot.js';
import type { Actor } from '../../src/core/shared/actor.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

export const NOW = '2027-01-04T10:00:00Z';

export const ROLES = ['lead', 'auditor', 'otherAuditor', 'areaOwner', 'actionOwner', 'ownerManager', 'employee', 'deactivated', 'outsider', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const WHO: Record<Role, string> = {
  lead: SEED.lead,
  auditor: SEED.auditor,
  otherAuditor: SEED.otherAuditor,
  areaOwner: SEED.iamOwner,
  actionOwner: SEED.authOwner,
  ownerManager: 'mo@acme.example',
  employee: 'eve@acme.example',
  deactivated: SEED.leaver,
  outsider: 'zed@elsewhere.example',
  admin: 'ada@acme.example',
};

export const IDS = {
  audit: SEED.audits.iam,
  plannedAudit: SEED.audits.suppliersPlanned,
  /** Dee's evidence request for A.8.5. */
  request: '3',
  finding: 'F-2027-0001',
  action: 'CA-2027-0001',
  ofi: 'F-2027-0002',
  /** A Teams channel the bot was added to, for `audit digest here`. */
  teamsChannel: '19:audit-digest@thread.tacv2',
} as const;

/** What the tests change before acting: the action's state, the evidence request's state. */
export type Scenario = 'base' | 'planned' | 'implemented' | 'submitted' | 'disputed' | 'repeated' | 'requested' | ConductScenario;
/**
 * Conducting the IAM audit (issue 13): `assessed`, every checklist item with a verdict, the
 * evidence requests withdrawn, a plan saved and a sample of items 1..3 on A.5.15; `reporting`, moved to
 * reporting; `concluded`, with its closing meeting and conclusion; `closed`, closed.
 */
export type ConductScenario = 'assessed' | 'reporting' | 'concluded' | 'closed';
const CONDUCT_STEPS: readonly ConductScenario[] = ['assessed', 'reporting', 'concluded', 'closed'];

const person = (email: string, name: string, team: string | null, roles: PersonRecord['roles'], n: number, extra: Partial<PersonRecord> = {}): PersonRecord => ({
  email,
  name,
  team,
  manager: null,
  timezone: null,
  roles,
  slackId: `U0SEC${String(n).padStart(5, '0')}`,
  teamsId: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
  chat: null,
  lastPlatform: null,
  active: true,
  ...extra,
});

/** The organisation alone: no audits, findings or evidence (what "does not exist" looks like). */
export function seedPeople(t: { core: Core }): void {
  const snapshot = seedSnapshot();
  const dee = snapshot.people.find((p) => p.email === SEED.authOwner);
  if (dee) dee.manager = WHO.ownerManager;
  snapshot.people.push(
    person(WHO.ownerManager, 'Mo Meyer', 'finance', [], 20),
    person(WHO.employee, 'Eve Egan', 'finance', [], 21),
    person(WHO.admin, 'Ada Admin', 'finance', ['admin'], 22),
  );
  t.core.store.transaction((tx) => tx.organisation.applySnapshot(snapshot));
}

const as = (email: string): Actor => ({ email, channel: 'console' });

/** The whole fixture on `t`: people, audits, evidence requests, the findings and the action. */
export function seedSecurityOrg(t: TestCore, scenario: Scenario = 'base'): void {
  seedPeople(t);
  insertAudits(t.db, SEED_AUDITS);
  t.core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(IDS.audit);
    if (!audit) throw new Error('no IAM audit');
    createEvidenceRequests(tx, t.core, audit);
    tx.conversationRefs.save(`channel:${IDS.teamsChannel}`, { conversation: { id: IDS.teamsChannel }, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
  });
  const base = { auditId: IDS.audit, requirement: 'A.8.5', evidence: 'Identity provider export of 2027-01-04, MFA column.' };
  recordFinding(t.core, as(WHO.auditor), { ...base, classification: 'minor', statement: 'Two admin accounts sign in without MFA.' }, 'security-fixture-1');
  recordFinding(t.core, as(WHO.auditor), { ...base, classification: 'ofi', statement: 'MFA enrolment could be self-service.', owner: WHO.actionOwner }, 'security-fixture-2');
  // A management review meeting today, chaired by the area owner: its outcome can be recorded.
  scheduleReview(t.core, as(WHO.lead), { date: '2027-01-04', chair: WHO.areaOwner });
  // The action owner provides input (d) of the management review.
  t.db.$client.prepare('update organisation set management_review = ?').run(JSON.stringify({ everyMonths: null, chair: null, inputs: { d: WHO.actionOwner } }));
  // An open action from an earlier management review, owned by the action owner.
  t.db.$client
    .prepare("insert into review_actions (id, review_id, text, owner, due, created_at, status) values ('RA-2026-0001', 'MR-2027-01', 'Enforce MFA for admins', ?, '2027-03-31', '2027-01-04T10:00:00.000Z', 'open')")
    .run(WHO.actionOwner);
  if (scenario === 'planned' || scenario === 'implemented') {
    planAction(t.core, as(WHO.actionOwner), { actionId: IDS.action, correction: 'MFA enforced on both.', rootCause: 'No policy for admin accounts.', plan: 'Conditional access for admins.', due: '2027-03-31' });
  }
  if (scenario === 'implemented') markImplemented(t.core, as(WHO.actionOwner), { actionId: IDS.action, links: 'https://tickets.acme.example/IAM-7' });
  if (scenario === 'repeated') recordFinding(t.core, as(WHO.auditor), { ...base, classification: 'minor', statement: 'A third admin account signs in without MFA.' }, 'security-fixture-3');
  if (scenario === 'requested') requestExtension(t.core, as(WHO.actionOwner), { actionId: IDS.action, due: '2027-06-30', reason: 'Waiting for the vendor.' });
  if (scenario === 'disputed') disputeFinding(t.core, as(WHO.actionOwner), { findingId: IDS.finding, reason: 'The accounts are break-glass accounts.' });
  if (scenario === 'submitted') submitEvidence(t.core, as(WHO.actionOwner), { requestId: IDS.request, links: 'https://wiki.acme.example/mfa-report' });
  const step = CONDUCT_STEPS.indexOf(scenario as ConductScenario);
  if (step >= 0) {
    const lead = as(WHO.auditor);
    for (const requirement of ['A.5.15', 'A.5.18']) recordVerdict(t.core, lead, { auditId: IDS.audit, requirement, verdict: 'conforming' });
    for (const requestId of [1, 2, 3]) withdrawEvidence(t.core, as(WHO.lead), { requestId, reason: 'Seen in the interviews.' });
    saveAuditPlan(t.core, lead, { auditId: IDS.audit, objectives: 'Access control works in practice.', method: 'remote', opening: '2027-01-04 09:00', closing: '2027-01-28 15:00' });
    drawSample(t.core, lead, { auditId: IDS.audit, requirement: 'A.5.15', population: 'access reviews of 2026', populationSize: 3, sampleSize: 3, method: 'all' });
  }
  if (step >= 1) reportAudit(t.core, as(WHO.auditor), { auditId: IDS.audit });
  if (step >= 2) {
    recordMeeting(t.core, as(WHO.auditor), { auditId: IDS.audit, kind: 'closing', date: '2027-01-04', time: '09:00', attendees: WHO.areaOwner, acknowledgement: 'acknowledged' });
    recordConclusion(t.core, as(WHO.auditor), { auditId: IDS.audit, conclusion: 'conforms_with_minor_nonconformities', summary: 'MFA gaps on admin accounts only.' });
  }
  if (step >= 3) closeAudit(t.core, as(WHO.auditor), { auditId: IDS.audit });
  // Everything the fixture queued is out of the way, as if delivered long ago.
  t.db.$client.exec("update outbox set status = 'delivered', delivered_at = created_at");
}

/** A fresh core on a copy of `image` (a serialised fixture database), at the fixture's time. */
export function coreFrom(image: Buffer, platforms: TestCore['core']['settings']['enabledPlatforms'] = ['console']): TestCore {
  const client = new Database(image);
  client.pragma('foreign_keys = ON');
  const db = drizzle(client, { schema }) as Db;
  const clock = fixedClock(NOW);
  // With the delivery preview a running bot has (`audit preview`).
  return withDeliveryPreview({ db, clock, core: { clock, store: createStore(db, clock), settings: { timezone: 'Europe/London', enabledPlatforms: [...platforms], publicUrl: 'https://auditbot.example.com' } } });
}

/** The fixture in `scenario`, serialised once, to be copied for every cell. */
export function fixtureImage(scenario: Scenario | 'empty'): Buffer {
  const t = makeTestCore(NOW, { timezone: 'Europe/London' });
  if (scenario === 'empty') seedPeople(t);
  else seedSecurityOrg(t, scenario);
  const image = t.db.$client.serialize();
  t.db.$client.close();
  return image;
}

/** The person record a request would carry for `role` (the outsider's is made up; nobody has it). */
export function actorRecord(t: TestCore, role: Role): PersonRecord {
  const stored = t.core.store.transaction((tx) => tx.organisation.getPerson(WHO[role]));
  // Deactivated people reach the chat surface only through a stale identity; the outsider never
  // should: both are handed in as if they were active, to show the chat surface checks again.
  if (stored) return { ...stored, active: true };
  return person(WHO[role], 'Zed Outsider', null, [], 99);
}

/** Every row of every table, in a stable order: what a refusal must leave as it was. */
export function dumpTables(db: Db, except: { tables?: readonly string[]; columns?: Record<string, readonly string[]> } = {}): Record<string, unknown[]> {
  const tables = (db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const name of tables) {
    if (except.tables?.includes(name)) continue;
    const rows = (db.$client.prepare(`select * from "${name}" order by rowid`).all() as Record<string, unknown>[]).filter((row) => !isRequestBookkeeping(name, row));
    const drop = except.columns?.[name] ?? [];
    out[name] = drop.length === 0 ? rows : rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
  }
  return out;
}
