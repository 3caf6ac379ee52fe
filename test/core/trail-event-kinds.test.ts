// Every trail event the core writes is of a registered kind, with the payload its kind's schema
// describes (src/core/trail/event-kinds.ts): checked on the whole trail of a year's audit
// driven through the use cases (test/helpers/full-trail.ts), which writes every registered kind.
import { describe, expect, it } from 'vitest';
import { checkStoredEvent, TRAIL_EVENT_KINDS } from '../../src/core/trail/event-kinds.js';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { fullTrail } from '../helpers/full-trail.js';

describe('trail event kinds', () => {
  const t = fullTrail();
  const events = t.core.store.transaction((tx) => tx.trail.list());

  it('every stored event is of a registered kind and matches its schema', () => {
    const problems = events.map((e) => ({ e, problem: checkStoredEvent(e) })).filter((x) => x.problem !== null);
    expect(problems.map(({ e, problem }) => `#${e.seq} ${e.action} ${e.subject}: ${problem}`)).toEqual([]);
    expect(verifyTrail(events)).toMatchObject({ ok: true, count: events.length });
  });

  it('the story writes every registered kind, so the check above covers them all', () => {
    const written = new Set(events.map((e) => e.action));
    expect(Object.keys(TRAIL_EVENT_KINDS).filter((k) => !written.has(k))).toEqual([]);
  });

  it('refuses an unregistered kind, a wrong subject and a payload that does not match', () => {
    const base = { action: 'action.extended', subject: 'action:CA-2027-0001', before: '{"due":"2027-04-30"}', after: '{"due":"2027-05-31","reason":"Board in May"}' };
    expect(checkStoredEvent(base)).toBeNull();
    expect(checkStoredEvent({ ...base, action: 'action.postponed' })).toMatch(/not a registered kind/);
    expect(checkStoredEvent({ ...base, subject: 'finding:F-2027-0001' })).toMatch(/subject/);
    expect(checkStoredEvent({ ...base, after: '{"due":"2027-05-31"}' })).toMatch(/after does not match: reason/);
    expect(checkStoredEvent({ ...base, after: '{"due":"2027-05-31","reason":"x","extra":1}' })).toMatch(/after does not match/);
    expect(checkStoredEvent({ ...base, before: null })).toMatch(/before does not match/);
  });
});
