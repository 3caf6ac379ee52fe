// Issue 13 acceptance on Teams: one audit walked end to end with activities into the real
// CloudAdapter and a fake Bot Connector. A typed command that answers with a form gets the form
// card; its Action.Submit comes back on that card, which is replaced by the answer.
import { afterEach, describe, it } from 'vitest';
import { makeTestCore } from '../helpers/core.js';
import { prepareWalk, walkAudit, type Entered, type WalkDriver } from '../helpers/conduct-walk.js';
import { seedSmallOrg } from '../helpers/seed.js';
import type { PersonRecord } from '../../src/core/shared/people.js';
import { cardElements, cardOf, startTeamsHarness, submitDataOf, type TeamsHarness } from './harness.js';

interface Answer {
  card: Record<string, unknown>;
  cardId: string;
  summary: string;
}

function teamsDriver(h: TeamsHarness, person: (email: string) => PersonRecord): WalkDriver {
  const answerSince = (mark: number): Answer => {
    const last = h.since(mark).filter((r) => (r.method === 'POST' && r.path.includes('/activities')) || r.method === 'PUT').at(-1);
    const card = last && cardOf(last);
    if (!last || !card) throw new Error('the bot answered with no card');
    return { card: card as Record<string, unknown>, cardId: String((last.answer?.body as { id?: string } | undefined)?.id ?? ''), summary: String(last.body.summary ?? '') };
  };
  const post = async (activity: Record<string, unknown>): Promise<Answer> => {
    const mark = h.connector.requests.length;
    const res = await h.post(activity);
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
    return answerSince(mark);
  };
  const isForm = (card: Record<string, unknown>) => cardElements(card).some((e) => e.type.startsWith('Input.'));
  // Teams sends a toggle's value as the string "true" or "false".
  const asInputs = (values: Entered) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]));
  return {
    async say(email, text) {
      const answer = await post(h.message(person(email), text));
      if (isForm(answer.card)) throw new Error(`${text}: answered with a form`);
      return answer.summary;
    },
    async open(email, text) {
      const opened = await post(h.message(person(email), text));
      if (!isForm(opened.card)) throw new Error(`${text}: ${opened.summary}`);
      return {
        initial: (field) => {
          const value = cardElements(opened.card).find((e) => e.id === field)?.value;
          return typeof value === 'string' ? value : undefined;
        },
        async submit(values) {
          const answer = await post(h.submit(person(email), { ...submitDataOf(opened.card), ...asInputs(values) }, opened.cardId));
          if (isForm(answer.card)) throw new Error(`${text}: the card came back with ${JSON.stringify(answer.card).slice(0, 500)}`);
          return answer.summary;
        },
      };
    },
  };
}

describe('conducting an audit on Teams, end to end', () => {
  let h: TeamsHarness | undefined;
  let closeDb: (() => void) | undefined;
  afterEach(async () => {
    await h?.close();
    closeDb?.();
    h = undefined;
  });

  it('typed commands answer with form cards; plan, meetings, verdicts, sample, interview, findings, report, conclusion and close', async () => {
    const t = makeTestCore('2027-01-05T10:00:00Z', { timezone: 'Europe/London', platforms: ['teams', 'console'] });
    closeDb = () => t.db.$client.close();
    seedSmallOrg(t);
    prepareWalk(t.core, t.db);
    h = await startTeamsHarness(t.core);
    const person = (email: string): PersonRecord => {
      const p = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
      if (!p) throw new Error(email);
      return p;
    };
    await walkAudit(teamsDriver(h, person), t.core);
  });
});
