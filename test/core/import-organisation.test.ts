import { describe, expect, it } from 'vitest';
import { AuditbotError } from '../../src/core/errors.js';
import { importOrganisation, OrganisationImportError } from '../../src/core/organisation/import-organisation.js';
import { makeTestCore, type TestCore } from '../helpers/core.js';
import { dumpDatabase, ORG_YAML, withLine } from './org-fixture.js';
import type { Actor } from '../../src/core/shared/actor.js';

const actor: Actor = { email: 'system', channel: 'cli' };

const imported = (t: TestCore, text = ORG_YAML, dryRun = false) => importOrganisation(t.core, { fileName: 'org.yaml', text, dryRun, actor });

const trailCount = (t: TestCore) => t.core.store.transaction((tx) => tx.trail.list().length);
const snapshot = (t: TestCore) => t.core.store.transaction((tx) => tx.organisation.snapshot());

function importErrors(t: TestCore, text: string): { texts: string[]; error: OrganisationImportError } {
  try {
    imported(t, text);
  } catch (e) {
    expect(e).toBeInstanceOf(OrganisationImportError);
    const error = e as OrganisationImportError;
    return { texts: error.errors.map((x) => x.text), error };
  }
  throw new Error('the import was expected to fail');
}

const FIVE_MB = 5 * 1024 * 1024;

