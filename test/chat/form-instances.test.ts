// Form instances and the values a submission may carry (src/chat/form-instances.ts,
// form-values.ts), through the chat surface every adapter calls: the form and its context come
// from the server, only offered fields and choices are accepted, and an instance is good for
// the person it was shown to, for a day. A repeated submission is still recorded once.
import { describe, expect, it } from 'vitest';
import { pressButton, runChatText, submitForm } from '../helpers/chat.js';
import { FORM_EXPIRED, FORM_UNKNOWN, issueFormInstance } from '../../src/chat/form-instances.js';
import type { ChatContext } from '../../src/chat/types.js';
import type { FormValues } from '../../src/core/message.js';
import type { TestCore } from '../helpers/core.js';
import { SEED } from '../helpers/seed.js';
import { actorRecord, coreFrom, dumpTables, fixtureImage, IDS, type Role } from '../security/org.js';

const chatAs = (t: TestCore, role: Role): ChatContext => ({ core: t.core, actor: actorRecord(t, role), channel: 'console', platform: 'console' });

const FINDING: FormValues = { auditId: IDS.audit, classification: 'minor', requirement: 'A.5.15', statement: 'Leavers keep access.', evidence: 'HR leavers list vs IdP export.', confirmOutOfScope: false };

async function findingForm(t: TestCore, role: Role = 'auditor') {
  const reply = await runChatText(chatAs(t, role), 'finding');
  if (reply.kind !== 'form') throw new Error('expected the finding form');
  return reply;
}

const findings = (t: TestCore) => t.core.store.transaction((tx) => tx.findings.list());

describe('form instances', () => {
  it('stores the form as shown, with who it was shown to, on which platform and until when', async () => {
    const t = coreFrom(fixtureImage('base'));
    const { form, instance } = await findingForm(t);
    expect(instance).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(t.core.store.transaction((tx) => tx.formInstances.get(instance))).toEqual({
      id: instance,
      formId: 'finding.record',
      person: SEED.auditor,
      platform: 'console',
      form,
      createdAt: '2027-01-04T10:00:00.000Z',
      expiresAt: '2027-01-05T10:00:00.000Z',
    });
  });

  it('records a submission once, however often it arrives', async () => {
    const t = coreFrom(fixtureImage('base'));
    const { instance } = await findingForm(t);
    const first = await submitForm(chatAs(t, 'auditor'), instance, FINDING, 'k1');
    const again = await submitForm(chatAs(t, 'auditor'), instance, FINDING, 'k1');
    expect(first.ok && again.ok).toBe(true);
    expect(findings(t)).toHaveLength(3);
    expect(again.ok && again.reply.kind === 'message' && JSON.stringify(again.reply.message)).toContain('recorded once');
  });

  it('refuses an unknown or malformed instance, one shown to someone else, and an expired one, changing nothing', async () => {
    const t = coreFrom(fixtureImage('base'));
    const { instance } = await findingForm(t);
    const before = dumpTables(t.db);
    for (const [role, id] of [['auditor', 'A'.repeat(32)], ['auditor', '../etc/passwd'], ['auditor', 42], ['lead', instance]] as const) {
      const result = await submitForm(chatAs(t, role), id, FINDING, 'k');
      expect(result).toEqual({ ok: false, errors: { _form: FORM_UNKNOWN } });
    }
    t.clock.set('2027-01-05T10:00:00Z');
    expect(await submitForm(chatAs(t, 'auditor'), instance, FINDING, 'k')).toEqual({ ok: false, errors: { _form: FORM_EXPIRED } });
    expect(dumpTables(t.db)).toEqual(before);
    // A week after it expired it is forgotten, the next time a form is shown.
    t.clock.set('2027-01-12T10:00:01Z');
    await findingForm(t, 'lead');
    expect(await submitForm(chatAs(t, 'auditor'), instance, FINDING, 'k')).toEqual({ ok: false, errors: { _form: FORM_UNKNOWN } });
  });

  it('acts on the context stored with the form, whatever else is sent', async () => {
    const t = coreFrom(fixtureImage('base'));
    const reply = await pressButton(chatAs(t, 'actionOwner'), 'evidence.snooze', IDS.request);
    if (reply?.kind !== 'form') throw new Error('Dee should get the snooze form');
    // A form with another request in its context, made up by a client, never reaches the store.
    const forged = issueFormInstance(chatAs(t, 'actionOwner'), { ...reply.form, context: { requestId: '1' } });
    const before = dumpTables(t.db, { tables: ['form_instances'] });
    const refused = await submitForm(chatAs(t, 'actionOwner'), forged, { days: '1' }, 'k');
    expect(refused.ok ? {} : refused.errors).toEqual({ requestId: 'There is no evidence request #1.' });
    expect(dumpTables(t.db, { tables: ['form_instances'] })).toEqual(before);
    expect((await submitForm(chatAs(t, 'actionOwner'), reply.instance, { days: '1', requestId: '1' }, 'k')).ok).toBe(false);
    expect((await submitForm(chatAs(t, 'actionOwner'), reply.instance, { days: '1' }, 'k')).ok).toBe(true);
    expect(t.core.store.transaction((tx) => [tx.evidence.get(1)?.snoozeCount, tx.evidence.get(3)?.snoozeCount])).toEqual([0, 1]);
  });
});

