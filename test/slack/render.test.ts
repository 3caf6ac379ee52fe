// The Block Kit renderer: every message and view stays within Slack's limits whatever the core
// hands it (property-based), and nothing a person typed reaches Slack unescaped.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMetadata,
  escapeSlack,
  fitEscaped,
  buttonIdOf,
  readFormValues,
  renderBlocks,
  renderForm,
  renderHome,
  renderMessage,
  SLACK_LIMITS,
  toViewErrors,
} from '../../adapters/slack/render.js';
import type { Block, Form, FormField, Message } from '../../src/core/message.js';

/** A form instance id as src/chat/form-instances.ts makes them. */
const INSTANCE = 'Zq3v8Xw1-_r5T0pLmN2bC4dE6fG7hI9j';

type Json = Record<string, unknown>;

/** Text heavy in the characters Slack treats specially, and in ones that escape to more. */
const typed = (maxLength: number) =>
  fc.string({ unit: fc.oneof(fc.constantFrom('&', '<', '>', '!', '@', '|', '^', ' ', '\n', '*', 'é', '😀'), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789')), maxLength });

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: typed(7000) }),
  fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: typed(300), value: typed(2500) }), { maxLength: 25 }) }),
  fc.record(
    {
      type: fc.constant('list' as const),
      title: typed(300),
      items: fc.array(typed(400), { maxLength: 150 }),
      more: fc.nat(500),
      moreHint: typed(200),
    },
    { requiredKeys: ['type', 'items'] },
  ),
  fc.record({
    type: fc.constant('buttons' as const),
    buttons: fc.array(
      fc.record({ id: fc.constantFrom('evidence.submit', 'action.verify', 'x'.repeat(300)), label: typed(120), value: typed(2500), style: fc.constantFrom('primary' as const, 'danger' as const) }, { requiredKeys: ['id', 'label', 'value'] }),
      { maxLength: 40 },
    ),
  }),
  fc.record({ type: fc.constant('context' as const), text: typed(4000) }),
  fc.constant({ type: 'divider' as const }),
);

const message: fc.Arbitrary<Message> = fc.record({ summary: typed(5000), title: fc.option(typed(400), { nil: undefined }), blocks: fc.array(block, { maxLength: 80 }) });

