// A withdrawn finding's corrective action is withdrawn, not closed (issue 14): nobody verified
// it, so the chase leaves it alone, `actions` and `mine` no longer list it, the digest's "closed
// this week, verified effective" and the review pack's closures do not count it, and the
// registers say `withdrawn`.
import { describe, expect, it } from 'vitest';
import { listActionLog, showAction } from '../../../src/core/corrective-actions/list-actions.js';
import { runChase } from '../../../src/core/corrective-actions/run-chase.js';
import { buildDigest } from '../../../src/core/reporting/build-digest.js';
import { buildReviewPack } from '../../../src/core/reporting/build-review-pack.js';
import { SEED } from '../../helpers/seed.js';
import { actionIn, as, getAction, setupActions } from './fixture.js';

describe('a corrective action withdrawn with its finding', () => {
  it('is withdrawn, with the moment, in the action and the trail; its history says so', () => {
    const t = setupActions();
    const a = actionIn(t, 'withdrawn');
    expect(getAction(t, a.id)).toMatchObject({ status: 'withdrawn', closedAt: '2027-01-04T10:00:00.000Z' });
    const [event] = t.core.store.transaction((tx) => tx.trail.list({ subject: `action:${a.id}` })).filter((e) => e.action === 'action.withdrawn');
    expect(JSON.parse(event?.after ?? '{}')).toMatchObject({ status: 'withdrawn', reason: 'finding withdrawn: Recorded against the wrong audit.' });
    const shown = JSON.stringify(showAction(t.core, as(SEED.iamOwner), a.id));
    expect(shown).toContain('withdrawn with its finding, not verified');
    expect(shown).not.toContain('verified effective');
    expect(listActionLog(t.core).map((e) => [e.id, e.status])).toEqual([[a.id, 'withdrawn']]);
  });

  it('is not chased, however long past its due date', () => {
    const t = setupActions();
    actionIn(t, 'withdrawn');
    t.clock.set('2027-05-03T08:30:00Z');
    expect(runChase(t.core)).toMatchObject({ messages: 0, chased: 0, escalated: 0 });
  });

  it('is no closure in the digest or the review pack, and counts as withdrawn there', () => {
    const t = setupActions();
    actionIn(t, 'withdrawn');
    t.clock.set('2027-01-08T10:00:00Z');
    const { digest } = buildDigest(t.core);
    expect(digest.closed.total).toBe(0);
    expect(digest.open.total).toBe(0);
    const p = buildReviewPack(t.core, { from: '2027-01-01', to: '2027-01-31' });
    expect(p.actions.closed).toBe(0);
    expect(p.actions.byStatusNow).toMatchObject({ closed: 0, withdrawn: 1 });
    expect(p.quarters[0]).toMatchObject({ actionsClosed: 0 });
  });
});
