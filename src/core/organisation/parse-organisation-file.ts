// Reads the organisation file into a snapshot, or explains everything that is wrong with it at
// once: a person fixing a 40-person file should not have to run the import once per typo.
// Each problem names the file, the line and the field, e.g.
//   org.yaml:42 people[3].team: unknown team "secops"
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { parseRequirement } from '../catalogue/requirement-references.js';
import {
  ALLOWED_KEYS_PREFIX,
  areaSchema,
  fileErrorMap,
  managementReviewSchema,
  organisationFileSchema,
  personSchema,
  reviewInputsSchema,
  type AreaEntry,
  type OrganisationFile,
} from './organisation-file-schema.js';
import { type ManagementReviewSettings, type OrganisationSnapshot, type ScopeItem } from './types.js';
import { ROLES } from '../shared/people.js';

/** Larger than any real organisation file by far; refused before parsing so YAML never sees it. */
export const MAX_ORGANISATION_FILE_BYTES = 1024 * 1024;

export interface OrganisationFileError {
  /** 1-based line of the offending node; null when the file was refused before parsing. */
  line: number | null;
  /** Where in the file, e.g. `people[3].team`; empty for the file as a whole. */
  path: string;
  message: string;
  /** The whole line as shown to people: `org.yaml:42 people[3].team: unknown team "secops"`. */
  text: string;
}

export type ParseOrganisationResult = { ok: true; snapshot: OrganisationSnapshot } | { ok: false; errors: OrganisationFileError[] };

type Path = readonly PropertyKey[];

export function formatFileError(fileName: string, line: number | null, path: string, message: string): string {
  const where = line === null ? fileName : `${fileName}:${line}`;
  return path === '' ? `${where}: ${message}` : `${where} ${path}: ${message}`;
}

export const formatPath = (path: Path): string =>
  path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc === '' ? String(seg) : `${acc}.${String(seg)}`), '');

export function fileSizeError(fileName: string, bytes: number): OrganisationFileError {
  const mb = (bytes / (1024 * 1024)).toFixed(1);
  const message = `the file is ${mb} MB; an organisation file may be at most 1 MB (a 40-person company needs about 20 KB). Check that this is the right file`;
  return { line: null, path: '', message, text: formatFileError(fileName, null, '', message) };
}

/** UTF-8 size without allocating a copy: the limit is about bytes on disk. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Finds lines for paths in the parsed document. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private lineOfNode(node: unknown): number | null {
    const range = (node as YamlNode | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : null;
  }

  /** Line of the node at `path`, or of the nearest ancestor that exists (a missing key's map). */
  line(path: Path): number {
    let node: unknown = this.doc.contents;
    let line = this.lineOfNode(node) ?? 1;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        line = this.lineOfNode(pair.key) ?? line;
        node = pair.value;
        line = this.lineOfNode(node) ?? line;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        line = this.lineOfNode(node) ?? line;
      } else break;
    }
    return line;
  }

  /** Line of the key `name` in the mapping at `path` (for unknown keys). */
  keyLine(path: Path, name: string): number {
    const node = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      const line = pair ? this.lineOfNode(pair.key) : null;
      if (line !== null) return line;
    }
    return this.line(path);
  }
}

interface Problem {
  line: number;
  path: Path;
  message: string;
}

const YAML_MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second "---" line); keep the whole organisation in one document',
  DUPLICATE_KEY: 'this key appears twice in the same mapping; keep one',
  TAB_AS_INDENT: 'tabs are not allowed for indentation; indent with spaces',
  TAG_RESOLVE_FAILED: 'unknown YAML tag; remove the "!" tag',
};

const INDEPENDENT_YAML_ERRORS = new Set<string>(['DUPLICATE_KEY', 'MULTIPLE_DOCS', 'TAG_RESOLVE_FAILED']);

