// Issue 11, acceptance: a sample of each kind of cell of the authorisation matrix (matrix.ts) —
// a read command, a write command, a button that acts, a button that opens a form, and forms
// (opened with a button or by a typed command) —
// through signed Slack requests into the real Bolt receiver and activities into the real Teams
// adapter. Each cell is expected exactly as in the matrix; a refusal changes no table (besides
// what any request legitimately touches: the platform the person used last, and on Teams where
// to reach them), and a hidden one answers as the same request does where the record does not exist.
import { afterEach, describe, expect, it } from 'vitest';
import { renderMessage as slackMessage } from '../../adapters/slack/render.js';
import { pressButton, runChatText } from '../helpers/chat.js';
import { FORM_UNKNOWN } from '../../src/chat/form-instances.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import type { Harness } from '../slack/harness.js';
import { cardElements, cardText, submitDataOf } from '../teams/harness.js';
import { BUTTON_ROWS, COMMAND_ROWS, FORM_ROWS, type ButtonRow, type Cell, type CommandRow, type FormRow, type Shows } from './matrix.js';
import { actorRecord, coreFrom, dumpTables, fixtureImage, type Role } from './org.js';
import { slackAudit, slackId, slackOn, slackOpen, slackPress, slackSubmit, stateFor, teamsOn, type TeamsOn } from './platforms.js';

const command = (words: string): CommandRow => COMMAND_ROWS.find((r) => r.words === words) ?? (() => { throw new Error(`no row ${words}`); })();
const button = (id: string): ButtonRow => BUTTON_ROWS.find((r) => r.actionId === id) ?? (() => { throw new Error(`no row ${id}`); })();
const form = (id: string): FormRow => FORM_ROWS.find((r) => r.formId === id) ?? (() => { throw new Error(`no row ${id}`); })();

/** Samples: rows, and roles chosen so that each shows allowed, refused and hidden where it has them. */
const COMMANDS: [CommandRow, Role[]][] = [
  [command('action'), ['actionOwner', 'ownerManager', 'employee', 'deactivated']],
  [command('action verify'), ['auditor', 'areaOwner', 'otherAuditor']],
  [command('audit explain'), ['auditor', 'admin']],
  // Issue 13: closing is the lead auditor's; an audit lead is refused; a report is refused too.
  [command('audit close'), ['auditor', 'lead', 'otherAuditor']],
  [command('audit verdict'), ['auditor', 'areaOwner']],
];
const BUTTONS: [ButtonRow, Role[]][] = [
  [button('evidence.accept'), ['auditor', 'actionOwner', 'employee']],
  [button('action.plan'), ['actionOwner', 'ownerManager', 'otherAuditor']],
];
const FORMS: [FormRow, Role[]][] = [
  [form('action.plan'), ['actionOwner', 'areaOwner', 'employee']],
  [form('evidence.more'), ['auditor', 'lead', 'otherAuditor']],
  // Issue 13: forms opened by a typed command (a modal with the command's trigger on Slack, a
  // card on Teams); only the audit's auditors record, and only the lead auditor concludes.
  [form('audit.sample'), ['auditor', 'otherAuditor', 'areaOwner']],
  [form('audit.conclude'), ['auditor', 'lead']],
];

const expectedOf = <T extends { cells: Record<Role, Cell> }>(row: T, roles: Role[]) => roles.map((role) => [role, row.cells[role]] as const);

/** The answer the same request gets in the same organisation where the record does not exist. */
async function elsewhere(role: Role, run: (ctx: ChatContext) => Promise<Reply | null>): Promise<string> {
  const twin = coreFrom(fixtureImage('empty'));
  const reply = await run({ core: twin.core, actor: actorRecord(twin, role), channel: 'console', platform: 'console' });
  if (reply?.kind !== 'message') throw new Error('the twin should answer with a message');
  return reply.message.summary;
}

const matches = (shows: Shows, text: string): boolean => shows instanceof RegExp && shows.test(text);

/** What any Slack request may change: which platform the person used last. */
const SLACK_TOUCHES = { columns: { people: ['last_platform'] } };
/** What any Teams activity may change besides: where to reach the person. */
const TEAMS_TOUCHES = { tables: ['conversation_refs'], columns: { people: ['last_platform', 'timezone'] } };

