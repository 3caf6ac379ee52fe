// Issue 13 acceptance on Slack: one audit walked end to end with signed requests into the real
// Bolt receiver. Typed `/audit …` subcommands that answer with a form open it as a modal with
// the command's trigger (views.open); the modal's submission is answered in a DM.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-slack.js';
import { startHarness, type Harness } from './harness.js';
import { prepareWalk, walkAudit, type WalkDriver } from '../helpers/conduct-walk.js';
import { slackSubmit, stateFor } from '../security/platforms.js';

const slackIdOf = (h: Harness, email: string): string => {
  const id = h.core.store.transaction((tx) => tx.organisation.getPerson(email))?.slackId;
  if (!id) throw new Error(`${email} has no Slack id`);
  return id;
};

/** `audit plan IA-1` is typed as `/audit plan IA-1`; other commands after `/audit` too. */
const asSlash = (text: string): string => text.replace(/^audit\s+/, '');

/** What the modal shows in a field before anything is entered. */
function initialOf(opened: RecordedCall, field: string): string | undefined {
  const blocks = (opened.body.view as { blocks: { block_id?: string; element?: Record<string, unknown> }[] }).blocks;
  const el = blocks.find((b) => b.block_id === field)?.element;
  if (!el) return undefined;
  const option = el.initial_option as { value?: string } | undefined;
  return option?.value ?? (el.initial_value as string | undefined) ?? (el.initial_date as string | undefined);
}

function slackDriver(h: Harness): WalkDriver {
  const typed = async (email: string, text: string): Promise<RecordedCall> => {
    h.fake.reset();
    const res = await h.command('/audit', asSlash(text), slackIdOf(h, email));
    if (res.status !== 200) throw new Error(`/audit answered ${res.status}`);
    return h.fake.waitFor((c) => c.method === 'views.open' || c.method === 'response_url');
  };
  return {
    async say(email, text) {
      const call = await typed(email, text);
      if (call.method !== 'response_url') throw new Error(`${text}: opened a modal`);
      return String(call.body.text);
    },
    async open(email, text) {
      const call = await typed(email, text);
      if (call.method !== 'views.open') throw new Error(`${text}: ${String(call.body.text)}`);
      expect(call.body.trigger_id).toMatch(/\S/);
      return {
        initial: (field) => initialOf(call, field),
        async submit(values) {
          h.fake.reset();
          const ack = await slackSubmit(h, call, slackIdOf(h, email), stateFor(call, values));
          if (ack !== null) throw new Error(`${text}: ${JSON.stringify(ack)}`);
          return String((await h.fake.waitForMethod('chat.postMessage')).body.text);
        },
      };
    },
  };
}

describe('conducting an audit on Slack, end to end', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('typed /audit subcommands open their forms as modals; plan, meetings, verdicts, sample, interview, findings, report, conclusion and close', async () => {
    h = await startHarness();
    h.clock.set('2027-01-05T10:00:00Z');
    prepareWalk(h.core, h.db);
    await walkAudit(slackDriver(h), h.core);
  });
});
