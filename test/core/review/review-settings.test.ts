// The organisation file's `management_review` block (issue 16 point 1): cadence, chair and who
// provides which input; imported, checked, compared; the chair is the default of `review
// schedule`, and once a review is held the next one is proposed `every_months` later.
import { describe, expect, it } from 'vitest';
import { importOrganisation, OrganisationImportError } from '../../../src/core/organisation/import-organisation.js';
import { recordReview } from '../../../src/core/review/record-review.js';
import { scheduleReview } from '../../../src/core/review/schedule-review.js';
import { makeTestCore, type TestCore } from '../../helpers/core.js';
import { ORG_YAML } from '../org-fixture.js';

const actor = { email: 'system', channel: 'cli' as const };
const lead = { email: 'ana@acme.example', channel: 'console' as const };

const BLOCK = `management_review:
  every_months: 6
  chair: CEO@acme.example
  inputs:
    b: bo@acme.example
    f: dee@acme.example
`;

const importText = (t: TestCore, text: string) => importOrganisation(t.core, { fileName: 'org.yaml', text, actor });

function errorsOf(text: string): string[] {
  const t = makeTestCore();
  try {
    importText(t, text);
  } catch (e) {
    expect(e).toBeInstanceOf(OrganisationImportError);
    return (e as OrganisationImportError).errors.map((x) => x.message);
  }
  throw new Error('the import was expected to fail');
}

describe('the management_review block of the organisation file', () => {
  it('is imported, compared as a change of the organisation, and optional', () => {
    const t = makeTestCore('2027-01-04T10:00:00.000Z');
    importText(t, ORG_YAML);
    expect(t.core.store.transaction((tx) => tx.organisation.getOrganisation())).toEqual({ name: 'Acme Ltd', timezone: 'Europe/London' });
    const result = importText(t, `${ORG_YAML}${BLOCK}`);
    expect(result.changes.organisation).toEqual({ added: false, changed: ['management_review'] });
    expect(t.core.store.transaction((tx) => tx.organisation.getOrganisation())?.managementReview).toEqual({
      everyMonths: 6,
      chair: 'ceo@acme.example',
      inputs: { b: 'bo@acme.example', f: 'dee@acme.example' },
    });
    expect(importText(t, `${ORG_YAML}${BLOCK}`).changed).toBe(false);
  });

  it('names every wrong value: cadence, unknown people, an external provider, unknown keys', () => {
    const errors = errorsOf(`${ORG_YAML}management_review:
  every_months: 0
  chair: nobody@acme.example
  inputs:
    b: ext@audit.example
    h: bo@acme.example
`);
    expect(errors).toEqual(
      expect.arrayContaining([
        'must be at least 1 month',
        'unknown person "nobody@acme.example"',
        'ext@audit.example is an external auditor and cannot own input (b) of the management review; name someone inside the organisation',
        'unknown key "h" (allowed keys: a, b, c, d, e, f, g)',
      ]),
    );
    expect(errorsOf(`${ORG_YAML}management_review: { every_months: half a year }\n`)).toEqual(['must be a whole number of months, such as 6']);
  });

  it('gives the default chair, and proposes the next review every_months after one is held', () => {
    const t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London' });
    importText(t, `${ORG_YAML}${BLOCK}`);
    const first = scheduleReview(t.core, lead, { date: '2027-01-29' }).review;
    expect(first).toMatchObject({ id: 'MR-2027-01', chair: 'ceo@acme.example' });
    t.clock.set('2027-01-29T15:00:00.000Z');
    const held = recordReview(t.core, lead, { reviewId: first.id, attendees: 'Ceo\nAna' });
    expect(held.next).toMatchObject({ id: 'MR-2027-02', meetingDate: '2027-07-29', chair: 'ceo@acme.example', status: 'scheduled', scheduledBy: 'ana@acme.example' });
    const { trail, dms } = t.core.store.transaction((tx) => ({ trail: tx.trail.list({ subject: 'review:MR-2027-02' }), dms: tx.outbox.list().filter((r) => r.key === 'review:MR-2027-02:scheduled') }));
    expect(trail.map((e) => [e.action, JSON.parse(String(e.after))])).toEqual([['review.scheduled', { meetingDate: '2027-07-29', chair: 'ceo@acme.example', proposedAfter: 'MR-2027-01' }]]);
    expect(dms.map((d) => [d.recipient, d.message.summary])).toEqual([['ceo@acme.example', expect.stringContaining('MR-2027-02 is proposed for 29 July 2027, following MR-2027-01')]]);
  });

  it('proposes nothing without a cadence or when a later review is already scheduled', () => {
    const t = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London' });
    importText(t, `${ORG_YAML}${BLOCK}`);
    scheduleReview(t.core, lead, { date: '2027-01-29' });
    scheduleReview(t.core, lead, { date: '2027-05-03' });
    t.clock.set('2027-01-29T15:00:00.000Z');
    expect(recordReview(t.core, lead, { reviewId: 'MR-2027-01', attendees: 'Ana' }).next).toBeUndefined();

    const u = makeTestCore('2027-01-04T10:00:00.000Z', { timezone: 'Europe/London' });
    importText(u, ORG_YAML);
    expect(scheduleReview(u.core, lead, { date: '2027-01-29' }).review.chair).toBe('ana@acme.example');
    u.clock.set('2027-01-29T15:00:00.000Z');
    expect(recordReview(u.core, lead, { reviewId: 'MR-2027-01', attendees: 'Ana' }).next).toBeUndefined();
  });
});
