import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openConsoleSession } from '../../adapters/console/console-session.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import { runChatText, submitForm } from '../helpers/chat.js';
import type { ChatContext } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import { isAuditbotError } from '../../src/core/errors.js';
import { buildFindingForm, isForm } from '../../src/core/findings/finding-forms.js';
import { FINDING_FIELDS } from '../../src/core/findings/finding-schema.js';
import { FINDING_RECORDED, recordFinding } from '../../src/core/findings/record-finding.js';
import { confirmationMessage } from '../../src/core/findings/finding-messages.js';
import { listFindings } from '../../src/core/findings/list-findings.js';
import { searchPeople } from '../../src/core/organisation/search-people.js';
import type { FormValues, Message } from '../../src/core/message.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { findingsSuite, SUITE_NOW, validValues } from './findings-suite.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const chatContext = (core: Core, actor: PersonRecord): ChatContext => ({ core, actor, channel: 'console', platform: 'console' });

/**
 * The console's way: `finding` shows the form (one instance per person and key), its answers are
 * submitted; typed commands go in as lines of a console session as the person, and the answer is
 * what the session printed.
 */
findingsSuite(
  'the chat dispatcher (console)',
  (env) => {
    const shown = new Map<string, string>();
    return {
      async submit(ctx, values, key) {
        const chat = chatContext(ctx.core, ctx.actor);
        let instance = shown.get(`${ctx.actor.email} ${key}`);
        if (!instance) {
          const reply = await runChatText(chat, 'finding');
          if (reply.kind !== 'form') throw new Error(`${ctx.actor.email} should get the finding form`);
          instance = reply.instance;
          shown.set(`${ctx.actor.email} ${key}`, instance);
        }
        return submitForm(chat, instance, values, key);
      },
      async say(actor, text) {
        const input = new PassThrough();
        const output = new PassThrough();
        let printed = '';
        output.on('data', (chunk: Buffer) => {
          printed += chunk.toString('utf8');
        });
        const session = openConsoleSession({ core: env.core, email: actor.email, input, output, registry: defaultRegistry });
        input.end(`${text}\nexit\n`);
        await session.done;
        return printed;
      },
    };
  },
  { typed: true },
);

/** The core itself, for what no form lets through (options it never offers). */
findingsSuite(
  'the core (recordFinding)',
  () => (ctx, values, key) => {
    try {
      const { story, created } = recordFinding(ctx.core, { email: ctx.actor.email, channel: 'console' }, values, key);
      return Promise.resolve({ ok: true, reply: { kind: 'message', message: confirmationMessage(story, !created) } });
    } catch (e) {
      if (!isAuditbotError(e)) throw e;
      return Promise.resolve({ ok: false, errors: Object.keys(e.fields).length > 0 ? { ...e.fields } : { _form: e.message } });
    }
  },
  { throughForm: false },
);

/** Opens the finding form as `actor` and submits `values` with it. */
async function submitFinding(ctx: ChatContext, values: FormValues, key: string) {
  const reply = await runChatText(ctx, 'finding');
  if (reply.kind !== 'form') throw new Error(`${ctx.actor.email} should get the finding form`);
  return { instance: reply.instance, result: await submitForm(ctx, reply.instance, values, key) };
}

function setup(at = SUITE_NOW, timezone = 'Europe/London') {
  const t = makeTestCore(at, { timezone });
  seedSmallOrg(t);
  const person = (email: string): PersonRecord => {
    const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!p) throw new Error(`no ${email}`);
    return p;
  };
  const record = (values = validValues(), key = `k-${Math.random()}`, as: string = SEED.auditor) =>
    recordFinding(t.core, { email: as, channel: 'console' }, values, key);
  return { ...t, person, record };
}

