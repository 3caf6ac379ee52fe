// The findings acceptance suite, written once and run through every surface that records a
// finding: the core's chat dispatcher here, the Slack and Teams adapters in their own tests
// (issue 5, acceptance 5), and against the core directly. A surface plugs in by giving a
// submitter that turns the form values into whatever its platform sends and reports the outcome
// as `submitForm` does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findings as findingsTable } from '../../db/schema.js';
import type { SubmitOutcome } from '../helpers/chat.js';
import type { Core } from '../../src/core/context.js';
import { buildFindingForm, isForm } from '../../src/core/findings/finding-forms.js';
import { FINDING_RECORDED } from '../../src/core/findings/record-finding.js';
import type { FormValues } from '../../src/core/message.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import type { Platform } from '../../src/core/shared/actor.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import type { OutboxRow } from '../../src/core/ports.js';

export type FindingSubmitter = (ctx: { core: Core; actor: PersonRecord }, values: FormValues, key: string) => Promise<SubmitOutcome>;

/**
 * A surface that also takes typed commands: `say` types `text` as `actor` the way the platform
 * sends it and resolves with the text of the bot's answer. With it the suite also changes the
 * findings it recorded: amend, withdraw, dispute, uphold, and extension requests and decisions.
 */
export interface FindingsSurface {
  submit: FindingSubmitter;
  say(actor: PersonRecord, text: string): Promise<string>;
}

export interface FindingsSuiteEnv extends TestCore {
  /** Runs after each test, e.g. to stop a server the submitter started. */
  onCleanup(fn: () => void | Promise<void>): void;
}

export interface FindingsSuiteOptions {
  /** Platforms the core delivers to (default: console only). */
  platforms?: Platform[];
  /** False when the submitter calls the core directly rather than submitting a form (default true). */
  throughForm?: boolean;
  /** True when the submitter gives a FindingsSurface: the typed cases for changing findings run too. */
  typed?: boolean;
}

/** The test clock: Monday 4 January 2027, 10:00 in London; both seeded IAM and ISMS audits are in progress. */
export const SUITE_NOW = '2027-01-04T10:00:00Z';

/** A valid minor nonconformity on the IAM audit, by its auditor. */
export const validValues = (over: FormValues = {}): FormValues => ({
  auditId: SEED.audits.iam,
  classification: 'minor',
  requirement: 'A.8.5',
  statement: 'Two of the five administrator accounts sampled sign in without multi-factor authentication.',
  evidence: 'Identity provider export of 2027-01-04 (admin accounts, MFA status column); interview with Dee Diaz.',
  confirmOutOfScope: false,
  ...over,
});

type SeedPerson = 'lead' | 'auditor' | 'otherAuditor';

interface BadInput {
  name: string;
  as: SeedPerson;
  values: FormValues;
  field: string;
  says: RegExp;
  /**
   * A value the form never offers (an option not in its list): a form refuses it before the
   * core sees it, with this message instead (src/chat/form-values.ts).
   */
  formSays?: RegExp;
}

const notOffered = (value: string, label: string): RegExp => new RegExp(`^"${value}" is not one of the choices this form offered for ${label}\\.`);

const long = (n: number) => 'x'.repeat(n);

