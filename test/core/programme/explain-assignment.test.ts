import { describe, expect, it } from 'vitest';
import { explainAssignment } from '../../../src/core/programme/explain-assignment.js';
import { explainMessage, explanationLines } from '../../../src/core/programme/programme-messages.js';
import { planProgramme } from '../../../src/core/programme/plan-programme.js';
import { showProgramme } from '../../../src/core/programme/show-programme.js';
import { makeTestCore } from '../../helpers/core.js';
import { ALL_CLAUSES, ALL_CONTROLS, area, LEAD, leadActor, person, seed, snapshot } from '../../helpers/programme-org.js';

/** Each kind of exclusion once: team, area owner, control owner, inactive, a role other than auditor. */
function org() {
  return snapshot({
    teams: ['isms', 'platform', 'finance'],
    people: [
      person(LEAD, 'isms', ['lead']),
      person('admin@acme.example', 'isms', ['admin']),
      person('plat@acme.example', 'platform', ['auditor']),
      person('owner@acme.example', 'finance', ['auditor']),
      person('ctl@acme.example', 'finance', ['auditor']),
      person('gone@acme.example', 'finance', ['auditor'], { active: false }),
      person('free@acme.example', 'finance', ['auditor']),
      person('staff@acme.example', 'platform'),
    ],
    areas: [area('iam', 'platform', 'owner@acme.example', 'medium', [...ALL_CLAUSES, ...ALL_CONTROLS.map((c): [string, string] => [c, c === 'A.5.15' ? 'ctl@acme.example' : 'owner@acme.example'])])],
  });
}

describe('audit explain', () => {
  it('names the chosen auditor with the reasons, and every excluded person with the rule that excluded them', () => {
    const { core } = makeTestCore();
    seed(core, org());
    planProgramme(core, { cycle: '2027', start: '2027-01-01' }, leadActor);
    const id = showProgramme(core, {}).audits[0]?.id ?? '';
    const e = explainAssignment(core, { auditId: id });
    expect(e.auditors.map((a) => [a.email, a.role])).toEqual([['free@acme.example', 'lead']]);
    expect(e.auditors[0]?.rationale.independence).toEqual([
      'holds the auditor role',
      'is in team finance, not the owning team (platform)',
      'owns none of the 127 clauses and controls in scope, nor the area (iam)',
    ]);
    expect(e.excluded).toEqual([
      { email: 'admin@acme.example', exclusions: [{ rule: 'role', detail: 'holds neither the auditor nor the external role (has admin)' }] },
      { email: 'ctl@acme.example', exclusions: [{ rule: 'owner', detail: 'owner of A.5.15 in area iam' }] },
      { email: 'gone@acme.example', exclusions: [{ rule: 'inactive', detail: 'no longer active in the organisation file' }] },
      { email: LEAD, exclusions: [{ rule: 'role', detail: 'holds neither the auditor nor the external role (has lead)' }] },
      {
        email: 'owner@acme.example',
        exclusions: [
          { rule: 'owner', detail: 'owner of area iam' },
          { rule: 'owner', detail: 'owner of 4.1, 4.2, 4.3, 4.4, 5.1, 5.2, 5.3, 6.1, 6.1.1, 6.1.2, 6.1.3, 6.2 and 114 more in area iam' },
        ],
      },
      { email: 'plat@acme.example', exclusions: [{ rule: 'team', detail: 'member of team platform, which owns area iam' }] },
    ]);
    expect(e.withoutAuditorRole).toBe(1);
    const lines = explanationLines(e, 'UTC');
    expect(lines.excluded).toHaveLength(6);
    expect(lines.excluded).toContain('plat@acme.example: member of team platform, which owns area iam (team rule)');
    expect(lines.excluded).toContain('gone@acme.example: no longer active in the organisation file (inactive rule)');
    const message = explainMessage(e, 'UTC');
    const list = message.blocks.find((b) => b.type === 'list' && b.title === 'Excluded, with the rule');
    expect(list).toMatchObject({ items: lines.excluded });
    expect(list && 'more' in list ? list.more : undefined).toBeUndefined();
  });

  it('explains an audit that needs an external auditor from the record made when it was flagged', () => {
    const { core } = makeTestCore();
    const snap = org();
    seed(core, { ...snap, people: snap.people.filter((p) => p.email !== 'free@acme.example') });
    planProgramme(core, { cycle: '2027', start: '2027-01-01' }, leadActor);
    const id = showProgramme(core, {}).audits[0]?.id ?? '';
    const e = explainAssignment(core, { auditId: id });
    expect(e.auditors).toEqual([]);
    expect(e.excludedAsOf).toBe('needs_external');
    expect(e.excluded.map((x) => x.email)).toEqual(['admin@acme.example', 'ctl@acme.example', 'gone@acme.example', LEAD, 'owner@acme.example', 'plat@acme.example']);
    expect(explanationLines(e, 'UTC').auditors).toEqual(['No auditor: nobody with the auditor role is independent of this audit, so it needs an external auditor.']);
  });
});