describe('the matrix on Slack (signed requests, the real Bolt receiver)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  describe.each(COMMANDS)('/audit %s', (row, roles) => {
    it.each(expectedOf(row, roles))('%s: %s', async (role, cell) => {
      h = await slackOn(row.scenario);
      const before = dumpTables(h.db, SLACK_TOUCHES);
      // `/audit explain …` is how `audit explain …` is typed as a slash command.
      const text = await slackAudit(h, row.text.replace(/^audit /, ''), slackId(h, role));
      const after = dumpTables(h.db, SLACK_TOUCHES);
      if (cell === 'allowed') {
        expect(matches(row.shows, text), text).toBe(true);
        if (row.access === 'write') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
        return;
      }
      expect(matches(row.shows, text)).toBe(false);
      expect(after).toEqual(before);
      if (cell === 'hidden') expect(text).toBe(slackMessage({ summary: await elsewhere(role, (ctx) => runChatText(ctx, row.text)), blocks: [] }).text);
    });
  });

  describe.each(BUTTONS)('button %s', (row, roles) => {
    it.each(expectedOf(row, roles))('%s: %s', async (role, cell) => {
      h = await slackOn(row.scenario);
      const before = dumpTables(h.db, { ...SLACK_TOUCHES, tables: ['form_instances'] });
      const pressed = await slackPress(h, slackId(h, role), row.actionId, row.value);
      const after = dumpTables(h.db, { ...SLACK_TOUCHES, tables: ['form_instances'] });
      if (cell === 'allowed') {
        if ('form' in row.shows) expect('modal' in pressed && (pressed.modal.body.view as { private_metadata: string }).private_metadata).toMatch(/^[A-Za-z0-9_-]{32}$/);
        else expect('text' in pressed && matches(row.shows, pressed.text)).toBe(true);
        if (row.access === 'write') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
        return;
      }
      if (!('text' in pressed)) throw new Error('a refusal opens no modal');
      expect(matches(row.shows, pressed.text)).toBe(false);
      expect(after).toEqual(before);
      if (cell === 'hidden') expect(pressed.text).toBe(slackMessage({ summary: await elsewhere(role, (ctx) => pressButton(ctx, row.actionId, row.value)), blocks: [] }).text);
    });
  });

  describe.each(FORMS)('modal %s', (row, roles) => {
    it.each(expectedOf(row, roles))('%s: %s', async (role, cell) => {
      h = await slackOn(row.scenario);
      const opener = cell === 'allowed' ? role : row.openedBy;
      const opened = await slackOpen(h, slackId(h, opener), row.open);
      if (!('modal' in opened)) throw new Error(`${opener} should get the modal`);
      const shown = await runFormOf(h, opener, row);
      const before = dumpTables(h.db, SLACK_TOUCHES);
      const ack = await slackSubmit(h, opened.modal, slackId(h, role), stateFor(opened.modal, row.values(shown)));
      if (cell === 'allowed') {
        expect(ack).toBeNull();
        expect(dumpTables(h.db, SLACK_TOUCHES)).not.toEqual(before);
        return;
      }
      // The modal was shown to someone else: refused inside it, and nothing changes.
      expect(ack?.response_action).toBe('errors');
      expect(Object.values(ack?.errors ?? {}).join(' ')).toBe(FORM_UNKNOWN);
      expect(dumpTables(h.db, SLACK_TOUCHES)).toEqual(before);
    });
  });
});

/** The neutral form a role is shown for a row (for its valid answers), through the core path. */
async function runFormOf(h: { core: Harness['core']; db: Harness['db']; clock: Harness['clock'] }, role: Role, row: FormRow) {
  const ctx: ChatContext = { core: h.core, actor: actorRecord(h, role), channel: 'console', platform: 'console' };
  const reply = 'actionId' in row.open ? await pressButton(ctx, row.open.actionId, row.open.value) : await runChatText(ctx, row.open.text);
  if (reply?.kind !== 'form') throw new Error(`${role} should get the form`);
  return reply.form;
}

describe('the matrix on Teams (activities into the real CloudAdapter)', () => {
  let t: TeamsOn | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  describe.each(COMMANDS)('typed %s', (row, roles) => {
    it.each(expectedOf(row, roles))('%s: %s', async (role, cell) => {
      t = await teamsOn(row.scenario);
      await t.say(role, 'help');
      const before = dumpTables(t.db, TEAMS_TOUCHES);
      const { summary } = await t.say(role, row.text);
      const after = dumpTables(t.db, TEAMS_TOUCHES);
      if (cell === 'allowed') {
        expect(matches(row.shows, summary), summary).toBe(true);
        if (row.access === 'write') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
        return;
      }
      expect(matches(row.shows, summary)).toBe(false);
      expect(after).toEqual(before);
      if (cell === 'hidden') expect(summary).toBe(await elsewhere(role, (ctx) => runChatText(ctx, row.text)));
    });
  });

  describe.each(BUTTONS)('button %s', (row, roles) => {
    it.each(expectedOf(row, roles))('%s: %s', async (role, cell) => {
      t = await teamsOn(row.scenario);
      await t.say(role, 'help');
      const before = dumpTables(t.db, { ...TEAMS_TOUCHES, tables: [...TEAMS_TOUCHES.tables, 'form_instances'] });
      const { card, summary } = await t.press(role, { action: row.actionId, value: row.value });
      const after = dumpTables(t.db, { ...TEAMS_TOUCHES, tables: [...TEAMS_TOUCHES.tables, 'form_instances'] });
      const isForm = cardElements(card).some((e) => e.type.startsWith('Input.'));
      if (cell === 'allowed') {
        if ('form' in row.shows) expect(isForm).toBe(true);
        else expect(matches(row.shows, summary), summary).toBe(true);
        if (row.access === 'write') expect(after).not.toEqual(before);
        else expect(after).toEqual(before);
        return;
      }
      expect(isForm).toBe(false);
      expect(matches(row.shows, summary)).toBe(false);
      expect(after).toEqual(before);
      if (cell === 'hidden') expect(summary).toBe(await elsewhere(role, (ctx) => pressButton(ctx, row.actionId, row.value)));
    });
  });

  describe.each(FORMS)('card %s', (row, roles) => {
    it.each(expectedOf(row, roles))('%s: %s', async (role, cell) => {
      t = await teamsOn(row.scenario);
      const opener = cell === 'allowed' ? role : row.openedBy;
      await t.say(role, 'help');
      const opened = 'actionId' in row.open ? await t.press(opener, { action: row.open.actionId, value: row.open.value }) : await t.say(opener, row.open.text);
      const shown = await runFormOf(t, opener, row);
      const before = dumpTables(t.db, TEAMS_TOUCHES);
      const answer = await t.submit(role, { ...submitDataOf(opened.card), ...row.values(shown) }, opened.cardId);
      if (cell === 'allowed') {
        expect(cardElements(answer).some((e) => e.type.startsWith('Input.'))).toBe(false);
        expect(dumpTables(t.db, TEAMS_TOUCHES)).not.toEqual(before);
        return;
      }
      expect(cardText(answer)).toBe(FORM_UNKNOWN);
      expect(dumpTables(t.db, TEAMS_TOUCHES)).toEqual(before);
    });
  });
});