export const BAD_INPUTS: BadInput[] = [
  { name: 'no classification', as: 'auditor', values: validValues({ classification: undefined }), field: 'classification', says: /classification/i },
  { name: 'an unknown classification', as: 'auditor', values: validValues({ classification: 'critical' }), field: 'classification', says: /"critical" is not a classification/, formSays: notOffered('critical', 'Classification') },
  { name: 'no requirement', as: 'auditor', values: validValues({ requirement: '' }), field: 'requirement', says: /clause or control/ },
  { name: 'an unknown requirement', as: 'auditor', values: validValues({ requirement: 'A.9.99' }), field: 'requirement', says: /"A\.9\.99" is not a clause or control/ },
  { name: 'a control typed without its A.', as: 'auditor', values: validValues({ requirement: '8.5' }), field: 'requirement', says: /Did you mean the Annex A control A\.8\.5/ },
  {
    name: 'an out-of-scope requirement without the confirmation',
    as: 'auditor',
    values: validValues({ requirement: 'A.5.19' }),
    field: 'confirmOutOfScope',
    says: /Tick this box/,
  },
  {
    name: 'a control excluded in the Statement of Applicability, even confirmed',
    as: 'auditor',
    values: validValues({ requirement: SEED.excludedControl, confirmOutOfScope: true }),
    field: 'requirement',
    says: /excluded in the Statement of Applicability/,
  },
  { name: 'a statement over 3,000 characters', as: 'auditor', values: validValues({ statement: long(3001) }), field: 'statement', says: /3,001 characters; the limit/ },
  { name: 'an empty statement', as: 'auditor', values: validValues({ statement: '   \n ' }), field: 'statement', says: /Write what you saw/ },
  { name: 'no evidence', as: 'auditor', values: validValues({ evidence: '' }), field: 'evidence', says: /objective evidence/ },
  { name: 'evidence over 3,000 characters', as: 'auditor', values: validValues({ evidence: long(3500) }), field: 'evidence', says: /3,500 characters/ },
  { name: 'no audit', as: 'auditor', values: validValues({ auditId: '' }), field: 'auditId', says: /Choose the audit/ },
  { name: 'an unknown audit', as: 'auditor', values: validValues({ auditId: 'IA-2027-99' }), field: 'auditId', says: /There is no audit IA-2027-99/, formSays: notOffered('IA-2027-99', 'Audit') },
  {
    name: 'an audit not in progress yet (planned)',
    as: 'otherAuditor',
    values: validValues({ auditId: SEED.audits.suppliersPlanned, requirement: 'A.5.19' }),
    field: 'auditId',
    says: /has not started yet/,
    formSays: notOffered('IA-2027-03', 'Audit'),
  },
  {
    name: 'a closed audit',
    as: 'auditor',
    values: validValues({ auditId: SEED.audits.suppliersClosed, requirement: 'A.5.19' }),
    field: 'auditId',
    says: /is closed/,
    formSays: notOffered('IA-2026-09', 'Audit'),
  },
  {
    name: 'an actor not assigned to the audit',
    as: 'auditor',
    values: validValues({ auditId: SEED.audits.isms, requirement: '9.2' }),
    field: 'auditId',
    says: /You are not an auditor of IA-2027-02/,
    formSays: notOffered('IA-2027-02', 'Audit'),
  },
  { name: 'a past due date', as: 'auditor', values: validValues({ dueDate: '2027-01-03' }), field: 'dueDate', says: /in the past/ },
  { name: 'an impossible due date', as: 'auditor', values: validValues({ dueDate: '2027-02-30' }), field: 'dueDate', says: /calendar date/ },
  { name: 'a due date on an observation', as: 'auditor', values: validValues({ classification: 'observation', dueDate: '2027-03-01' }), field: 'dueDate', says: /Leave it empty for an observation/ },
  { name: 'an unknown owner', as: 'auditor', values: validValues({ owner: 'nobody@acme.example' }), field: 'owner', says: /Nobody with the e-mail nobody@acme.example/ },
  { name: 'an owner who has left', as: 'auditor', values: validValues({ owner: SEED.leaver }), field: 'owner', says: /Nobody with the e-mail gus@acme.example is active/ },
  { name: 'an owner that is not an e-mail', as: 'auditor', values: validValues({ owner: 'bo' }), field: 'owner', says: /not an e-mail address/ },
  {
    name: 'a default owner who has left',
    as: 'auditor',
    values: validValues({ requirement: 'A.5.21', confirmOutOfScope: true }),
    field: 'owner',
    says: /gus@acme\.example, is no longer active/,
  },
];

