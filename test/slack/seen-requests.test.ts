// The memory of signed requests already taken (replays are refused with 401): stored in
// processed_requests, kept as long as a request with that timestamp could still be fresh, then
// forgotten so that the table does not grow without end. Other keys in the table are untouched.
import { describe, expect, it } from 'vitest';
import { createSeenRequests, SIGNATURE_KEY_PREFIX } from '../../adapters/slack/seen-requests.js';
import { makeTestCore } from '../helpers/core.js';

const SIG = `v0=${'a'.repeat(64)}`;
const MINUTE = 60_000;

describe('seen Slack requests', () => {
  it('says first time once per timestamp and signature', () => {
    const { core } = makeTestCore();
    const seen = createSeenRequests(core, { windowSeconds: 300, now: () => Date.parse('2027-01-04T10:00:00Z') });
    expect(seen.firstTime('1799056800', SIG)).toBe(true);
    expect(seen.firstTime('1799056800', SIG)).toBe(false);
    expect(seen.firstTime('1799056801', SIG)).toBe(true);
    expect(seen.firstTime('1799056800', `v0=${'b'.repeat(64)}`)).toBe(true);
  });

  it('keeps a key for two freshness windows after it was taken, then forgets it; other keys stay', () => {
    const { core } = makeTestCore();
    let now = Date.parse('2027-01-04T10:00:00Z');
    const seen = createSeenRequests(core, { windowSeconds: 300, now: () => now });
    core.store.transaction((tx) => tx.processed.claim('finding:slack:V1:h1', '2027-01-01T00:00:00.000Z', 'F-2027-0001'));
    expect(seen.firstTime('1', SIG)).toBe(true);
    const keys = () => core.store.transaction((tx) => ({ first: tx.processed.get(`${SIGNATURE_KEY_PREFIX}1:${SIG}`), other: tx.processed.get('finding:slack:V1:h1') }));

    now += 9 * MINUTE;
    expect(seen.firstTime('2', SIG)).toBe(true);
    expect(keys().first).not.toBeNull();

    now += 2 * MINUTE;
    expect(seen.firstTime('3', SIG)).toBe(true);
    expect(keys().first).toBeNull();
    expect(keys().other).toEqual({ at: '2027-01-01T00:00:00.000Z', result: 'F-2027-0001' });
  });

  it('looks for old keys at most once a minute', () => {
    const { core } = makeTestCore();
    const start = Date.parse('2027-01-04T10:00:00Z');
    let now = start;
    const seen = createSeenRequests(core, { windowSeconds: 300, now: () => now });
    const first = () => core.store.transaction((tx) => tx.processed.get(`${SIGNATURE_KEY_PREFIX}1:${SIG}`));
    seen.firstTime('1', SIG);
    now = start + 10 * MINUTE - 1000;
    seen.firstTime('2', SIG);
    expect(first()).not.toBeNull();
    // Old enough now, but the last look was 11 seconds ago.
    now = start + 10 * MINUTE + 10_000;
    seen.firstTime('3', SIG);
    expect(first()).not.toBeNull();
    now = start + 11 * MINUTE;
    seen.firstTime('4', SIG);
    expect(first()).toBeNull();
  });
});