/** YAML's own complaints: syntax, duplicate keys, anchors, keys that are lists. */
function yamlProblems(doc: Document, lines: LineCounter): Problem[] {
  const problems: Problem[] = [];
  // After the first error in the structure itself, YAML reads the rest of the file out of step
  // and every later line seems broken too: only that first one is worth reading. Duplicate keys,
  // extra documents and unknown tags leave the structure intact, so each of them is reported.
  const all = [...doc.errors, ...doc.warnings].sort((a, b) => a.pos[0] - b.pos[0]);
  const firstStructural = all.find((e) => !INDEPENDENT_YAML_ERRORS.has(e.code));
  const shown = all.filter((e) => e === firstStructural || INDEPENDENT_YAML_ERRORS.has(e.code));
  for (const e of shown) {
    const line = lines.linePos(e.pos[0]).line;
    const detail = YAML_MESSAGES[e.code] ?? e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.code;
    problems.push({ line, path: [], message: `YAML syntax error: ${detail}` });
  }
  if (firstStructural) return problems;
  const lineOf = (node: YamlNode): number => (node.range ? lines.linePos(node.range[0]).line : 1);
  visit(doc, {
    Alias(_, node) {
      if (!node.resolve(doc)) problems.push({ line: lineOf(node), path: [], message: `YAML syntax error: alias *${node.source} has no anchor &${node.source} before it` });
    },
    Pair(_, pair) {
      if (isPair(pair) && pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
        problems.push({ line: lineOf(pair.key as YamlNode), path: [], message: 'YAML syntax error: a key must be a plain name, not a list or mapping' });
      }
    },
  });
  return problems;
}

/**
 * No field of the file is a number, and YAML would read `5.10` as 5.1 (control A.5.1, not
 * A.5.10): every number is kept exactly as written.
 */
function keepNumbersAsWritten(doc: Document): void {
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && typeof node.value === 'number' && node.source !== undefined) node.value = node.source;
    },
  });
}

const rawList = (root: Record<string, unknown>, name: string): unknown[] => {
  const v = root[name];
  return Array.isArray(v) ? v : [];
};

const rawString = (v: unknown, field: string): string | null => {
  if (typeof v !== 'object' || v === null) return null;
  const s = (v as Record<string, unknown>)[field];
  return typeof s === 'string' ? s.trim() : null;
};

type Fields = Record<string, unknown>;

const asFields = (v: unknown): Fields | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : null);

/** A field's value when it passes its own schema; null when absent or malformed (its own error says so). */
function valid<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | null {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}

interface PersonView {
  i: number;
  email: string;
  team: string | null;
  manager: string | null;
  roles: string[];
  slack: string | null;
  teams: string | null;
}

interface ScopeEntryView {
  j: number;
  id: string;
  owner: string | null;
  /** Written as `"9.2"` rather than `{ id: "9.2" }`: the error points at the entry itself. */
  scalar: boolean;
}

const KINDS = ['clauses', 'controls'] as const;

/**
 * The checks that look across entries. They read each field on its own, so a person with a bad
 * role still has their team checked: every problem of the file is reported in one run.
 */