export function findingsSuite(
  name: string,
  makeSubmitter: (env: FindingsSuiteEnv) => FindingSubmitter | FindingsSurface | Promise<FindingSubmitter | FindingsSurface>,
  opts: FindingsSuiteOptions = {},
): void {
  describe(`findings through ${name}`, () => {
    let env: FindingsSuiteEnv;
    let submitter: FindingSubmitter;
    let surface: FindingsSurface | null = null;
    let cleanups: (() => void | Promise<void>)[] = [];

    beforeEach(async () => {
      cleanups = [];
      const t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', ...(opts.platforms ? { platforms: opts.platforms } : {}) });
      seedSmallOrg(t);
      env = { ...t, onCleanup: (fn) => void cleanups.push(fn) };
      const made = await makeSubmitter(env);
      surface = typeof made === 'function' ? null : made;
      submitter = typeof made === 'function' ? made : made.submit;
    });

    afterEach(async () => {
      for (const fn of cleanups.reverse()) await fn();
    });

    const person = (email: string): PersonRecord => {
      const p = env.core.store.transaction((tx) => tx.organisation.getPerson(email));
      if (!p) throw new Error(`seed has no ${email}`);
      return p;
    };
    const submit = (as: string, values: FormValues, key: string) => submitter({ core: env.core, actor: person(as) }, values, key);
    const stored = () => env.db.select().from(findingsTable).all();
    const outbox = () => env.core.store.transaction((tx) => tx.outbox.list());
    const recordedEvents = () => env.core.store.transaction((tx) => tx.trail.list()).filter((e) => e.action === FINDING_RECORDED);

    it('records a valid finding: stored, one trail event, the owner told', async () => {
      const result = await submit(SEED.auditor, validValues(), 'submission-1');
      expect(result.ok).toBe(true);

      expect(stored()).toEqual([
        {
          id: 'F-2027-0001',
          auditId: SEED.audits.iam,
          classification: 'minor',
          requirement: 'A.8.5',
          outOfScope: false,
          statement: validValues().statement,
          evidence: validValues().evidence,
          area: SEED.areas.iam,
          owner: SEED.authOwner,
          raisedBy: SEED.auditor,
          raisedAt: '2027-01-04T10:00:00.000Z',
          // A nonconformity opens its corrective action in the same transaction (clause 10.2).
          actionId: 'CA-2027-0001',
          status: 'open',
          statusReason: null,
          supersededBy: null,
          response: null,
          responseReason: null,
          decisionReason: null,
        },
      ]);
      const events = recordedEvents();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: SEED.auditor, subject: 'finding:F-2027-0001' });

      const rows = outbox();
      expect(rows.map((r) => [r.key, r.recipient])).toEqual([['finding:F-2027-0001:owner', SEED.authOwner]]);
      const text = JSON.stringify(rows[0]?.message);
      expect(text).toContain('A.8.5 Secure authentication');
      expect(text).toContain(validValues().statement as string);
      expect(text).toContain(validValues().evidence as string);
    });

    it('tells every audit lead of a major nonconformity, besides the owner', async () => {
      const result = await submit(SEED.auditor, validValues({ classification: 'major', requirement: 'A.5.15', dueDate: '2027-02-15' }), 'major-1');
      expect(result.ok).toBe(true);
      expect(stored()[0]).toMatchObject({ classification: 'major', owner: SEED.iamOwner });
      expect(outbox().map((r) => [r.key, r.recipient])).toEqual([
        ['finding:F-2027-0001:owner', SEED.iamOwner],
        [`finding:F-2027-0001:lead:${SEED.lead}`, SEED.lead],
      ]);
    });

    it('lets an audit lead record on an audit they are not assigned to', async () => {
      const result = await submit(SEED.lead, validValues({ classification: 'ofi' }), 'lead-1');
      expect(result.ok).toBe(true);
      expect(stored()[0]).toMatchObject({ raisedBy: SEED.lead, classification: 'ofi' });
    });

    it('records an out-of-scope requirement once confirmed, under the area and owner that hold it', async () => {
      const result = await submit(SEED.auditor, validValues({ requirement: 'A.5.19', confirmOutOfScope: true }), 'oos-1');
      expect(result.ok).toBe(true);
      expect(stored()[0]).toMatchObject({ requirement: 'A.5.19', outOfScope: true, area: SEED.areas.suppliers, owner: SEED.suppliersOwner });
      expect(outbox().map((r) => r.recipient)).toEqual([SEED.suppliersOwner]);
    });

    it('uses the owner the auditor names instead of the control owner', async () => {
      const result = await submit(SEED.auditor, validValues({ owner: SEED.iamOwner }), 'owner-1');
      expect(result.ok).toBe(true);
      expect(stored()[0]?.owner).toBe(SEED.iamOwner);
      expect(outbox().map((r) => r.recipient)).toEqual([SEED.iamOwner]);
    });

    it('accepts exactly 3,000 characters, counting accented letters and emoji as one each', async () => {
      const statement = `${'é'.repeat(2998)}🔐ü`;
      const result = await submit(SEED.auditor, validValues({ statement: `  ${statement}  ` }), 'limit-1');
      expect(result.ok).toBe(true);
      expect(stored()[0]?.statement).toBe(statement);
    });

    it.each(BAD_INPUTS.map((b) => [b.name, b.field, b] as const))('refuses %s: an error on the %s field, nothing stored', async (_name, _field, bad) => {
      const form = buildFindingForm(env.core, { email: SEED.lead, channel: 'console' });
      if (!isForm(form)) throw new Error('the lead should get the finding form');
      const formFieldIds = new Set(form.fields.map((f) => f.id));

      const result = await submit(SEED[bad.as], bad.values, `bad-${bad.name}`);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[bad.field]).toMatch(opts.throughForm !== false && bad.formSays ? bad.formSays : bad.says);
      // Adapters put each message next to its input, so every key must be a field of the form.
      for (const key of Object.keys(result.errors)) expect(formFieldIds).toContain(key);

      expect(stored()).toEqual([]);
      expect(recordedEvents()).toEqual([]);
      expect(outbox()).toEqual([]);
      // The failed submission did not use up its key: corrected, it records.
      const retry = await submit(SEED.auditor, validValues(), `bad-${bad.name}`);
      expect(retry.ok).toBe(true);
      expect(stored().map((f) => f.id)).toEqual(['F-2027-0001']);
    });

    it('records one finding when the same submission arrives twice', async () => {
      const first = await submit(SEED.auditor, validValues(), 'same-key');
      const second = await submit(SEED.auditor, validValues(), 'same-key');
      expect(first.ok).toBe(true);
      expect(second.ok).toBe(true);
      expect(stored().map((f) => f.id)).toEqual(['F-2027-0001']);
      expect(recordedEvents()).toHaveLength(1);
      expect(outbox()).toHaveLength(1);
    });

    it('numbers findings in sequence within the year', async () => {
      for (const key of ['k1', 'k2', 'k3']) expect((await submit(SEED.auditor, validValues(), key)).ok).toBe(true);
      expect(stored().map((f) => f.id)).toEqual(['F-2027-0001', 'F-2027-0002', 'F-2027-0003']);
    });

    // Issue 14 acceptance: a recorded finding changed through the same surface. Registered for
    // every surface that takes typed commands (`typed`), which the console and Teams runners do.
    if (opts.typed) changingFindings(() => ({ env, surface, submit, person, stored, outbox }));
  });
}

