// Who may steer the programme. Planning, overriding an assignment and moving an audit through
// its lifecycle are the audit lead's (the ISMS manager's) decisions; the scheduler may only
// start audits whose window has come.
import { SYSTEM_ACTOR, type Actor } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { PersonRecord } from '../organisation/types.js';
import type { Tx } from '../ports.js';

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