const textOf = (m: Message): string =>
  [m.summary, m.title ?? '', ...m.blocks.map((b) => ('text' in b ? b.text : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${f.value}`).join('\n') : ''))].join('\n');

describe('recording a finding (core)', () => {
  it('takes the year of finding and action ids from the audit\'s cycle, not from the day recorded (issue 14.10)', () => {
    // Audit IA-2027-01 of cycle 2027, worked on in late December 2026 and then in 2028.
    const t = setup('2026-12-30T10:00:00Z');
    const first = t.record(validValues({ classification: 'minor' })).story;
    expect(first.finding.id).toBe('F-2027-0001');
    expect(first.action?.id).toBe('CA-2027-0001');
    t.clock.set('2028-01-03T10:00:00Z');
    const second = t.record().story;
    expect(second.finding.id).toBe('F-2027-0002');
    expect(second.action?.id).toBe('CA-2027-0002');
  });

  it('answers a repeated submission with the finding recorded the first time', () => {
    const t = setup();
    const first = t.record(validValues(), 'slack:V123:abc');
    const again = t.record(validValues({ statement: 'A different text typed after a double click.' }), 'slack:V123:abc');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.story.finding).toEqual(first.story.finding);
    expect(listFindings(t.core)).toHaveLength(1);
  });

  it('keeps the proposed due date in the trail event and tells the owner', () => {
    const t = setup();
    const { story } = t.record(validValues({ dueDate: '2027-02-26' }));
    const event = t.core.store.transaction((tx) => tx.trail.list({ subject: `finding:${story.finding.id}` }))[0];
    expect(event?.action).toBe(FINDING_RECORDED);
    expect(JSON.parse(event?.after ?? '{}')).toMatchObject({ id: 'F-2027-0001', dueDate: '2027-02-26', requirement: 'A.8.5' });
    const [row] = t.core.store.transaction((tx) => tx.outbox.list());
    expect(textOf(row?.message as Message)).toContain('proposed for completion by 2027-02-26');
    // Today is allowed: "not in the past" in the organisation's time zone.
    expect(t.record(validValues({ dueDate: '2027-01-04' })).created).toBe(true);
  });

  it('tells the owner objectively what was seen, against which requirement, the evidence and what happens next', () => {
    const t = setup();
    t.record(validValues());
    const [row] = t.core.store.transaction((tx) => tx.outbox.list());
    const text = textOf(row?.message as Message);
    expect(row?.message.summary).toBe('Ana Ruiz recorded a minor nonconformity (F-2027-0001) against A.8.5 in audit IA-2027-01. You are named as the owner.');
    expect(text).toContain('You are named as the owner because you own A.8.5 in Identity and access management.');
    expect(text).toContain(`What was seen: ${validValues().statement as string}`);
    expect(text).toContain(`Evidence: ${validValues().evidence as string}`);
    expect(text).toContain('What happens next: a nonconformity needs a corrective action (ISO/IEC 27001 clause 10.2)');
    expect(text).toContain('not for someone to blame');
  });

  it('says an opportunity for improvement needs no corrective action', () => {
    const t = setup();
    t.record(validValues({ classification: 'ofi' }));
    const [row] = t.core.store.transaction((tx) => tx.outbox.list());
    expect(textOf(row?.message as Message)).toContain('no corrective action is required');
  });

  it('refuses someone who is not an active person in the organisation file', () => {
    const t = setup();
    let error: unknown;
    try {
      t.record(validValues(), 'k', SEED.leaver);
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && error.code).toBe('forbidden');
    expect(listFindings(t.core)).toEqual([]);
  });

  it('reports every independent field problem at once', () => {
    const t = setup();
    let error: unknown;
    try {
      t.record(validValues({ requirement: 'A.5.19', owner: 'nobody@acme.example', dueDate: '2026-12-01' }));
    } catch (e) {
      error = e;
    }
    expect(isAuditbotError(error) && Object.keys(error.fields).sort()).toEqual(['confirmOutOfScope', 'dueDate', 'owner', 'requirement']);
  });
});

describe('the finding form and the chat command', () => {
  it('offers the auditor their audits in progress, with the form field ids the errors use', () => {
    const t = setup();
    const form = buildFindingForm(t.core, { email: SEED.auditor, channel: 'console' });
    if (!isForm(form)) throw new Error('expected a form');
    expect(form.id).toBe('finding.record');
    expect(form.fields.map((f) => [f.id, f.type, f.required])).toEqual([
      ['auditId', 'select', true],
      ['classification', 'select', true],
      ['requirement', 'search', true],
      ['confirmOutOfScope', 'checkbox', false],
      ['statement', 'textarea', true],
      ['evidence', 'textarea', true],
      ['owner', 'search', false],
      ['dueDate', 'date', false],
    ]);
    for (const f of form.fields) expect(Object.values(FINDING_FIELDS)).toContain(f.id);
    const audit = form.fields[0];
    expect(audit?.type === 'select' && audit.options.map((o) => o.value)).toEqual([SEED.audits.iam]);
    expect(audit?.type === 'select' && audit.initial).toBe(SEED.audits.iam);
    expect(audit?.type === 'select' && audit.options[0]?.label).toBe('IA-2027-01 · Identity and access management (until 2027-01-29)');
    const classification = form.fields[1];
    expect(classification?.type === 'select' && classification.options.map((o) => o.value)).toEqual(['major', 'minor', 'ofi', 'observation']);
    const requirement = form.fields[2];
    expect(requirement?.type === 'search' && requirement.source).toBe('requirement');
    const statement = form.fields[4];
    expect(statement?.type === 'textarea' && statement.maxLength).toBe(3000);
    const owner = form.fields[6];
    expect(owner?.type === 'search' && owner.source).toBe('person');
  });

  it('offers an audit lead every audit in progress', () => {
    const t = setup();
    const form = buildFindingForm(t.core, { email: SEED.lead, channel: 'console' });
    if (!isForm(form)) throw new Error('expected a form');
    const audit = form.fields[0];
    expect(audit?.type === 'select' && audit.options.map((o) => o.value)).toEqual([SEED.audits.iam, SEED.audits.isms]);
    expect(audit?.type === 'select' && audit.initial).toBeUndefined();
  });

  it('tells someone with no audit in progress so, instead of a form', () => {
    const t = setup();
    const reply = buildFindingForm(t.core, { email: SEED.authOwner, channel: 'console' });
    expect(isForm(reply)).toBe(false);
    expect(textOf(reply as Message)).toContain('You have no audit in progress');
    expect(textOf(reply as Message)).toContain('Lena Lund (lena@acme.example)');
  });

  it('`finding <text>` opens the form with the text in the statement', async () => {
    const t = setup();
    const reply = await runChatText(chatContext(t.core, t.person(SEED.auditor)), 'finding  Server room door "propped open", 14:05');
    expect(reply.kind).toBe('form');
    if (reply.kind !== 'form') return;
    const statement = reply.form.fields.find((f) => f.id === 'statement');
    expect(statement?.type === 'textarea' && statement.initial).toBe('Server room door "propped open", 14:05');
  });

  it('`finding` with no audit in progress answers with a message', async () => {
    const t = setup();
    const reply = await runChatText(chatContext(t.core, t.person(SEED.iamOwner)), 'finding');
    expect(reply.kind === 'message' && reply.message.title).toBe('No audit in progress');
  });

  it('submitting the form confirms with the finding id, and the same again after a repeat', async () => {
    const t = setup();
    const ctx = chatContext(t.core, t.person(SEED.auditor));
    const { instance, result: first } = await submitFinding(ctx, validValues({ classification: 'major', requirement: 'A.5.15' }), 'view-1');
    const again = await submitForm(ctx, instance, validValues({ classification: 'major', requirement: 'A.5.15' }), 'view-1');
    for (const r of [first, again]) {
      expect(r.ok && r.reply.kind === 'message' && r.reply.message.summary).toBe('Finding F-2027-0001 recorded: major nonconformity against A.5.15 in audit IA-2027-01.');
    }
    const text = first.ok && first.reply.kind === 'message' ? textOf(first.reply.message) : '';
    expect(text).toContain('Bo Berg (bo@acme.example) and the audit leads have been told.');
    expect(again.ok && again.reply.kind === 'message' && textOf(again.reply.message)).toContain('the finding was recorded once');
  });

  it('takes form values as platforms send them: blanks are "not given", a ticked box as "true"', async () => {
    const t = setup();
    const ctx = chatContext(t.core, t.person(SEED.auditor));
    const { result } = await submitFinding(ctx, { ...validValues({ requirement: 'a.5.19', confirmOutOfScope: 'true' }), owner: '  ', dueDate: '', auditId: 'ia-2027-01' }, 'v');
    expect(result.ok).toBe(true);
    expect(listFindings(t.core)[0]).toMatchObject({ requirement: 'A.5.19', owner: SEED.suppliersOwner, auditId: SEED.audits.iam });
  });
});

describe('the person picker', () => {
  it('finds active people by the start of their name, a word of it, or their e-mail', () => {
    const t = setup();
    expect(searchPeople(t.core, 'bo').map((p) => p.email)).toEqual([SEED.iamOwner]);
    expect(searchPeople(t.core, 'ruiz').map((p) => p.label)).toEqual(['Ana Ruiz <ana@acme.example>']);
    expect(searchPeople(t.core, 'DEE@').map((p) => p.email)).toEqual([SEED.authOwner]);
    expect(searchPeople(t.core, 'gus')).toEqual([]);
    expect(searchPeople(t.core, '', 3).map((p) => p.name)).toEqual(['Ana Ruiz', 'Bo Berg', 'Carl Chen']);
  });
});

/** RFC 4180 reader, to check that the export reads back exactly. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('auditbot export findings', () => {
  const awkward = {
    statement: 'Access reviews for "Payroll, EU" not done; 3 of 12 leavers still active.\nSecond line: Zoë Łukasiewicz, 東京 office ✓',
    evidence: 'Ticket IAM-42, "quarterly review" sheet\r\nrow 7, 8',
  };

  function seededFile() {
    const file = `${tempDir()}/auditbot.db`;
    const t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', file });
    seedSmallOrg(t);
    recordFinding(t.core, { email: SEED.auditor, channel: 'console' }, validValues({ ...awkward, requirement: 'A.5.18' }), 'k1');
    recordFinding(t.core, { email: SEED.otherAuditor, channel: 'console' }, validValues({ auditId: SEED.audits.isms, requirement: '9.2', classification: 'ofi' }), 'k2');
    t.db.$client.close();
    return file;
  }

  it('prints the register as JSON with the shape of docs/json-contracts.md', async () => {
    const file = seededFile();
    const res = await cli(['export', 'findings', '--format', 'json'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as Record<string, unknown>[];
    expect(json).toEqual([
      {
        id: 'F-2027-0001',
        auditId: 'IA-2027-01',
        classification: 'minor',
        requirement: 'A.5.18',
        statement: awkward.statement,
        evidence: awkward.evidence,
        area: 'iam',
        owner: SEED.iamOwner,
        raisedBy: SEED.auditor,
        raisedAt: '2027-01-04T10:00:00.000Z',
        actionId: 'CA-2027-0001',
        status: 'open',
        statusReason: null,
        supersededBy: null,
      },
      {
        id: 'F-2027-0002',
        auditId: 'IA-2027-02',
        classification: 'ofi',
        requirement: '9.2',
        statement: validValues().statement,
        evidence: validValues().evidence,
        area: 'isms',
        owner: SEED.lead,
        raisedBy: SEED.otherAuditor,
        raisedAt: '2027-01-04T10:00:00.000Z',
        actionId: null,
        status: 'open',
        statusReason: null,
        supersededBy: null,
      },
    ]);
    const one = await cli(['export', 'findings', '--audit', 'ia-2027-02'], { AUDITBOT_DB: file });
    expect((JSON.parse(one.stdout) as { id: string }[]).map((f) => f.id)).toEqual(['F-2027-0002']);
  });

  it('writes CSV that reads back exactly, with commas, quotes, line breaks and non-ASCII text', async () => {
    const file = seededFile();
    const json = JSON.parse((await cli(['export', 'findings', '--format', 'json'], { AUDITBOT_DB: file })).stdout) as Record<string, string | null>[];
    const res = await cli(['export', 'findings', '--format', 'csv'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    const [headers, ...rows] = parseCsv(res.stdout);
    expect(headers).toEqual(['id', 'auditId', 'classification', 'requirement', 'statement', 'evidence', 'area', 'owner', 'raisedBy', 'raisedAt', 'actionId', 'status', 'statusReason', 'supersededBy']);
    const nullable = new Set(['actionId', 'statusReason', 'supersededBy']);
    const back = rows.map((r) => Object.fromEntries((headers ?? []).map((h, i) => [h, r[i] === '' && nullable.has(h) ? null : r[i]])));
    expect(back).toEqual(json);
  });

  it('writes a Markdown table, one row per finding, line breaks kept inside the cell', async () => {
    const file = seededFile();
    const res = await cli(['export', 'findings', '--format', 'md'], { AUDITBOT_DB: file });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('# Findings register');
    expect(res.stdout).toContain('| id | auditId | classification |');
    expect(res.stdout).toContain('Access reviews for "Payroll, EU" not done; 3 of 12 leavers still active.<br>Second line');
    expect(res.stdout.split('\n').filter((l) => l.startsWith('| F-2027-'))).toHaveLength(2);
  });

  it('refuses an unknown format', async () => {
    const res = await cli(['export', 'findings', '--format', 'xml'], { AUDITBOT_DB: `${tempDir()}/a.db` });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--format must be one of json, csv, md');
  });
});
