// The shape of the organisation file (docs/organisation-file.md). Structural rules
// only: types, formats, allowed keys and values. Rules that look across entries (unknown
// team, manager cycles, duplicates…) live in parse-organisation-file.ts, because they need
// the whole file and the line of each entry.
import { z } from 'zod';
import { isTimeZone } from '../shared/time-zone.js';
import { ROLES } from '../shared/people.js';

/** A value as a person reading their YAML would call it. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') return v instanceof Uint8Array ? 'binary data' : 'a mapping';
  return typeof v;
}

const EXPECTED: Record<string, string> = { string: 'text', boolean: 'true or false', array: 'a list', object: 'a mapping' };

/** Messages for the issues that no schema below words itself (passed to every parse). */
export const fileErrorMap: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === 'invalid_type') {
    return iss.input === undefined ? 'required' : `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describeValue(iss.input)}`;
  }
  return undefined;
};

/**
 * Every strict object reports its unknown keys through this message so the parser can name
 * each key with the list of keys that are allowed there.
 */
export const ALLOWED_KEYS_PREFIX = 'allowed keys: ';

function strict<T extends z.core.$ZodLooseShape>(shape: T, expected?: string) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') return `${ALLOWED_KEYS_PREFIX}${allowed}`;
      if (expected && iss.code === 'invalid_type' && iss.input !== undefined) return `expected ${expected}, got ${describeValue(iss.input)}`;
      return undefined;
    },
  });
}

const text = z.string().trim().min(1, 'must not be empty');

const key = text.regex(/^[a-z0-9][a-z0-9_-]*$/, {
  error: (iss) => `"${String(iss.input)}" is not a valid key; use lower-case letters, digits, - and _ (e.g. "platform")`,
});

const email = z
  .email({ error: (iss) => `"${String(iss.input)}" is not an e-mail address` })
  .transform((s) => s.toLowerCase());

const timezone = text.refine(isTimeZone, {
  error: (iss) => `unknown time zone "${String(iss.input)}"; use an IANA name such as Europe/London or UTC`,
});

/** Empty YAML values (`areas:` with everything commented out) read as null: an empty list. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => v ?? null);

const role = z.enum(ROLES, {
  error: (iss) => `unknown role "${String(iss.input)}"; use auditor, lead, admin, external or top-management`,
});

const slackId = text.regex(/^[UW][A-Z0-9]{2,}$/, {
  error: (iss) => `"${String(iss.input)}" is not a Slack member id (it looks like U012ABCDEF: profile → ⋮ → Copy member ID)`,
});

const teamsId = text
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: (iss) => `"${String(iss.input)}" is not a Microsoft Entra object id (a GUID such as 6f1c2d3e-0000-4000-8000-5a1b2c3d4e5f)`,
  })
  .transform((s) => s.toLowerCase());

export const organisationSchema = strict({ name: text, timezone });

export const teamSchema = strict({ key, name: text });

/** ISO 3166-1 alpha-2, upper-cased: the key of country holidays. */
const country = text.regex(/^[A-Za-z]{2}$/, { error: (iss) => `"${String(iss.input)}" is not a two-letter country code such as GB, US, JP or MX` }).transform((s) => s.toUpperCase());

/** YAML may read an unquoted date as a timestamp; both read as `YYYY-MM-DD`. */
const calendarDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  text.refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).getTime() === Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) && Number(s.slice(5, 7)) <= 12, {
    error: (iss) => `"${String(iss.input)}" is not a date; write it as YYYY-MM-DD, e.g. 2027-12-25`,
  }),
);

/** A day off: `2027-12-25`, or `{ date, name, teams, countries }` for some teams or countries only. */
export const holidaySchema = z.preprocess(
  (v) => (typeof v === 'string' || v instanceof Date ? { date: v } : v),
  strict({ date: calendarDate, name: optional(text), teams: list(key), countries: list(country) }, 'a date or { date, name, teams, countries }'),
);

export const personSchema = strict({
  email,
  name: text,
  team: optional(key),
  manager: optional(email),
  timezone: optional(timezone),
  roles: list(role),
  slack: optional(slackId),
  teams: optional(teamsId),
  chat: optional(z.enum(['slack', 'teams'], { error: (iss) => `unknown chat platform "${String(iss.input)}"; use slack or teams` })),
  country: optional(country),
});

/** A clause or control in an area: `"9.2"`, or `{ id: "9.2", owner: someone@… }`. */
const scopeEntry = (what: string) =>
  z.preprocess((v) => (typeof v === 'string' ? { id: v } : v), strict({ id: text, owner: optional(email) }, `${what} id or { id, owner }`));

export const areaSchema = strict({
  key,
  name: text,
  team: key,
  owner: email,
  risk: z.enum(['low', 'medium', 'high'], { error: (iss) => `unknown risk "${String(iss.input)}"; use low, medium or high` }),
  criteria: list(text),
  clauses: list(scopeEntry('a clause')),
  controls: list(scopeEntry('a control')),
});

export const applicabilitySchema = strict({
  control: text,
  applicable: z.boolean(),
  justification: optional(text),
});

/** Who provides which input of clause 9.3.2, by its letter. */
export const reviewInputsSchema = strict({ a: optional(email), b: optional(email), c: optional(email), d: optional(email), e: optional(email), f: optional(email), g: optional(email) });

export const managementReviewSchema = strict({
  // Numbers reach the schema as written (keepNumbersAsWritten), so `6` arrives as "6".
  every_months: optional(
    z
      .string({ error: (iss) => `expected a whole number of months, got ${describeValue(iss.input)}` })
      .trim()
      .regex(/^\d{1,3}$/, 'must be a whole number of months, such as 6')
      .transform(Number)
      .pipe(z.number().min(1, 'must be at least 1 month').max(36, 'must be at most 36 months; the standard asks for reviews at planned intervals')),
  ),
  chair: optional(email),
  inputs: optional(reviewInputsSchema),
});

export const organisationFileSchema = strict({
  organisation: organisationSchema,
  teams: z.array(teamSchema).min(1, 'needs at least one team'),
  people: z.array(personSchema).min(1, 'needs at least one person'),
  areas: list(areaSchema),
  applicability: list(applicabilitySchema),
  holidays: list(holidaySchema),
  management_review: optional(managementReviewSchema),
});

export type OrganisationFile = z.output<typeof organisationFileSchema>;
export type PersonEntry = z.output<typeof personSchema>;
export type AreaEntry = z.output<typeof areaSchema>;
export type TeamEntry = z.output<typeof teamSchema>;
export type ApplicabilityEntry = z.output<typeof applicabilitySchema>;