function crossProblems(root: Record<string, unknown>, at: Locator): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Path, message: string) => problems.push({ line: at.line(path), path, message });
  const entries = (name: string): { i: number; f: Fields }[] =>
    rawList(root, name).flatMap((v, i) => {
      const f = asFields(v);
      return f ? [{ i, f }] : [];
    });

  // Names that exist, read leniently so one malformed entry does not also make every
  // reference to it "unknown".
  const teamFirst = new Map<string, number>();
  for (const { i, f } of entries('teams')) {
    const key = rawString(f, 'key');
    if (key === null) continue;
    const first = teamFirst.get(key);
    if (first === undefined) teamFirst.set(key, i);
    else add(['teams', i, 'key'], `duplicate team key "${key}" (first at line ${at.line(['teams', first, 'key'])})`);
  }
  const personFirst = new Map<string, number>();
  for (const { i, f } of entries('people')) {
    const email = rawString(f, 'email')?.toLowerCase();
    if (!email) continue;
    const first = personFirst.get(email);
    if (first === undefined) personFirst.set(email, i);
    else add(['people', i, 'email'], `duplicate e-mail "${email}" (first at line ${at.line(['people', first, 'email'])})`);
  }

  // When a whole section is malformed its own error says so; every reference to it would only
  // repeat that error.
  const teamsKnown = Array.isArray(root.teams);
  const peopleKnown = Array.isArray(root.people);
  const unknownTeam = (team: string) => teamsKnown && !teamFirst.has(team);
  const unknownPerson = (email: string) => peopleKnown && !personFirst.has(email);

  // A holiday for a team that does not exist would silently apply to no one.
  for (const { i, f } of entries('holidays')) {
    const teams = Array.isArray(f.teams) ? f.teams : [];
    teams.forEach((team, k) => {
      if (typeof team === 'string' && unknownTeam(team)) add(['holidays', i, 'teams', k], `unknown team "${team}"`);
    });
  }

  const shape = personSchema.shape;
  const people: PersonView[] = entries('people').flatMap(({ i, f }) => {
    const email = valid(shape.email, f.email);
    if (email === null) return [];
    const roles = Array.isArray(f.roles) ? f.roles.filter((r): r is string => typeof r === 'string' && (ROLES as readonly string[]).includes(r)) : [];
    return [{ i, email, team: valid(shape.team, f.team), manager: valid(shape.manager, f.manager), roles, slack: valid(shape.slack, f.slack), teams: valid(shape.teams, f.teams) }];
  });
  const byEmail = new Map<string, PersonView>();
  for (const p of people) if (!byEmail.has(p.email)) byEmail.set(p.email, p);
  const isExternal = (email: string) => byEmail.get(email)?.roles.includes('external') ?? false;

  const checkPerson = (path: Path, email: string | null, what: string) => {
    if (email === null) return;
    if (unknownPerson(email)) add(path, `unknown person "${email}"`);
    else if (isExternal(email)) add(path, `${email} is an external auditor and cannot own ${what}; name someone inside the organisation`);
  };

  const chatIds = { slack: new Map<string, PersonView>(), teams: new Map<string, PersonView>() };
  for (const p of people) {
    if (p.team !== null && unknownTeam(p.team)) add(['people', p.i, 'team'], `unknown team "${p.team}"`);
    if (p.team !== null && p.roles.includes('external')) {
      add(['people', p.i, 'team'], 'an external auditor belongs to no team (that is what keeps them independent); remove team or the external role');
    }
    if (p.manager !== null && unknownPerson(p.manager)) add(['people', p.i, 'manager'], `unknown person "${p.manager}"`);
    for (const platform of ['slack', 'teams'] as const) {
      const id = p[platform];
      if (id === null) continue;
      const first = chatIds[platform].get(id);
      if (first === undefined) chatIds[platform].set(id, p);
      else add(['people', p.i, platform], `${platform === 'slack' ? 'Slack' : 'Teams'} id "${id}" is already given to ${first.email} (line ${at.line(['people', first.i, platform])})`);
    }
  }
  for (const cycle of managerCycles(people, byEmail)) {
    const first = cycle[0] as PersonView;
    add(['people', first.i, 'manager'], `manager cycle: ${[...cycle, first].map((p) => p.email).join(' → ')}; someone in it must report outside it`);
  }

  const excluded = new Map<string, number>();
  const soaFirst = new Map<string, number>();
  for (const { i, f } of entries('applicability')) {
    const written = rawString(f, 'control');
    if (!written) continue;
    const control = parseRequirement(written, 'control');
    if (!control) {
      add(['applicability', i, 'control'], unknownControl(written));
      continue;
    }
    const first = soaFirst.get(control.id);
    if (first !== undefined) add(['applicability', i, 'control'], `${control.id} is listed twice (first at line ${at.line(['applicability', first, 'control'])})`);
    else soaFirst.set(control.id, i);
    if (f.applicable === false) {
      excluded.set(control.id, i);
      if (f.justification === undefined || f.justification === null) {
        add(['applicability', i, 'justification'], 'required when applicable is false: say why the control does not apply');
      }
    }
  }

  const areaFirst = new Map<string, number>();
  for (const { i, f } of entries('areas')) {
    const key = rawString(f, 'key');
    if (key !== null) {
      const first = areaFirst.get(key);
      if (first === undefined) areaFirst.set(key, i);
      else add(['areas', i, 'key'], `duplicate area key "${key}" (first at line ${at.line(['areas', first, 'key'])})`);
    }
    const base = ['areas', i] as const;
    const team = valid(areaSchema.shape.team, f.team);
    if (team !== null && unknownTeam(team)) add([...base, 'team'], `unknown team "${team}"`);
    checkPerson([...base, 'owner'], valid(areaSchema.shape.owner, f.owner), 'an area');
    for (const kind of KINDS) {
      const seen = new Map<string, number>();
      for (const entry of scopeEntries(f[kind])) {
        const idPath: Path = entry.scalar ? [...base, kind, entry.j] : [...base, kind, entry.j, 'id'];
        const requirement = parseRequirement(entry.id, kind === 'controls' ? 'control' : 'clause');
        if (!requirement || requirement.kind !== (kind === 'controls' ? 'control' : 'clause')) {
          add(idPath, kind === 'controls' ? unknownControl(entry.id) : unknownClause(entry.id));
        } else {
          const first = seen.get(requirement.id);
          if (first !== undefined) add(idPath, `${requirement.id} is listed twice in this area (first at line ${at.line([...base, kind, first])})`);
          else seen.set(requirement.id, entry.j);
          const exclusion = excluded.get(requirement.id);
          if (exclusion !== undefined) {
            add(idPath, `${requirement.id} is excluded in applicability (line ${at.line(['applicability', exclusion])}); remove it here or mark it applicable`);
          }
        }
        checkPerson([...base, kind, entry.j, 'owner'], entry.owner, kind === 'controls' ? 'a control' : 'a clause');
      }
    }
  }
  const review = asFields(root.management_review);
  if (review) {
    checkPerson(['management_review', 'chair'], valid(managementReviewSchema.shape.chair, review.chair), 'the management review');
    const inputs = asFields(review.inputs);
    for (const letter of Object.keys(reviewInputsSchema.shape) as (keyof typeof reviewInputsSchema.shape)[]) {
      checkPerson(['management_review', 'inputs', letter], inputs ? valid(reviewInputsSchema.shape[letter], inputs[letter]) : null, `input (${letter}) of the management review`);
    }
  }
  return problems;
}