const MALFORMED: { name: string; text: () => string; errors: string[] }[] = [
  {
    name: 'bad YAML syntax',
    text: () => withLine(18, 'name: Bo Berg', '    name: Bo: Berg'),
    errors: ['org.yaml:18: YAML syntax error: Nested mappings are not allowed in compact mappings'],
  },
  {
    name: 'tabs for indentation',
    text: () => withLine(18, 'name: Bo Berg', '\tname: Bo Berg'),
    errors: ['org.yaml:18: YAML syntax error: tabs are not allowed for indentation; indent with spaces'],
  },
  {
    name: 'two YAML documents',
    text: () => `${ORG_YAML}---\nteams: []\n`,
    errors: ['org.yaml:51: YAML syntax error: the file holds more than one YAML document (a second "---" line); keep the whole organisation in one document'],
  },
  {
    name: 'a key given twice',
    text: () => withLine(19, 'team: platform', '    team: platform\n    team: isms'),
    errors: ['org.yaml:20: YAML syntax error: this key appears twice in the same mapping; keep one'],
  },
  {
    name: 'an unknown YAML tag',
    text: () => withLine(18, 'name: Bo Berg', '    name: !secret Bo Berg'),
    errors: ['org.yaml:18: YAML syntax error: unknown YAML tag; remove the "!" tag'],
  },
  {
    name: 'aliases that expand without limit',
    text: () => `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`,
    errors: ['org.yaml:1: YAML syntax error: the file repeats its aliases (*name) more than 100 times; write the entries out instead'],
  },
  {
    name: 'unknown team',
    text: () => withLine(19, 'team: platform', '    team: secops'),
    errors: ['org.yaml:19 people[2].team: unknown team "secops"'],
  },
  {
    name: 'unknown manager',
    text: () => withLine(25, 'manager: bo@acme.example', '    manager: bob@acme.example'),
    errors: ['org.yaml:25 people[3].manager: unknown person "bob@acme.example"'],
  },
  {
    name: 'unknown area owner',
    text: () => withLine(34, 'owner: bo@acme.example', '    owner: nobody@acme.example'),
    errors: ['org.yaml:34 areas[0].owner: unknown person "nobody@acme.example"'],
  },
  {
    name: 'unknown control owner',
    text: () => withLine(39, '- { id: "5.15", owner: dee@acme.example }', '      - { id: "5.15", owner: dean@acme.example }'),
    errors: ['org.yaml:39 areas[0].controls[0].owner: unknown person "dean@acme.example"'],
  },
  {
    name: 'an external auditor owning a clause',
    text: () => withLine(37, 'clauses: ["9.2", { id: "9.3", owner: ana@acme.example }]', '    clauses: ["9.2", { id: "9.3", owner: ext@audit.example }]'),
    errors: ['org.yaml:37 areas[0].clauses[1].owner: ext@audit.example is an external auditor and cannot own a clause; name someone inside the organisation'],
  },
  {
    name: 'unknown control',
    text: () => withLine(40, '- "A.8.5"', '      - "A.9.9"'),
    errors: ['org.yaml:40 areas[0].controls[1]: unknown Annex A control "A.9.9"; Annex A controls run from 5.1 to 8.34'],
  },
  {
    name: 'a clause listed as a control',
    text: () => withLine(48, 'controls: ["5.1"]', '    controls: ["5.1", "9.2"]'),
    errors: ['org.yaml:48 areas[1].controls[1]: unknown Annex A control "9.2"; 9.2 is a clause: list it under clauses'],
  },
  {
    name: 'unknown clause',
    text: () => withLine(47, 'clauses: ["4.1", "10.2"]', '    clauses: ["4.1", "10.3"]'),
    errors: ['org.yaml:47 areas[1].clauses[1]: unknown clause "10.3"; clauses run from 4.1 to 10.2 (e.g. 9.2, 6.1.2)'],
  },
  {
    name: 'a control listed as a clause',
    text: () => withLine(47, 'clauses: ["4.1", "10.2"]', '    clauses: ["4.1", "A.5.1"]'),
    errors: ['org.yaml:47 areas[1].clauses[1]: "A.5.1" is an Annex A control (A.5.1); list it under controls'],
  },
  {
    name: 'a control listed twice in an area',
    text: () => withLine(41, '- 5.10', '      - "A.5.15"'),
    errors: ['org.yaml:41 areas[0].controls[2]: A.5.15 is listed twice in this area (first at line 39)'],
  },
  {
    name: 'duplicate e-mail (case-insensitive)',
    text: () => withLine(27, '- email: ext@audit.example', '  - email: BO@acme.example'),
    errors: ['org.yaml:27 people[4].email: duplicate e-mail "bo@acme.example" (first at line 17)'],
  },
  {
    name: 'duplicate team key',
    text: () => withLine(5, '- { key: finance, name: Finance }', '  - { key: isms, name: Finance }'),
    errors: ['org.yaml:5 teams[2].key: duplicate team key "isms" (first at line 4)', 'org.yaml:9 people[0].team: unknown team "finance"'],
  },
  {
    name: 'duplicate area key',
    text: () => withLine(42, '- key: isms', '  - key: iam'),
    errors: ['org.yaml:42 areas[1].key: duplicate area key "iam" (first at line 31)'],
  },
  {
    name: 'duplicate Slack id',
    text: () => withLine(9, 'team: finance', '    team: finance\n    slack: U0ANA0001'),
    errors: ['org.yaml:17 people[1].slack: Slack id "U0ANA0001" is already given to ceo@acme.example (line 10)'],
  },
  {
    name: 'bad time zone of a person',
    text: () => withLine(14, 'timezone: Europe/Madrid', '    timezone: Europe/Madird'),
    errors: ['org.yaml:14 people[1].timezone: unknown time zone "Europe/Madird"; use an IANA name such as Europe/London or UTC'],
  },
  {
    name: 'bad time zone of the organisation',
    text: () => withLine(1, 'organisation: { name: Acme Ltd, timezone: Europe/London }', 'organisation: { name: Acme Ltd, timezone: "+01:00" }'),
    errors: ['org.yaml:1 organisation.timezone: unknown time zone "+01:00"; use an IANA name such as Europe/London or UTC'],
  },
  {
    name: 'bad role',
    text: () => withLine(21, 'roles: [auditor]', '    roles: [auditer]'),
    errors: ['org.yaml:21 people[2].roles[0]: unknown role "auditer"; use auditor, lead, admin, external or top-management'],
  },
  {
    name: 'bad risk',
    text: () => withLine(46, 'risk: medium', '    risk: severe'),
    errors: ['org.yaml:46 areas[1].risk: unknown risk "severe"; use low, medium or high'],
  },
  {
    name: 'manager cycle',
    text: () => withLine(9, 'team: finance', '    team: finance\n    manager: dee@acme.example'),
    errors: [
      'org.yaml:10 people[0].manager: manager cycle: ceo@acme.example → dee@acme.example → bo@acme.example → ana@acme.example → ceo@acme.example; someone in it must report outside it',
    ],
  },
  {
    name: 'own manager',
    text: () => withLine(20, 'manager: ana@acme.example', '    manager: BO@acme.example'),
    errors: ['org.yaml:20 people[2].manager: manager cycle: bo@acme.example → bo@acme.example; someone in it must report outside it'],
  },
  {
    name: 'external auditor with a team',
    text: () => withLine(29, 'roles: [auditor, external]', '    roles: [auditor, external]\n    team: isms'),
    errors: ['org.yaml:30 people[4].team: an external auditor belongs to no team (that is what keeps them independent); remove team or the external role'],
  },
  {
    name: 'empty file',
    text: () => '',
    errors: ['org.yaml:1: the file is empty; it should describe organisation, teams, people, areas and applicability (see examples/org.yaml)'],
  },
  {
    name: 'only comments',
    text: () => '# Acme\n# to do\n',
    errors: ['org.yaml:1: the file is empty; it should describe organisation, teams, people, areas and applicability (see examples/org.yaml)'],
  },
  {
    name: 'a list instead of a mapping',
    text: () => '- organisation\n- teams\n',
    errors: ['org.yaml:1: the file must be a mapping of organisation, teams, people, areas and applicability (see examples/org.yaml); got a list'],
  },
  {
    name: 'a 5 MB file',
    text: () => ORG_YAML + '# padding to make the file large\n'.repeat(Math.ceil((FIVE_MB - ORG_YAML.length) / 33)),
    errors: ['org.yaml: the file is 5.0 MB; an organisation file may be at most 1 MB (a 40-person company needs about 20 KB). Check that this is the right file'],
  },
  {
    name: 'wrong types',
    text: () =>
      withLine(
        50,
        '- { control: "7.5", applicable: false, justification: "No data centre of our own" }',
        '  - { control: "7.5", applicable: "no", justification: "No data centre of our own" }',
        withLine(36, 'criteria: ["Access control policy v3"]', '    criteria: "Access control policy v3"'),
      ),
    errors: [
      'org.yaml:36 areas[0].criteria: expected a list, got text "Access control policy v3"',
      'org.yaml:50 applicability[0].applicable: expected true or false, got text "no"',
    ],
  },
  {
    name: 'a section of the wrong type',
    text: () => withLine(30, 'areas:', 'areas: iam\nold_areas:'),
    errors: ['org.yaml:30 areas: expected a list, got text "iam"', 'org.yaml:31: unknown key "old_areas" (allowed keys: organisation, teams, people, areas, applicability, holidays, management_review)'],
  },
  {
    name: 'unknown key',
    text: () => withLine(36, 'criteria: ["Access control policy v3"]', '    colour: red'),
    errors: ['org.yaml:36 areas[0]: unknown key "colour" (allowed keys: key, name, team, owner, risk, criteria, clauses, controls)'],
  },
  {
    name: 'a required field missing',
    text: () => withLine(11, 'name: Ana Ruiz', ''),
    errors: ['org.yaml:10 people[1].name: required'],
  },
  {
    name: 'not an e-mail address',
    text: () => withLine(13, 'manager: ceo@acme.example', '    manager: the CEO'),
    errors: ['org.yaml:13 people[1].manager: "the CEO" is not an e-mail address'],
  },
  {
    name: 'exclusion without justification',
    text: () => withLine(50, '- { control: "7.5", applicable: false, justification: "No data centre of our own" }', '  - { control: "7.5", applicable: false }'),
    errors: ['org.yaml:50 applicability[0].justification: required when applicable is false: say why the control does not apply'],
  },
  {
    name: 'duplicate applicability and an excluded control in an area',
    text: () => withLine(48, 'controls: ["5.1"]', '    controls: ["5.1", "7.5"]', `${ORG_YAML}  - { control: "A.7.5", applicable: true }\n`),
    errors: [
      'org.yaml:48 areas[1].controls[1]: A.7.5 is excluded in applicability (line 50); remove it here or mark it applicable',
      'org.yaml:51 applicability[1].control: A.7.5 is listed twice (first at line 50)',
    ],
  },
  {
    name: 'several problems at once, in line order',
    text: () =>
      withLine(
        40,
        '- "A.8.5"',
        '      - "A.9.9"',
        withLine(21, 'roles: [auditor]', '    roles: [auditer]', withLine(19, 'team: platform', '    team: secops', withLine(14, 'timezone: Europe/Madrid', '    timezone: Mars/Olympus'))),
      ),
    errors: [
      'org.yaml:14 people[1].timezone: unknown time zone "Mars/Olympus"; use an IANA name such as Europe/London or UTC',
      'org.yaml:19 people[2].team: unknown team "secops"',
      'org.yaml:21 people[2].roles[0]: unknown role "auditer"; use auditor, lead, admin, external or top-management',
      'org.yaml:40 areas[0].controls[1]: unknown Annex A control "A.9.9"; Annex A controls run from 5.1 to 8.34',
    ],
  },
];

