// Who the CLI acts as. Commands that change the programme are a lead's; on a machine run by
// the ISMS manager there is usually exactly one lead, who is the default.
import type { Core } from '../core/context.js';
import { UsageError } from './framework.js';
import type { Actor } from '../core/shared/actor.js';

export function cliActor(core: Core, as: unknown): Actor {
  if (typeof as === 'string' && as.trim() !== '') return { email: as.trim().toLowerCase(), channel: 'cli' };
  const leads = core.store.transaction((tx) => tx.organisation.listPeople()).filter((p) => p.roles.includes('lead'));
  const only = leads[0];
  if (leads.length === 1 && only) return { email: only.email, channel: 'cli' };
  if (leads.length === 0) {
    throw new UsageError('Nobody holds the lead role yet. Give the ISMS manager `roles: [lead]` in the organisation file and import it, then try again (or say who you are with --as <email>).');
  }
  throw new UsageError(`There are ${leads.length} audit leads (${leads.map((p) => p.email).join(', ')}): say which one you are with --as <email>.`);
}
