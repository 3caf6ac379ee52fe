// The organisation in chat: who Auditbot thinks you are, and the person picker of every form.
import { searchPeople } from '../../core/organisation/search-people.js';
import type { Capability } from '../types.js';
import { whoamiCommand } from './whoami-command.js';

export const organisationChat: Capability = {
  name: 'organisation',
  commands: [whoamiCommand],
  searches: [{ source: 'person', search: (core, query, limit) => searchPeople(core, query, limit).map((p) => ({ value: p.email, label: p.label })) }],
};