describe('importOrganisation: malformed files', () => {
  it.each(MALFORMED)('$name: precise errors, and the database stays exactly as it was', ({ text, errors }) => {
    const t = makeTestCore();
    imported(t);
    const before = dumpDatabase(t.db);
    const { texts, error } = importErrors(t, text());
    expect(texts).toEqual(errors);
    expect(error.code).toBe('import_failed');
    for (const line of errors) expect(error.message).toContain(line);
    expect(dumpDatabase(t.db)).toEqual(before);
  });

  it('has at least 14 malformed files in its table', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(14);
  });

  it('a failed first import leaves an empty database empty', () => {
    const t = makeTestCore();
    const before = dumpDatabase(t.db);
    importErrors(t, withLine(19, 'team: platform', '    team: secops'));
    expect(dumpDatabase(t.db)).toEqual(before);
    expect(snapshot(t).people).toEqual([]);
  });

  it('says how many problems there are and that nothing was imported', () => {
    const t = makeTestCore();
    const { error } = importErrors(t, withLine(21, 'roles: [auditor]', '    roles: [auditer]', withLine(19, 'team: platform', '    team: secops')));
    expect(error.message.split('\n')[0]).toBe('org.yaml has 2 problems; nothing was imported:');
    expect(error).toBeInstanceOf(AuditbotError);
  });

  it('names the file as it was given', () => {
    const t = makeTestCore();
    expect(() => importOrganisation(t.core, { fileName: 'config/acme-org.yml', text: withLine(19, 'team: platform', '    team: secops'), actor })).toThrowError(
      'config/acme-org.yml:19 people[2].team: unknown team "secops"',
    );
  });

  it('refuses a request without a file name', () => {
    const t = makeTestCore();
    expect(() => importOrganisation(t.core, { fileName: ' ', text: ORG_YAML, actor })).toThrowError(/fileName: the file name is required/);
  });
});