function scopeEntries(list: unknown): ScopeEntryView[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((e, j): ScopeEntryView[] => {
    if (typeof e === 'string') return e.trim() === '' ? [] : [{ j, id: e.trim(), owner: null, scalar: true }];
    const f = asFields(e);
    const id = f ? rawString(f, 'id') : null;
    if (!f || !id) return [];
    return [{ j, id, owner: valid(personSchema.shape.manager, f.owner), scalar: false }];
  });
}

function unknownControl(id: string): string {
  const clause = parseRequirement(id, 'clause');
  const hint = clause && parseRequirement(id, 'control') === null ? `; ${clause.id} is a clause: list it under clauses` : '; Annex A controls run from 5.1 to 8.34';
  return `unknown Annex A control "${id}"${hint}`;
}

function unknownClause(id: string): string {
  const control = parseRequirement(id, 'control');
  if (control && /^[Aa]/.test(id.trim())) return `"${id}" is an Annex A control (${control.id}); list it under controls`;
  return `unknown clause "${id}"; clauses run from 4.1 to 10.2 (e.g. 9.2, 6.1.2)`;
}

/** Each cycle once, starting from its member listed first in the file. */
function managerCycles(people: PersonView[], byEmail: Map<string, PersonView>): PersonView[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: PersonView[][] = [];
  for (const start of people) {
    const chain: PersonView[] = [];
    let current: PersonView | undefined = start;
    while (current && !state.has(current.email)) {
      state.set(current.email, 'visiting');
      chain.push(current);
      current = current.manager === null ? undefined : byEmail.get(current.manager);
    }
    if (current && state.get(current.email) === 'visiting') {
      const cycle = chain.slice(chain.indexOf(current));
      const firstAt = cycle.reduce((m, p, k) => (p.i < (cycle[m] as PersonView).i ? k : m), 0);
      cycles.push([...cycle.slice(firstAt), ...cycle.slice(0, firstAt)]);
    }
    for (const p of chain) state.set(p.email, 'done');
  }
  return cycles;
}

