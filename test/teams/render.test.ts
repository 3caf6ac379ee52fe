// The Teams renderer's escaping, with the same rule as Slack: nothing a person typed becomes a
// mention, a link or formatting. A CommonMark reader (backslash escapes) shows the text exactly
// as typed; no raw Markdown or mention syntax survives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderForm, renderMessage } from '../../adapters/teams/render.js';
import type { Message } from '../../src/core/message.js';
import { makeTestCore } from '../helpers/core.js';
import { SEED, seedSmallOrg } from '../helpers/seed.js';
import { SUITE_NOW, validValues } from '../core/findings-suite.js';
import { cardElements, cardOf, cardText, startTeamsHarness, submitDataOf } from './harness.js';

const TYPED = 'See <at>x</at> and [click](https://x.example) then <!channel> **now** _here_ `code` # not a heading';

/** What a Markdown reader shows for escaped text: each backslash escape becomes its character. */
const shown = (escaped: string): string => escaped.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Markdown syntax left unescaped: an opening bracket, angle bracket, emphasis, code or heading mark. */
const RAW_SYNTAX = /(?<!\\)(?:\\\\)*[[\]()<>*_`#~|]/;

describe('Teams: escaping what people typed', () => {
  it('escapes mentions, links and emphasis so they show literally', () => {
    const escaped = escapeMarkdown(TYPED);
    expect(escaped).toContain('\\<at\\>x\\</at\\>');
    expect(escaped).toContain('\\[click\\]\\(https://x.example\\)');
    expect(escaped).toContain('\\<\\!channel\\>');
    expect(escaped).not.toMatch(RAW_SYNTAX);
    expect(shown(escaped)).toBe(TYPED);
  });

  it('escapes list, quote and heading marks at the start of a line', () => {
    const typed = '- one\n+ two\n1. three\n> quote\n= setext\n  42) four';
    const escaped = escapeMarkdown(typed);
    for (const line of escaped.split('\n')) expect(line).toMatch(/^\s*(\\[-+=>]|\d+\\[.)])/);
    expect(shown(escaped)).toBe(typed);
  });

  it('shows any text exactly as typed, with no Markdown syntax left raw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (typed) => {
        const escaped = escapeMarkdown(typed);
        expect(shown(escaped)).toBe(typed.replace(/\r\n?/g, '\n'));
        expect(escaped).not.toMatch(RAW_SYNTAX);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes every text the renderer puts in a TextBlock or Fact, and adds no mention entities', () => {
    const m: Message = {
      summary: TYPED,
      title: TYPED,
      blocks: [
        { type: 'text', text: TYPED },
        { type: 'fields', fields: [{ label: TYPED, value: TYPED }] },
        { type: 'list', title: TYPED, items: [TYPED], more: 1, moreHint: TYPED },
        { type: 'context', text: TYPED },
      ],
    };
    const activity = renderMessage(m);
    const card = activity.attachments[0].content;
    const texts = cardElements(card as unknown as Record<string, unknown>).flatMap((e) =>
      e.type === 'TextBlock' ? [String(e.text)] : e.type === 'FactSet' ? (e.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]) : [],
    );
    expect(texts.length).toBeGreaterThanOrEqual(7);
    for (const t of texts) expect(t).not.toMatch(RAW_SYNTAX);
    expect(JSON.stringify(activity)).not.toContain('"entities"');
    // Only the plain-text fallbacks (notification preview, non-card clients) keep the text unescaped.
    expect(JSON.stringify(card.body)).not.toContain('<at>');
    expect(card.fallbackText).toBe(TYPED);
  });

  it('shows a finding statement literally in the form, the confirmation and the owner notification', async () => {
    const t = makeTestCore(SUITE_NOW, { timezone: 'Europe/London', platforms: ['teams', 'console'] });
    seedSmallOrg(t);
    const h = await startTeamsHarness(t.core);
    try {
      const ana = t.core.store.transaction((tx) => tx.organisation.getPerson(SEED.auditor))!;
      await h.post(h.message(ana, `finding ${TYPED}`));
      const formReply = h.connector.sent().at(-1)!;
      const form = cardOf(formReply)!;
      // An input's value is plain text (never rendered as Markdown): kept exactly as typed.
      expect(cardElements(form).find((e) => e.id === 'statement')?.value).toBe(TYPED);
      const value = { ...submitDataOf(form), ...Object.fromEntries(Object.entries(validValues({ statement: TYPED, evidence: TYPED })).map(([k, v]) => [k, String(v)])) };
      await h.post(h.submit(ana, value, (formReply.answer?.body as { id: string }).id));
      await h.dispatcher.runOnce();
      const notification = cardOf(h.connector.sent().at(-1)!)!;
      const text = cardText(notification);
      expect(text).toContain(escapeMarkdown(TYPED));
      expect(shown(text)).toContain(TYPED);
      expect(text).not.toContain('<at>');
      expect(text).not.toContain('[click](');
      expect(JSON.stringify(h.connector.sent().at(-1)!.body)).not.toContain('"entities"');
    } finally {
      await h.close();
    }
  });

  it('leaves form inputs, choices and button titles as plain text (Teams does not read Markdown there)', () => {
    const activity = renderForm(
      { id: 'f', title: 'T', submitLabel: 'Send [now]', fields: [{ id: 'a', label: 'Pick <one>', type: 'select', required: true, options: [{ value: 'v', label: '[x](y)' }] }] },
      { instance: 'i', choices: () => [] },
    );
    const els = cardElements(activity.attachments[0].content as unknown as Record<string, unknown>);
    expect(els.find((e) => e.id === 'a')).toMatchObject({ label: 'Pick <one>', choices: [{ title: '[x](y)', value: 'v' }] });
    expect(els.find((e) => e.type === 'Action.Submit')).toMatchObject({ title: 'Send [now]' });
  });
});