/** Every text object of rendered blocks: Slack parses these. */
function texts(blocks: Json[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if ((o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string') out.push(o.text);
      for (const [k, x] of Object.entries(o)) walk(x, k);
    }
  };
  walk(blocks, '');
  return out;
}

function checkBlocks(blocks: Json[], maxBlocks: number): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  let total = 0;
  const actionIds = new Set<string>();
  for (const b of blocks) {
    switch (b.type) {
      case 'section': {
        const text = b.text as { text: string } | undefined;
        const fields = (b.fields as { text: string }[] | undefined) ?? [];
        if (text) {
          expect(text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
          expect(text.text.trim()).not.toBe('');
          total += text.text.length;
        }
        expect(fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
        for (const f of fields) {
          expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
          total += f.text.length;
        }
        expect(text !== undefined || fields.length > 0).toBe(true);
        break;
      }
      case 'header': {
        const t = (b.text as { text: string }).text;
        expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
        total += t.length;
        break;
      }
      case 'context': {
        const elements = b.elements as { text: string }[];
        expect(elements.length).toBeGreaterThan(0);
        expect(elements.length).toBeLessThanOrEqual(10);
        for (const e of elements) {
          expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.contextText);
          total += e.text.length;
        }
        break;
      }
      case 'actions': {
        const elements = b.elements as { text: { text: string }; action_id: string; value: string }[];
        expect(elements.length).toBeGreaterThan(0);
        expect(elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
        for (const e of elements) {
          expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
          expect(e.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
          expect(e.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
          expect(actionIds.has(e.action_id)).toBe(false);
          actionIds.add(e.action_id);
          total += e.text.text.length;
        }
        break;
      }
      case 'divider':
        break;
      default:
        throw new Error(`unexpected block type ${String(b.type)}`);
    }
  }
  expect(total).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  // Escaped everywhere: no text object carries a raw `<` or `>`, so no mention and no link.
  for (const t of texts(blocks)) {
    expect(t).not.toMatch(/[<>]/);
    expect(t.length).toBeGreaterThan(0);
  }
}

describe('renderMessage (property)', () => {
  it('stays within every Slack limit and escapes every text, whatever the message', () => {
    fc.assert(
      fc.property(message, (m) => {
        const { text, blocks } = renderMessage(m);
        checkBlocks(blocks as unknown as Json[], SLACK_LIMITS.messageBlocks);
        expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
        expect(text).not.toMatch(/[<>]/);
      }),
      { numRuns: 150 },
    );
  });

  it('stays within the App Home limits', () => {
    fc.assert(
      fc.property(message, (m) => {
        const home = renderHome(m);
        checkBlocks(home.blocks as unknown as Json[], SLACK_LIMITS.surfaceBlocks);
      }),
      { numRuns: 75 },
    );
  });
});

const field: fc.Arbitrary<FormField> = fc.oneof(
  fc.record({ id: fc.constantFrom('a', 'b', 'statement'), label: typed(200), required: fc.boolean(), type: fc.constant('textarea' as const), initial: typed(3500), maxLength: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({
    id: fc.constantFrom('auditId', 'c'),
    label: typed(200),
    required: fc.boolean(),
    type: fc.constant('select' as const),
    options: fc.array(fc.record({ value: fc.string({ maxLength: 30 }), label: typed(200) }), { maxLength: 140 }),
  }),
  fc.record({ id: fc.constant('requirement'), label: typed(50), required: fc.boolean(), type: fc.constant('search' as const), source: fc.constantFrom('requirement' as const, 'person' as const), initial: fc.record({ value: fc.string({ maxLength: 20 }), label: typed(200) }) }),
  fc.record({ id: fc.constant('d'), label: typed(50), required: fc.boolean(), type: fc.constant('checkbox' as const), text: typed(200) }),
  fc.record({ id: fc.constant('due'), label: typed(50), required: fc.boolean(), type: fc.constant('date' as const), initial: fc.constantFrom('2027-02-01', 'tomorrow') }),
);

describe('renderForm (property)', () => {
  it('gives a modal within the view limits: title, buttons, options, metadata', () => {
    fc.assert(
      fc.property(
        fc.record({ id: fc.constant('finding.record'), title: typed(100), submitLabel: typed(100), intro: typed(4000), fields: fc.array(field, { maxLength: 12 }), context: fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)), fc.string({ maxLength: 40 }), { maxKeys: 5 }) }),
        (form: Form) => {
          const view = renderForm(form, INSTANCE);
          expect(view.title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.viewTitle);
          expect(view.submit?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.viewButton);
          expect(view.close?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.viewButton);
          expect(view.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.surfaceBlocks);
          expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
          // Only the instance id travels: nothing of the form's context or fields.
          expect(view.private_metadata).toBe(INSTANCE);
          expect(decodeMetadata(view.private_metadata)).toBe(INSTANCE);
          for (const b of view.blocks as unknown as Json[]) {
            const element = b.element as Json | undefined;
            const options = (element?.options as { text: { text: string }; value: string }[] | undefined) ?? [];
            expect(options.length).toBeLessThanOrEqual(SLACK_LIMITS.options);
            for (const o of options) {
              expect(o.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
              expect(o.value.length).toBeLessThanOrEqual(SLACK_LIMITS.optionValue);
            }
            if (element?.type === 'plain_text_input' && element.max_length !== undefined) {
              expect(element.max_length as number).toBeLessThanOrEqual(SLACK_LIMITS.inputMaxLength);
              expect(String(element.initial_value ?? '').length).toBeLessThanOrEqual(element.max_length as number);
            }
          }
          for (const t of texts(view.blocks as unknown as Json[])) expect(t).not.toMatch(/[<>]/);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('rendering details', () => {
  it('reads back only a form instance id from private_metadata, never a form or its context', () => {
    expect(decodeMetadata(INSTANCE)).toBe(INSTANCE);
    for (const forged of [JSON.stringify({ f: 'finding.record', c: { auditId: 'IA-2027-01', area: 'facilities' } }), `${INSTANCE}x`, INSTANCE.slice(1), '', undefined]) {
      expect(decodeMetadata(forged)).toBeNull();
    }
  });

  it('escapes &, < and > so mentions and links show literally', () => {
    expect(escapeSlack('<!channel> <@U0123> <!subteam^S1> <https://x.example|click> a&b')).toBe('&lt;!channel&gt; &lt;@U0123&gt; &lt;!subteam^S1&gt; &lt;https://x.example|click&gt; a&amp;b');
  });

  it('cuts escaped text between characters, never inside an entity or an emoji', () => {
    expect(fitEscaped('ab<cd', 5)).toBe('ab…');
    expect(fitEscaped('a😀b', 3)).toBe('a…');
    expect(fitEscaped('short', 10)).toBe('short');
  });

  it('summarises what does not fit as "and N more" with the count of items left out', () => {
    const items = Array.from({ length: 400 }, (_, i) => `Item ${i} ${'x'.repeat(90)}`);
    const blocks = renderBlocks({ blocks: [{ type: 'list', items }] }, SLACK_LIMITS.messageBlocks) as unknown as Json[];
    const last = blocks[blocks.length - 1] as { type: string; elements: { text: string }[] };
    expect(last.type).toBe('context');
    const shown = blocks.filter((b) => b.type === 'section').reduce((n, b) => n + String((b.text as { text: string }).text).split('\n').length, 0);
    expect(last.elements[0]?.text).toBe(`…and ${400 - shown} more not shown here.`);
    expect(shown).toBeGreaterThan(50);
  });

  it('keeps a message that fits whole, with a header, fields and unique button ids', () => {
    const { blocks } = renderMessage({
      summary: 'Finding F-2027-0001 recorded',
      title: 'Finding recorded',
      blocks: [
        { type: 'fields', fields: [{ label: 'Finding', value: 'F-2027-0001' }] },
        { type: 'buttons', buttons: [{ id: 'action.verify', label: 'Verify', value: 'CA-1' }, { id: 'action.verify', label: 'Verify', value: 'CA-2' }] },
      ],
    }) as unknown as { blocks: Json[] };
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
    const ids = (blocks[2]?.elements as { action_id: string }[]).map((e) => e.action_id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(buttonIdOf)).toEqual(['action.verify', 'action.verify']);
  });

  it('reads submitted values back by block id and puts errors on input blocks only', () => {
    const values = readFormValues({
      values: {
        auditId: { value: { type: 'static_select', selected_option: { value: 'IA-2027-01' } } },
        requirement: { 'search.requirement': { type: 'external_select', selected_option: null } },
        statement: { value: { type: 'plain_text_input', value: 'seen' } },
        confirmOutOfScope: { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
        dueDate: { value: { type: 'datepicker', selected_date: '2027-02-01' } },
      },
    });
    expect(values).toEqual({ auditId: 'IA-2027-01', requirement: undefined, statement: 'seen', confirmOutOfScope: true, dueDate: '2027-02-01' });
    const view = { blocks: [{ type: 'section' }, { type: 'input', block_id: 'auditId' }, { type: 'input', block_id: 'statement' }] };
    expect(toViewErrors({ statement: 'Too <long>', _form: 'Try again', area: 'No area' }, view)).toEqual({ statement: 'Too &lt;long&gt;', auditId: 'Try again No area' });
  });
});
