// The review pack counts corrective actions overdue at several moments in one pass (each action
// placed once between the moment it became overdue and the moment it was resolved). That must
// give exactly the plain rule at every moment: opened before it, due before its date, neither
// implemented nor closed by then.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctiveActions, findings } from '../../../db/schema.js';
import type { Moment } from '../../../src/core/reporting/ports.js';
import { makeTestCore } from '../../helpers/core.js';
import { addFinding } from '../../helpers/reporting-seed.js';
import { SEED, seedSmallOrg } from '../../helpers/seed.js';

const BASE = Date.parse('2027-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const at = (day: number, hour = 0) => new Date(BASE + day * DAY + hour * 3_600_000).toISOString();
const date = (day: number) => at(day).slice(0, 10);

interface Row {
  opened: number;
  due: number;
  implemented: number | null;
  closed: number | null;
}

const row = fc
  .record({ opened: fc.integer({ min: 0, max: 200 }), dueAfter: fc.integer({ min: 0, max: 90 }), implementedAfter: fc.option(fc.integer({ min: 0, max: 200 })), closedAfter: fc.option(fc.integer({ min: 0, max: 60 })) })
  .map(({ opened, dueAfter, implementedAfter, closedAfter }): Row => {
    const implemented = implementedAfter === null ? null : opened + implementedAfter;
    return { opened, due: opened + dueAfter, implemented, closed: implemented === null || closedAfter === null ? null : implemented + closedAfter };
  });

const plainRule = (r: Row, m: Moment): boolean =>
  at(r.opened, 10) < m.at && date(r.due) < m.date && (r.implemented === null || at(r.implemented, 12) >= m.at) && (r.closed === null || at(r.closed, 15) >= m.at);

describe('overdue corrective actions at several moments', () => {
  it('counts exactly what the plain rule counts, at every moment, in any order', () => {
    const t = makeTestCore('2027-12-31T00:00:00.000Z');
    seedSmallOrg(t);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 320 }), { minLength: 1, maxLength: 6 }), (rows, days) => {
        t.db.delete(correctiveActions).run();
        t.db.delete(findings).run();
        rows.forEach((r, i) => {
          const id = `F-2027-${String(i + 1).padStart(4, '0')}`;
          addFinding(t.db, { id, classification: 'minor', raisedAt: at(r.opened, 9), owner: SEED.iamOwner });
          t.db
            .insert(correctiveActions)
            .values({
              id: `CA-2027-${String(i + 1).padStart(4, '0')}`,
              findingId: id,
              owner: SEED.iamOwner,
              status: r.closed !== null ? 'closed' : r.implemented !== null ? 'implemented' : 'planned',
              due: date(r.due),
              implementationLinks: [],
              openedAt: at(r.opened, 10),
              implementedAt: r.implemented === null ? null : at(r.implemented, 12),
              closedAt: r.closed === null ? null : at(r.closed, 15),
            })
            .run();
        });
        // Moments as the pack makes them: local midnights, with their dates; deliberately unsorted.
        const moments = days.map((d) => ({ at: at(d), date: date(d) }));
        const counted = t.core.store.transaction((tx) => tx.reporting.overdueActionsAt(moments));
        expect(counted).toEqual(moments.map((m) => rows.filter((r) => plainRule(r, m)).length));
      }),
      { numRuns: 150 },
    );
  });
});