describe('importOrganisation: a valid file', () => {
  it('stores the organisation as the file describes it, with typed requirements and default owners', () => {
    const t = makeTestCore();
    const result = imported(t);
    expect(result.changed).toBe(true);
    expect(result.trailEvent).toBe(1);
    expect(result.summary).toBe('organisation added, 3 teams added, 5 people added, 2 areas added, 8 scope items added, 1 applicability entry added.');
    const s = snapshot(t);
    expect(s.organisation).toEqual({ name: 'Acme Ltd', timezone: 'Europe/London' });
    const ana = s.people.find((p) => p.email === 'ana@acme.example');
    expect(ana).toMatchObject({ name: 'Ana Ruiz', team: 'isms', manager: 'ceo@acme.example', timezone: 'Europe/Madrid', roles: ['auditor', 'lead'], slackId: 'U0ANA0001', active: true });
    expect(s.people.find((p) => p.email === 'dee@acme.example')?.teamsId).toBe('6f1c2d3e-0000-4000-8000-5a1b2c3d4e5f');
    expect(s.people.find((p) => p.email === 'bo@acme.example')?.timezone).toBeNull();
    expect(s.people.find((p) => p.email === 'ext@audit.example')).toMatchObject({ team: null, roles: ['auditor', 'external'] });
    const iam = s.areas.find((a) => a.key === 'iam');
    expect(iam?.scope.map((x) => [x.requirement, x.kind, x.owner]).sort()).toEqual(
      [
        ['9.2', 'clause', 'bo@acme.example'],
        ['9.3', 'clause', 'ana@acme.example'],
        ['A.5.10', 'control', 'bo@acme.example'],
        ['A.5.15', 'control', 'dee@acme.example'],
        ['A.8.5', 'control', 'bo@acme.example'],
      ].sort(),
    );
    expect(iam?.criteria).toEqual(['Access control policy v3']);
    expect(s.applicability).toEqual([{ control: 'A.7.5', applicable: false, justification: 'No data centre of our own' }]);
  });

  it('records one organisation.imported trail event with the channel it came from', () => {
    const t = makeTestCore();
    importOrganisation(t.core, { fileName: 'org.yaml', text: ORG_YAML, actor: { email: 'ana@acme.example', channel: 'console' } });
    const events = t.core.store.transaction((tx) => tx.trail.list());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'organisation.imported', subject: 'organisation', actor: 'ana@acme.example', channel: 'console' });
    const after = JSON.parse(events[0]?.after ?? 'null') as { file: string; changes: { people: { added: string[] } }; people: Record<string, unknown> };
    expect(after.file).toBe('org.yaml');
    expect(after.changes.people.added).toEqual(['ana@acme.example', 'bo@acme.example', 'ceo@acme.example', 'dee@acme.example', 'ext@audit.example']);
    expect(after.people['bo@acme.example']).toMatchObject({ manager: 'ana@acme.example', roles: ['auditor'] });
  });

  it('a re-import of the same file is a no-op: no change, no trail event, not a byte written', () => {
    const t = makeTestCore();
    imported(t);
    const before = dumpDatabase(t.db);
    const again = imported(t);
    expect(again).toMatchObject({ changed: false, trailEvent: null, summary: 'no changes.' });
    expect(dumpDatabase(t.db)).toEqual(before);
    expect(trailCount(t)).toBe(1);
  });

  it('reads the top-management role (issue 14.7), in the one order of roles', () => {
    const t = makeTestCore();
    imported(t, withLine(9, 'team: finance', '    team: finance\n    roles: [top-management, admin]'));
    expect(snapshot(t).people.find((p) => p.email === 'ceo@acme.example')?.roles).toEqual(['admin', 'top-management']);
  });

  it('writing roles in another order or e-mails in another case is not a change', () => {
    const t = makeTestCore();
    imported(t);
    const reordered = withLine(15, 'roles: [lead, auditor]', '    roles: [auditor, lead]', withLine(20, 'manager: ana@acme.example', '    manager: ANA@acme.EXAMPLE'));
    expect(imported(t, reordered).changed).toBe(false);
  });

  it('reports exactly what changed; a person who leaves is deactivated and still present', () => {
    const t = makeTestCore();
    imported(t);
    let next = withLine(20, 'manager: ana@acme.example', '    manager: ceo@acme.example'); // bo's manager
    next = withLine(5, '- { key: finance, name: Finance }', '  - { key: finance, name: Finance and Legal }', next);
    // Dee leaves: her entry goes, her control moves to Bo, and Fay joins.
    next = withLine(22, '- email: dee@acme.example', '  - email: fay@acme.example', next);
    next = withLine(23, 'name: Dee Diaz', '    name: Fay Fox', next);
    next = withLine(25, 'manager: bo@acme.example', '    manager: bo@acme.example', next);
    next = withLine(26, 'teams: 6F1C2D3E-0000-4000-8000-5A1B2C3D4E5F', '    timezone: America/New_York', next);
    next = withLine(39, '- { id: "5.15", owner: dee@acme.example }', '      - "5.15"', next);
    next = withLine(41, '- 5.10', '      - "5.16"', next);
    next = withLine(50, '- { control: "7.5", applicable: false, justification: "No data centre of our own" }', '  - { control: "7.5", applicable: false, justification: "No premises of our own" }', next);
    const result = imported(t, next);
    expect(result.changed).toBe(true);
    expect(result.changes).toEqual({
      organisation: { added: false, changed: [] },
      teams: { added: [], changed: [{ key: 'finance', fields: ['name'] }], deactivated: [] },
      people: { added: ['fay@acme.example'], changed: [{ key: 'bo@acme.example', fields: ['manager'] }], deactivated: ['dee@acme.example'] },
      areas: { added: [], changed: [], deactivated: [] },
      scope: { added: ['iam:A.5.16'], changed: [{ key: 'iam:A.5.15', fields: ['owner'] }], removed: ['iam:A.5.10'] },
      applicability: { added: [], changed: [{ key: 'A.7.5', fields: ['justification'] }], removed: [] },
    });
    expect(result.summary).toBe(
      '1 team changed, 1 person added, 1 person changed, 1 person deactivated, 1 scope item added, 1 scope item changed, 1 scope item removed, 1 applicability entry changed.',
    );
    const dee = t.core.store.transaction((tx) => tx.organisation.getPerson('dee@acme.example'));
    expect(dee).toMatchObject({ name: 'Dee Diaz', active: false, teamsId: '6f1c2d3e-0000-4000-8000-5a1b2c3d4e5f' });
    expect(t.core.store.transaction((tx) => tx.organisation.listPeople()).map((p) => p.email)).not.toContain('dee@acme.example');
    const events = t.core.store.transaction((tx) => tx.trail.list());
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]?.before ?? 'null')).toMatchObject({
      people: { 'bo@acme.example': { manager: 'ana@acme.example' }, 'dee@acme.example': { active: true } },
      scope: { 'iam:A.5.15': { owner: 'dee@acme.example' } },
    });
    expect(JSON.parse(events[1]?.after ?? 'null')).toMatchObject({ people: { 'bo@acme.example': { manager: 'ceo@acme.example' }, 'dee@acme.example': { active: false } } });
    // And the same file again is a no-op.
    expect(imported(t, next).changed).toBe(false);
  });

  it('a person who comes back is reactivated', () => {
    const t = makeTestCore();
    imported(t);
    const without = ORG_YAML.replace(/ {2}- email: ext@audit\.example\n {4}name: Eve External\n {4}roles: \[auditor, external\]\n/, '');
    expect(imported(t, without).changes.people.deactivated).toEqual(['ext@audit.example']);
    expect(imported(t).changes.people.changed).toEqual([{ key: 'ext@audit.example', fields: ['active'] }]);
    expect(t.core.store.transaction((tx) => tx.organisation.getPerson('ext@audit.example'))?.active).toBe(true);
  });

  it('teams and areas that leave the file are deactivated; the area keeps its scope', () => {
    const t = makeTestCore();
    imported(t);
    // Drop the isms area (lines 42-48) and the finance team (line 5, moving the CEO to isms).
    const lines = withLine(9, 'team: finance', '    team: isms').split('\n');
    const next = [...lines.slice(0, 4), ...lines.slice(5, 41), ...lines.slice(48)].join('\n');
    const result = imported(t, next);
    expect(result.changes.teams.deactivated).toEqual(['finance']);
    expect(result.changes.areas.deactivated).toEqual(['isms']);
    expect(result.changes.scope).toEqual({ added: [], changed: [], removed: [] });
    const isms = t.core.store.transaction((tx) => tx.organisation.getArea('isms'));
    expect(isms).toMatchObject({ active: false });
    expect(isms?.scope.map((s) => s.requirement).sort()).toEqual(['10.2', '4.1', 'A.5.1']);
    expect(t.core.store.transaction((tx) => tx.organisation.listTeams()).find((x) => x.key === 'finance')?.active).toBe(false);
  });

  it('a change of the organisation time zone is reported by field', () => {
    const t = makeTestCore();
    imported(t);
    const next = withLine(1, 'organisation: { name: Acme Ltd, timezone: Europe/London }', 'organisation: { name: Acme Ltd, timezone: Europe/Dublin }');
    expect(imported(t, next).changes.organisation).toEqual({ added: false, changed: ['timezone'] });
    expect(snapshot(t).organisation?.timezone).toBe('Europe/Dublin');
    expect(t.core.settings.timezone).toBe('Europe/Dublin');
  });

  it('a dry run reports the changes and writes nothing', () => {
    const t = makeTestCore();
    imported(t);
    const before = dumpDatabase(t.db);
    const next = withLine(20, 'manager: ana@acme.example', '    manager: ceo@acme.example');
    const dry = imported(t, next, true);
    expect(dry).toMatchObject({ changed: true, dryRun: true, trailEvent: null });
    expect(dry.changes.people.changed).toEqual([{ key: 'bo@acme.example', fields: ['manager'] }]);
    expect(dumpDatabase(t.db)).toEqual(before);
  });

  it('a dry run into an empty database writes nothing', () => {
    const t = makeTestCore();
    const before = dumpDatabase(t.db);
    expect(imported(t, ORG_YAML, true).changes.people.added).toHaveLength(5);
    expect(dumpDatabase(t.db)).toEqual(before);
  });
});

