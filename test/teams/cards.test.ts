// Issue 5, acceptance 2 (cards): every card the bot can send is a valid Adaptive Card 1.5 and
// fits Teams' 40 KB message limit. Shown three ways: every card the bot actually sent in an
// end-to-end session (each chat command, the finding form with and without errors, the
// confirmation, the owner's notification, the outsider answer, the welcomes); and, for any
// neutral message or form at all, a property test over the renderer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBytes, renderForm, renderMessage } from '../../adapters/teams/render.js';
import { defaultRegistry } from '../../src/chat/default-registry.js';
import type { Block, Form, FormField, Message } from '../../src/core/message.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SUITE_NOW, validValues } from '../core/findings-suite.js';
import { cardOf, startTeamsHarness, submitDataOf, TENANT, BOT, type TeamsHarness } from './harness.js';
import { adaptiveCardValidator, type Validate } from './schemas.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const TEAMS_LIMIT = 40 * 1024;

describe('Teams cards against the Adaptive Card 1.5 schema (test/schemas)', () => {
  let validate: Validate;
  beforeAll(() => {
    validate = adaptiveCardValidator();
  });

  describe('every card the bot sent in a session', () => {
    let t: TestCore;
    let h: TeamsHarness;
    const person = (email: string): PersonRecord => t.core.store.transaction((tx) => tx.organisation.getPerson(email))!;

    beforeAll(async () => {
      t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
      seedSmallOrg(t);
      h = await startTeamsHarness(t.core);
      const lead = person(SEED.lead);
      const ana = person(SEED.auditor);
      // Welcomes: personal install and team install.
      await h.post({ ...h.message(ana, ''), type: 'conversationUpdate', text: undefined, membersAdded: [BOT] });
      await h.post({
        ...h.message(lead, ''),
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [BOT],
        conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: TENANT },
      });
      // Every chat command, typed bare by the lead (lead commands answer with their usage).
      for (const text of ['help', 'no such command', ...defaultRegistry.commands.map((c) => c.words.join(' '))]) await h.post(h.message(lead, text));
      // The finding form, refused with errors on every field we can get wrong at once, then recorded.
      const mark = h.connector.requests.length;
      await h.post(h.message(ana, 'finding <at>x</at> [click](https://x.example) <!channel>'));
      const formReply = h.since(mark).find((r) => r.method === 'POST')!;
      const data = submitDataOf(cardOf(formReply)!);
      const cardId = (formReply.answer?.body as { id: string }).id;
      await h.post(h.submit(ana, { ...data, auditId: 'IA-2027-99', classification: 'critical', requirement: 'nope', statement: '', evidence: 'x'.repeat(3001), owner: 'bo', dueDate: '2027-02-30' }, cardId));
      await h.post(h.submit(ana, { ...data, ...Object.fromEntries(Object.entries(validValues({ classification: 'major', requirement: 'A.5.15', dueDate: '2027-02-15' })).map(([k, v]) => [k, String(v)])) }, cardId));
      // A card the bot cannot read, and someone who is not in the organisation file.
      await h.post(h.submit(ana, { something: 'else' }));
      await h.post(h.message({ ...ana, teamsId: 'ffffffff-0000-4000-8000-000000000000', name: 'Stranger' }, 'help'));
      // The notifications (owner, and the leads for a major nonconformity), delivered proactively.
      await h.dispatcher.runOnce();
    });

    afterAll(async () => {
      await h.close();
    });

    it('sent cards of every kind, each one valid and under 40 KB', () => {
      const withCards = h.connector.requests.filter((r) => cardOf(r));
      // help, unknown command, each command, form, form with errors, confirmation, unreadable card, outsider, 2 welcomes, 2 notifications
      expect(withCards.length).toBeGreaterThanOrEqual(defaultRegistry.commands.length + 10);
      for (const r of withCards) {
        expect({ path: r.path, errors: validate(cardOf(r)) }).toEqual({ path: r.path, errors: [] });
        expect(Buffer.byteLength(JSON.stringify(r.body))).toBeLessThanOrEqual(TEAMS_LIMIT);
        expect(typeof r.body.summary).toBe('string');
      }
      expect(h.connector.updated().length).toBe(2);
      expect(h.connector.created().length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('any neutral message or form', () => {
    const special = fc.constantFrom('<at>x</at>', '[click](https://x.example)', '<!channel>', '*', '_', '#', '`', '\\', '\n', '- ', '1. ', '&amp;', '|', '~', 'é', '🔐', ' ', 'a', 'word ');
    const text = (max: number) => fc.array(special, { maxLength: max }).map((parts) => parts.join(''));
    const nonEmpty = (max: number) => text(max).map((s) => (s.trim() === '' ? 'x' : s));
    const button = fc.record({ id: nonEmpty(20), label: nonEmpty(30), value: text(40), style: fc.constantFrom(undefined, 'primary', 'danger') as fc.Arbitrary<'primary' | 'danger' | undefined> });
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({ type: fc.constant('text' as const), text: text(400) }),
      fc.record({ type: fc.constant('context' as const), text: text(100) }),
      fc.constant({ type: 'divider' as const }),
      fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: nonEmpty(10), value: text(60) }), { maxLength: 12 }) }),
      fc.record({ type: fc.constant('list' as const), title: fc.option(text(20), { nil: undefined }), items: fc.array(text(40), { maxLength: 120 }), more: fc.option(fc.nat(500), { nil: undefined }), moreHint: fc.option(text(20), { nil: undefined }) }),
      fc.record({ type: fc.constant('buttons' as const), buttons: fc.array(button, { maxLength: 8 }) }),
    );
    const message: fc.Arbitrary<Message> = fc.record({ summary: nonEmpty(80), title: fc.option(text(60), { nil: undefined }), blocks: fc.array(block, { maxLength: 25 }) });
    const option = fc.record({ value: nonEmpty(20), label: nonEmpty(40) });
    const base = { id: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,15}$/), label: nonEmpty(30), hint: fc.option(text(80), { nil: undefined }), required: fc.boolean() };
    const field: fc.Arbitrary<FormField> = fc.oneof(
      fc.record({ ...base, type: fc.constant('text' as const), initial: fc.option(text(100), { nil: undefined }), maxLength: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }) }),
      fc.record({ ...base, type: fc.constant('textarea' as const), initial: fc.option(text(600), { nil: undefined }), maxLength: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }) }),
      fc.record({ ...base, type: fc.constant('select' as const), options: fc.array(option, { maxLength: 20 }) }),
      fc.record({ ...base, type: fc.constant('search' as const), source: fc.constantFrom('requirement' as const, 'person' as const) }),
      fc.record({ ...base, type: fc.constant('date' as const) }),
      fc.record({ ...base, type: fc.constant('checkbox' as const), text: nonEmpty(60), initial: fc.option(fc.boolean(), { nil: undefined }) }),
    );
    const form: fc.Arbitrary<Form> = fc.record({
      id: nonEmpty(20),
      title: nonEmpty(40),
      submitLabel: nonEmpty(20),
      intro: fc.option(text(200), { nil: undefined }),
      fields: fc.uniqueArray(field, { selector: (f) => f.id, maxLength: 10 }),
    });
    const people = Array.from({ length: 40 }, (_, i) => ({ value: `p${i}@acme.example`, label: `Person ${i} <p${i}@acme.example>` }));
    const requirements = Array.from({ length: 127 }, (_, i) => ({ value: `A.${i}`, label: `A.${i} Some control title of a usual length` }));
    const choices = (source: 'requirement' | 'person') => (source === 'person' ? people : requirements);

    it('renders every message as a valid card within the limit', () => {
      fc.assert(
        fc.property(message, (m) => {
          const activity = renderMessage(m);
          expect(validate(activity.attachments[0].content)).toEqual([]);
          expect(activityBytes(activity)).toBeLessThanOrEqual(TEAMS_LIMIT);
        }),
        { numRuns: 150 },
      );
    });

    it('renders every form, with or without errors, as a valid card within the limit', () => {
      fc.assert(
        fc.property(form, fc.dictionary(fc.constantFrom('_form', 'a', 'b', 'x1'), text(200)), (f, extraErrors) => {
          const errors = { ...extraErrors, ...Object.fromEntries(f.fields.filter((_, i) => i % 2 === 0).map((x) => [x.id, `Fix ${x.label}`])) };
          for (const opts of [{}, { errors, values: Object.fromEntries(f.fields.map((x) => [x.id, 'typed'])) }]) {
            const activity = renderForm(f, { instance: 'instance-1', choices, ...opts });
            expect(validate(activity.attachments[0].content)).toEqual([]);
            expect(activityBytes(activity)).toBeLessThanOrEqual(TEAMS_LIMIT);
          }
        }),
        { numRuns: 150 },
      );
    });
  });

  it('cuts a long list short with "and N more", and long texts, to stay under 40 KB', () => {
    const m: Message = {
      summary: 'Lots',
      title: 'Many things',
      blocks: [
        { type: 'list', items: Array.from({ length: 400 }, (_, i) => `Item ${i}: ${'lorem ipsum '.repeat(20)}`), more: 5 },
        ...Array.from({ length: 12 }, () => ({ type: 'text' as const, text: '*'.repeat(3000) })),
      ],
    };
    const activity = renderMessage(m);
    expect(activityBytes(activity)).toBeLessThanOrEqual(TEAMS_LIMIT);
    expect(validate(activity.attachments[0].content)).toEqual([]);
    const texts = activity.attachments[0].content.body.map((e) => String(e.text));
    expect(texts.some((t) => /^… and \d+ more$/.test(t))).toBe(true);
    const shown = texts.filter((t) => t.startsWith('• ')).length;
    expect(texts.find((t) => t.startsWith('…'))).toBe(`… and ${400 - shown + 5} more`);
  });
});
