// Who a person is to the audit: their team, roles and manager, and the parts of the ISMS they
// own (areas, clauses and Annex A controls). Answers `whoami` on every chat platform.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { compareRequirements, requirementTitle } from '../catalogue/requirement-references.js';
import type { Role } from '../shared/people.js';

export const describePersonInput = z.object({
  email: z.string().trim().toLowerCase().email('an e-mail address such as ana@acme.example'),
});

export interface OwnedRequirement {
  /** `9.2` or `A.5.15` */
  id: string;
  title: string;
  /** Keys of the areas in whose scope the person owns it. */
  areas: string[];
}

export interface PersonDescription {
  email: string;
  name: string;
  team: { key: string; name: string } | null;
  roles: Role[];
  manager: { email: string; name: string } | null;
  /** The person's own time zone, else the organisation's. */
  timezone: string;
  timezoneIsOrganisationDefault: boolean;
  areasOwned: { key: string; name: string; risk: string }[];
  clausesOwned: OwnedRequirement[];
  controlsOwned: OwnedRequirement[];
}

export function describePerson(core: Core, input: z.input<typeof describePersonInput>): PersonDescription {
  const parsed = describePersonInput.safeParse(input);
  if (!parsed.success) {
    throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'email'), i.message])));
  }
  const { email } = parsed.data;
  return core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(email);
    if (!person || !person.active) {
      throw new AuditbotError('unknown_person', `${email} is not an active person in the organisation. Check the e-mail, or add them to the organisation file and import it again.`);
    }
    const team = person.team ? tx.organisation.listTeams().find((t) => t.key === person.team) : undefined;
    const manager = person.manager ? tx.organisation.getPerson(person.manager) : null;
    const areas = tx.organisation.listAreas();
    const owned = new Map<string, OwnedRequirement>();
    for (const area of areas) {
      for (const item of area.scope) {
        if (item.owner !== person.email) continue;
        const entry = owned.get(item.requirement) ?? { id: item.requirement, title: requirementTitle(item.requirement) ?? '', areas: [] };
        entry.areas.push(area.key);
        owned.set(item.requirement, entry);
      }
    }
    const requirements = [...owned.values()].sort((a, b) => compareRequirements(a.id, b.id));
    return {
      email: person.email,
      name: person.name,
      team: person.team ? { key: person.team, name: team?.name ?? person.team } : null,
      roles: person.roles,
      manager: person.manager ? { email: person.manager, name: manager?.name ?? person.manager } : null,
      // Read from the store, not the settings: an import earlier in this process may have changed it.
      timezone: person.timezone ?? tx.organisation.getOrganisation()?.timezone ?? core.settings.timezone,
      timezoneIsOrganisationDefault: person.timezone === null,
      areasOwned: areas.filter((a) => a.owner === person.email).map((a) => ({ key: a.key, name: a.name, risk: a.risk })),
      clausesOwned: requirements.filter((r) => !r.id.startsWith('A.')),
      controlsOwned: requirements.filter((r) => r.id.startsWith('A.')),
    };
  });
}
