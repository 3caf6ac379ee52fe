// People as every capability sees them: who they are, whose calendar a date is counted in, and
// who may steer the programme. Planning, overriding an assignment and moving an audit through
// its lifecycle are the audit lead's (the ISMS manager's) decisions; the scheduler may only
// start audits whose window has come.
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Tx } from '../ports.js';
import { SYSTEM_ACTOR, type Actor } from './actor.js';
import { DEFAULT_WORKING_HOURS, localDate, type WorkingHours } from './working-time.js';
import { holidayDaysFor, type HolidayPerson } from './holidays.js';

// `top-management` (ISO/IEC 27001 clause 5.1): audits nothing, but in a small company approves
// what the only audit lead may not approve alone (issue 14.7): independence exceptions, and the
// verification of an action the only internal auditor owns.
export const ROLES = ['auditor', 'lead', 'admin', 'external', 'top-management'] as const;
export type Role = (typeof ROLES)[number];

export interface PersonRecord {
  email: string;
  name: string;
  team: string | null;
  manager: string | null;
  timezone: string | null;
  roles: Role[];
  slackId: string | null;
  teamsId: string | null;
  chat: 'slack' | 'teams' | null;
  lastPlatform: 'slack' | 'teams' | 'console' | null;
  active: boolean;
  /** ISO 3166 country code from the organisation file, for country holidays. */
  country?: string | null;
}

export function activePerson(tx: Tx, email: string): PersonRecord {
  const person = tx.organisation.getPerson(email);
  if (!person?.active) {
    throw new AuditbotError('forbidden', `${email} is not an active person in the organisation file. An admin can add them and re-import the file.`);
  }
  return person;
}

export const workingHoursOf = (core: Core): WorkingHours => core.settings.workingHours ?? DEFAULT_WORKING_HOURS;

/**
 * The working calendar a date is counted in for `person`: the configured working hours and days,
 * less the organisation file's holidays that apply to them (null: the organisation-wide ones).
 */
export function workingHoursFor(tx: Tx, core: Core, person: HolidayPerson | null): WorkingHours {
  const holidays = tx.organisation.getOrganisation()?.holidays ?? [];
  const hours = workingHoursOf(core);
  return holidays.length === 0 ? hours : { ...hours, holidays: holidayDaysFor(holidays, person) };
}

/** The organisation file's time zone once imported, else the configured one. */
export const organisationTimezone = (tx: Tx, core: Core): string => tx.organisation.getOrganisation()?.timezone ?? core.settings.timezone;

/** A person's own time zone, else the organisation's. */
export const timezoneOf = (tx: Tx, core: Core, person: Pick<PersonRecord, 'timezone'> | null): string => person?.timezone ?? organisationTimezone(tx, core);

/** Today's date in a person's time zone. */
export const todayFor = (tx: Tx, core: Core, person: Pick<PersonRecord, 'timezone'> | null): string => localDate(core.clock.now(), timezoneOf(tx, core, person));

export const isLead = (p: Pick<PersonRecord, 'roles' | 'active'>): boolean => p.active && p.roles.includes('lead');

export const activeLeads = (tx: Tx): PersonRecord[] => tx.organisation.listPeople().filter(isLead);

export const isScheduler = (actor: Actor): boolean => actor.email === SYSTEM_ACTOR && actor.channel === 'scheduler';

/** The acting lead; refuses anyone else with a message naming who can do it. */
export function requireLead(tx: Tx, actor: Actor, what: string): PersonRecord {
  const person = tx.organisation.getPerson(actor.email);
  if (!person || !person.active) {
    throw new AuditbotError('unknown_person', `${actor.email} is not an active person in the organisation, so cannot ${what}. Check the e-mail, or add them to the organisation file and import it again.`);
  }
  if (!isLead(person)) {
    const leads = activeLeads(tx).map((p) => p.email);
    const ask = leads.length > 0 ? `ask ${leads.join(' or ')}` : 'no one holds the lead role yet: give it to the ISMS manager in the organisation file';
    throw new AuditbotError('forbidden', `Only an audit lead can ${what}; ${person.email} does not hold the lead role (${ask}).`);
  }
  return person;
}