describe('importOrganisation: what chat taught the database', () => {
  it('keeps Slack and Teams ids, time zone and last platform learnt from chat when the file gives none', () => {
    const t = makeTestCore();
    imported(t);
    t.core.store.transaction((tx) =>
      tx.organisation.updatePersonContact('bo@acme.example', { slackId: 'U0BO0002', teamsId: '00000000-0000-4000-8000-000000000004', timezone: 'Europe/Oslo', lastPlatform: 'slack' }),
    );
    const before = dumpDatabase(t.db);
    expect(imported(t).changed).toBe(false);
    expect(dumpDatabase(t.db)).toEqual(before);
    expect(t.core.store.transaction((tx) => tx.organisation.getPerson('bo@acme.example'))).toMatchObject({
      slackId: 'U0BO0002',
      teamsId: '00000000-0000-4000-8000-000000000004',
      timezone: 'Europe/Oslo',
      lastPlatform: 'slack',
    });
  });

  it('an id the file gives to someone else moves to them', () => {
    const t = makeTestCore();
    imported(t);
    t.core.store.transaction((tx) => tx.organisation.updatePersonContact('bo@acme.example', { slackId: 'U0BO0002' }));
    const next = withLine(24, 'team: platform', '    team: platform\n    slack: U0BO0002');
    const result = imported(t, next);
    expect(result.changes.people.changed).toEqual([
      { key: 'bo@acme.example', fields: ['slack'] },
      { key: 'dee@acme.example', fields: ['slack'] },
    ]);
    const people = t.core.store.transaction((tx) => tx.organisation.listPeople());
    expect(people.find((p) => p.email === 'dee@acme.example')?.slackId).toBe('U0BO0002');
    expect(people.find((p) => p.email === 'bo@acme.example')?.slackId).toBeNull();
  });

  it('two people can swap Slack ids in one import', () => {
    const t = makeTestCore();
    imported(t, withLine(21, 'roles: [auditor]', '    roles: [auditor]\n    slack: U0BO0002'));
    const swapped = withLine(21, 'roles: [auditor]', '    roles: [auditor]\n    slack: U0ANA0001', withLine(16, 'slack: U0ANA0001', '    slack: U0BO0002'));
    const result = imported(t, swapped);
    expect(result.changes.people.changed.map((c) => c.key)).toEqual(['ana@acme.example', 'bo@acme.example']);
    const people = t.core.store.transaction((tx) => tx.organisation.listPeople());
    expect(people.find((p) => p.email === 'ana@acme.example')?.slackId).toBe('U0BO0002');
    expect(people.find((p) => p.email === 'bo@acme.example')?.slackId).toBe('U0ANA0001');
  });
});