function toSnapshot(file: OrganisationFile): OrganisationSnapshot {
  const scope = (area: AreaEntry): ScopeItem[] => [
    ...area.clauses.map((c) => ({ requirement: (parseRequirement(c.id, 'clause') as { id: string }).id, kind: 'clause' as const, owner: c.owner ?? area.owner })),
    ...area.controls.map((c) => ({ requirement: (parseRequirement(c.id, 'control') as { id: string }).id, kind: 'control' as const, owner: c.owner ?? area.owner })),
  ];
  return {
    organisation: {
      name: file.organisation.name,
      timezone: file.organisation.timezone,
      holidays: file.holidays.map((h) => ({ date: h.date, name: h.name, teams: [...h.teams].sort(), countries: [...h.countries].sort() })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      ...(file.management_review
        ? {
            managementReview: {
              everyMonths: file.management_review.every_months,
              chair: file.management_review.chair,
              inputs: Object.fromEntries(Object.entries(file.management_review.inputs ?? {}).filter(([, v]) => v !== null)) as ManagementReviewSettings['inputs'],
            },
          }
        : {}),
    },
    teams: file.teams.map((t) => ({ key: t.key, name: t.name, active: true })),
    people: file.people.map((p) => ({
      email: p.email,
      name: p.name,
      team: p.team,
      manager: p.manager,
      timezone: p.timezone,
      // One order for roles, so writing them in another order is not a change.
      roles: ROLES.filter((r) => p.roles.includes(r)),
      slackId: p.slack,
      teamsId: p.teams,
      chat: p.chat,
      lastPlatform: null,
      active: true,
      country: p.country,
    })),
    areas: file.areas.map((a) => ({
      key: a.key,
      name: a.name,
      team: a.team,
      owner: a.owner,
      risk: a.risk,
      criteria: a.criteria,
      active: true,
      scope: scope(a),
    })),
    applicability: file.applicability.map((s) => ({
      control: (parseRequirement(s.control, 'control') as { id: string }).id,
      applicable: s.applicable,
      justification: s.justification ?? '',
    })),
  };
}

const WHAT_IT_HOLDS = 'organisation, teams, people, areas and applicability (see examples/org.yaml)';

/** Parses the organisation file. Pure: the caller reads the file and decides what to do. */
export function parseOrganisationFile(fileName: string, text: string): ParseOrganisationResult {
  const fail = (problems: Problem[]): ParseOrganisationResult => {
    const seen = new Set<string>();
    const errors: OrganisationFileError[] = [];
    for (const p of [...problems].sort((a, b) => a.line - b.line)) {
      const path = formatPath(p.path);
      const line = formatFileError(fileName, p.line, path, p.message);
      if (seen.has(line)) continue;
      seen.add(line);
      errors.push({ line: p.line, path, message: p.message, text: line });
    }
    return { ok: false, errors };
  };

  const bytes = text.length > MAX_ORGANISATION_FILE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_ORGANISATION_FILE_BYTES) return { ok: false, errors: [fileSizeError(fileName, bytes)] };

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = yamlProblems(doc, lines);
  if (syntax.length > 0) return fail(syntax);
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return fail([{ line: 1, path: [], message: `the file is empty; it should describe ${WHAT_IT_HOLDS}` }]);
  }
  keepNumbersAsWritten(doc);
  let raw: unknown;
  try {
    // Aliases can multiply a small file into a huge tree; 100 is more than any real file uses.
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message = /alias count/i.test((e as Error).message)
      ? 'the file repeats its aliases (*name) more than 100 times; write the entries out instead'
      : (e as Error).message;
    return fail([{ line: 1, path: [], message: `YAML syntax error: ${message}` }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const got = Array.isArray(raw) ? 'a list' : 'a single value';
    return fail([{ line: new Locator(doc, lines).line([]), path: [], message: `the file must be a mapping of ${WHAT_IT_HOLDS}; got ${got}` }]);
  }

  const at = new Locator(doc, lines);
  const problems: Problem[] = [];
  const parsed = organisationFileSchema.safeParse(raw, { error: fileErrorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const allowed = issue.message.startsWith(ALLOWED_KEYS_PREFIX) ? ` (${issue.message})` : '';
        for (const key of issue.keys) problems.push({ line: at.keyLine(issue.path, key), path: issue.path, message: `unknown key "${key}"${allowed}` });
      } else {
        problems.push({ line: at.line(issue.path), path: issue.path, message: issue.message });
      }
    }
  }
  problems.push(...crossProblems(raw as Record<string, unknown>, at));
  if (problems.length > 0 || !parsed.success) return fail(problems);
  return { ok: true, snapshot: toSnapshot(parsed.data) };
}
