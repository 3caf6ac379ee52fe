// Issue 5, acceptance 5: the core's findings suite, unchanged, with every submission made the
// way Teams makes it. For each submission key the actor types `finding` and gets a form card
// (the same card for the same key, as a double click resubmits the same card); the values go
// back as an Action.Submit activity on that card, and the outcome is read from the card the
// bot puts in its place: errors under fields, or the confirmation.
import type { SubmitOutcome } from '../helpers/chat.js';
import type { FormValues } from '../../src/core/message.js';
import { findingsSuite, type FindingsSuiteEnv, type FindingsSurface, type FindingSubmitter } from '../core/findings-suite.js';
import { cardErrors, cardOf, cardText, startTeamsHarness, submitDataOf } from './harness.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

async function teamsSurface(env: FindingsSuiteEnv): Promise<FindingsSurface> {
  const h = await startTeamsHarness(env.core);
  env.onCleanup(() => h.close());
  const cards = new Map<string, { data: Record<string, unknown>; cardId: string }>();

  async function cardFor(actor: PersonRecord, key: string) {
    // A card is shown to one person: another person's submission with the same key opens their own.
    const known = cards.get(`${actor.email} ${key}`);
    if (known) return known;
    const mark = h.connector.requests.length;
    await h.post(h.message(actor, 'finding'));
    const reply = h.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'));
    const card = reply && cardOf(reply);
    if (!card) throw new Error(`no form card for ${actor.email}`);
    const made = { data: submitDataOf(card), cardId: (reply.answer?.body as { id: string }).id };
    cards.set(`${actor.email} ${key}`, made);
    return made;
  }

  /** Teams sends every input as a string and leaves out the ones never touched. */
  const inputs = (values: FormValues): Record<string, string> =>
    Object.fromEntries(Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));

  const submit: FindingSubmitter = async ({ actor }, values, key): Promise<SubmitOutcome> => {
    const { data, cardId } = await cardFor(actor, key);
    const mark = h.connector.requests.length;
    const res = await h.post(h.submit(actor, { ...inputs(values), ...data }, cardId));
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${res.body}`);
    const update = h.since(mark).filter((r) => r.method === 'PUT').pop();
    const card = update && cardOf(update);
    if (!card) throw new Error('the bot did not replace the card');
    const errors = cardErrors(card);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, reply: { kind: 'message', message: { summary: String(card.fallbackText ?? ''), blocks: [] } } };
  };

  /** A typed message in the person's chat with the bot; the answer is the card it replies with. */
  const say = async (actor: PersonRecord, text: string): Promise<string> => {
    const mark = h.connector.requests.length;
    const res = await h.post(h.message(actor, text));
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${res.body}`);
    const reply = h.since(mark).find((r) => r.method === 'POST' && r.path.includes('/activities'));
    const card = reply && cardOf(reply);
    if (!card) throw new Error(`no answer to "${text}"`);
    return cardText(card);
  };

  return { submit, say };
}

findingsSuite('the Teams adapter (Adaptive Card submissions, typed messages)', teamsSurface, { platforms: ['teams', 'console'], typed: true });