interface ChangeEnv {
  env: FindingsSuiteEnv;
  surface: FindingsSurface | null;
  submit: (as: string, values: FormValues, key: string) => Promise<SubmitOutcome>;
  person: (email: string) => PersonRecord;
  stored: () => (typeof findingsTable.$inferSelect)[];
  outbox: () => OutboxRow[];
}

/** Amend, withdraw, dispute and uphold a finding, and request and decide an extension of its action, typed. */
function changingFindings(get: () => ChangeEnv): void {
  const FINDING = 'F-2027-0001';
  const ACTION = 'CA-2027-0001';
  // Dee owns A.8.5; Ana is the lead auditor of the IAM audit, Lena the audit lead.
  const OWNER = SEED.authOwner;

  const say = (as: string, text: string): Promise<string> => {
    const { surface, person } = get();
    if (!surface) throw new Error('this surface takes no typed commands');
    return surface.say(person(as), text);
  };
  const recorded = async () => {
    expect((await get().submit(SEED.auditor, validValues({ dueDate: '2027-02-15' }), 'change-1')).ok).toBe(true);
  };
  const finding = () => get().stored()[0];
  const action = () => get().env.core.store.transaction((tx) => tx.actions.get(ACTION));
  const trail = (subject: string) => get().env.core.store.transaction((tx) => tx.trail.list({ subject }));
  /** Outbox rows queued since `mark`, as `recipient: summary`. */
  const toldSince = (mark: number) =>
    get()
      .outbox()
      .slice(mark)
      .map((r) => `${r.recipient}: ${r.message.summary}`);

  describe('changing a recorded finding, typed', () => {
    it('an auditor of the audit amends a finding; the trail keeps before and after; the owner is told what changed', async () => {
      await recorded();
      const mark = get().outbox().length;
      expect(await say(SEED.auditor, `finding amend ${FINDING} classification major`)).toContain(`Finding ${FINDING} is amended. The owner has been told.`);
      expect(finding()).toMatchObject({ classification: 'major', status: 'open' });
      const event = trail(`finding:${FINDING}`).find((e) => e.action === 'finding.amended');
      expect(JSON.parse(event?.before ?? '{}')).toMatchObject({ classification: 'minor' });
      expect(JSON.parse(event?.after ?? '{}')).toMatchObject({ classification: 'major' });
      expect(toldSince(mark)).toEqual([`${OWNER}: Ana Ruiz amended finding ${FINDING} (classification).`]);
    });

    it('refuses an amendment by the owner, who is no auditor of the audit: nothing changes', async () => {
      await recorded();
      const mark = get().outbox().length;
      expect(await say(OWNER, `finding amend ${FINDING} classification ofi`)).toMatch(/auditor/i);
      expect(finding()?.classification).toBe('minor');
      expect(toldSince(mark)).toEqual([]);
    });

    it('an auditor withdraws a finding with the reason; its corrective action goes with it; the owner is told', async () => {
      await recorded();
      const mark = get().outbox().length;
      expect(await say(SEED.auditor, `finding withdraw ${FINDING} Recorded against the wrong audit.`)).toContain(`Finding ${FINDING} is withdrawn. Its corrective action ${ACTION} is withdrawn with it.`);
      expect(finding()).toMatchObject({ status: 'withdrawn', statusReason: 'Recorded against the wrong audit.' });
      expect(trail(`action:${ACTION}`).map((e) => e.action)).toContain('action.withdrawn');
      // Withdrawn with it, not closed: nobody verified it.
      expect(action()?.status).toBe('withdrawn');
      expect(toldSince(mark)).toEqual([`${OWNER}: Ana Ruiz withdrew finding ${FINDING}. Nothing more is needed from you on it.`]);
    });

    it('the owner disputes with a reason; the audit lead is told and upholds it; the owner is told', async () => {
      await recorded();
      let mark = get().outbox().length;
      expect(await say(OWNER, `finding dispute ${FINDING} Both accounts are break-glass accounts kept in the safe.`)).toContain(`Finding ${FINDING} is disputed.`);
      expect(finding()).toMatchObject({ response: 'disputed', responseReason: 'Both accounts are break-glass accounts kept in the safe.' });
      expect(toldSince(mark)).toEqual([`${SEED.auditor}: Dee Diaz disputes finding ${FINDING}. Please decide: uphold, amend or withdraw it.`]);
      // Only the audit's lead decides: the owner cannot uphold their own dispute's finding.
      expect(await say(OWNER, `finding uphold ${FINDING} I changed my mind.`)).not.toContain('is upheld');
      mark = get().outbox().length;
      expect(await say(SEED.auditor, `finding uphold ${FINDING} Break-glass accounts need MFA too (policy IAM-3).`)).toContain(`Finding ${FINDING} is upheld: it stands as recorded.`);
      expect(finding()).toMatchObject({ response: 'upheld', decisionReason: 'Break-glass accounts need MFA too (policy IAM-3).', status: 'open' });
      expect(toldSince(mark)).toEqual([`${OWNER}: Ana Ruiz upheld finding ${FINDING}: it stands as recorded.`]);
    });

    it('the owner disputes; the audit lead withdraws the finding instead', async () => {
      await recorded();
      await say(OWNER, `finding dispute ${FINDING} The two accounts were deleted on 2 January.`);
      const mark = get().outbox().length;
      expect(await say(SEED.auditor, `finding withdraw ${FINDING} The export predates the deletion.`)).toContain(`Finding ${FINDING} is withdrawn.`);
      expect(finding()).toMatchObject({ status: 'withdrawn', statusReason: 'The export predates the deletion.', response: 'disputed' });
      expect(toldSince(mark)).toEqual([`${OWNER}: Ana Ruiz withdrew finding ${FINDING}. Nothing more is needed from you on it.`]);
    });

    it('an extension is a request: the due date moves only when a lead approves, a second request waits', async () => {
      await recorded();
      let mark = get().outbox().length;
      expect(await say(OWNER, `action extend ${ACTION} 2027-03-31 The identity provider migration freezes changes until March.`)).toContain(`Until a lead approves it, ${ACTION} stays due Monday 15 February 2027.`);
      expect(action()?.due).toBe('2027-02-15');
      expect(toldSince(mark)).toContain(`${SEED.lead}: Dee Diaz asks to move the due date of ${ACTION} from Monday 15 February 2027 to Wednesday 31 March 2027. Please approve or refuse.`);
      expect(await say(OWNER, `action extend ${ACTION} 2027-04-30 Even later.`)).toMatch(/already|waiting|pending/i);
      expect(await say(OWNER, `action extension approve ${ACTION}`)).not.toContain('Approved');
      expect(action()?.due).toBe('2027-02-15');
      mark = get().outbox().length;
      expect(await say(SEED.lead, `action extension approve ${ACTION}`)).toContain(`Approved: ${ACTION} is now due Wednesday 31 March 2027.`);
      expect(action()?.due).toBe('2027-03-31');
      expect(toldSince(mark)).toEqual([`${OWNER}: Lena Lund approved your request: corrective action ${ACTION} is now due Wednesday 31 March 2027.`]);
    });

    it('a lead refuses an extension with the reason: the due date stays, the owner is told why', async () => {
      await recorded();
      await say(OWNER, `action extend ${ACTION} 2027-03-31 The migration freezes changes.`);
      const mark = get().outbox().length;
      expect(await say(SEED.lead, `action extension refuse ${ACTION} Enforcing MFA needs no change window.`)).toContain(`Refused: ${ACTION} stays due Monday 15 February 2027.`);
      expect(action()?.due).toBe('2027-02-15');
      expect(toldSince(mark)).toEqual([`${OWNER}: Lena Lund refused your request to move ${ACTION} to Wednesday 31 March 2027; it stays due Monday 15 February 2027. Reason: Enforcing MFA needs no change window.`]);
    });
  });
}