describe('values a form accepts', () => {
  const cases: { name: string; values: FormValues; errors: Record<string, RegExp> }[] = [
    { name: 'a field the form does not have', values: { ...FINDING, area: 'suppliers' }, errors: { _form: /^This form has no field "area", so nothing was saved/ } },
    { name: 'fields that would reach the prototype', values: JSON.parse('{"__proto__": {"x": 1}, "constructor": "y"}') as FormValues, errors: { _form: /^This form has no field "__proto__", "constructor"/ } },
    { name: 'an audit the form did not offer', values: { ...FINDING, auditId: 'IA-2027-02' }, errors: { auditId: /^"IA-2027-02" is not one of the choices this form offered for Audit\./ } },
    { name: 'a classification the form did not offer', values: { ...FINDING, classification: 'critical' }, errors: { classification: /^"critical" is not one of the choices/ } },
    { name: 'a requirement its search would never return', values: { ...FINDING, requirement: 'A.99.1' }, errors: { requirement: /^"A\.99\.1" is not a clause or control of ISO\/IEC 27001:2022/ } },
    { name: 'a person who is not active', values: { ...FINDING, owner: SEED.leaver }, errors: { owner: /^Nobody with the e-mail gus@acme\.example is active/ } },
    { name: 'a person who is not an e-mail address', values: { ...FINDING, owner: 'Bo' }, errors: { owner: /^"Bo" is not an e-mail address/ } },
    { name: 'a tick box that is neither ticked nor not', values: { ...FINDING, confirmOutOfScope: 'maybe' }, errors: { confirmOutOfScope: /^Tick the box, or leave it empty\./ } },
    { name: 'a value far longer than its field takes', values: { ...FINDING, statement: 'x'.repeat(20_001) }, errors: { statement: /^That is 20,001 characters; the limit is 3,000/ } },
  ];

  it.each(cases)('refuses $name, changing nothing', async ({ values, errors }) => {
    const t = coreFrom(fixtureImage('base'));
    const { instance } = await findingForm(t);
    const before = dumpTables(t.db);
    const result = await submitForm(chatAs(t, 'auditor'), instance, values, 'k');
    expect(result.ok).toBe(false);
    const got = result.ok ? {} : result.errors;
    expect(Object.keys(got).sort()).toEqual(Object.keys(errors).sort());
    for (const [field, says] of Object.entries(errors)) expect(got[field]).toMatch(says);
    expect(dumpTables(t.db)).toEqual(before);
  });

  it('takes an offered option whatever its case, and a person by their e-mail in any case', async () => {
    const t = coreFrom(fixtureImage('base'));
    const { instance } = await findingForm(t);
    const result = await submitForm(chatAs(t, 'auditor'), instance, { ...FINDING, auditId: 'ia-2027-01', classification: 'MINOR', owner: ' Mo@Acme.Example ' }, 'k');
    expect(result.ok).toBe(true);
    expect(findings(t).at(-1)).toMatchObject({ auditId: IDS.audit, classification: 'minor', owner: 'mo@acme.example' });
  });
});
