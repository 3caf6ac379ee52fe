import { describe, expect, it } from 'vitest';
import { choosePlatform, notifyPerson } from '../../src/core/shared/notify.js';
import { makeTestCore } from '../helpers/core.js';
import { person } from '../helpers/programme-org.js';

const all = ['slack', 'teams', 'console'] as const;

describe('choosing where to notify a person', () => {
  it('uses the chat preference when that platform is on and the person has an id there', () => {
    expect(choosePlatform(person('a@x.example', null, [], { chat: 'teams', slackId: 'U1', teamsId: 'T1' }), all)).toBe('teams');
    expect(choosePlatform(person('a@x.example', null, [], { chat: 'teams', slackId: 'U1' }), all)).toBe('slack');
    expect(choosePlatform(person('a@x.example', null, [], { chat: 'teams', slackId: 'U1', teamsId: 'T1' }), ['slack', 'console'])).toBe('slack');
  });

  it('then where they last spoke to the bot, then Slack, then Teams, then the console', () => {
    expect(choosePlatform(person('a@x.example', null, [], { lastPlatform: 'teams', slackId: 'U1', teamsId: 'T1' }), all)).toBe('teams');
    expect(choosePlatform(person('a@x.example', null, [], { lastPlatform: 'console', slackId: 'U1' }), all)).toBe('console');
    expect(choosePlatform(person('a@x.example', null, [], { slackId: 'U1', teamsId: 'T1' }), all)).toBe('slack');
    expect(choosePlatform(person('a@x.example', null, [], { teamsId: 'T1' }), all)).toBe('teams');
    expect(choosePlatform(person('a@x.example', null, [], { slackId: 'U1' }), ['teams', 'console'])).toBe('console');
    expect(choosePlatform(person('a@x.example', null), all)).toBe('console');
  });

  it('queues once per key in the caller transaction', () => {
    const { core } = makeTestCore('2027-01-04T10:00:00Z', { platforms: ['slack', 'console'] });
    const p = person('a@x.example', null, [], { slackId: 'U1' });
    const message = { summary: 'Hello', blocks: [] };
    expect(core.store.transaction((tx) => notifyPerson(tx, core, p, 'test:1', message))).toBe(true);
    expect(core.store.transaction((tx) => notifyPerson(tx, core, p, 'test:1', message))).toBe(false);
    expect(core.store.transaction((tx) => tx.outbox.list())).toMatchObject([{ key: 'test:1', platform: 'slack', recipient: 'a@x.example', message }]);
  });
});
