// A small organisation for the console tests: a lead with a manager and their own time zone,
// an area owner, and someone who has left.
import type { OrganisationSnapshot } from '../../src/core/organisation/types.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

const person = (p: Partial<PersonRecord> & Pick<PersonRecord, 'email' | 'name'>): PersonRecord => ({
  team: null,
  manager: null,
  timezone: null,
  roles: [],
  slackId: null,
  teamsId: null,
  chat: null,
  lastPlatform: null,
  active: true,
  ...p,
});

export const ORG: OrganisationSnapshot = {
  organisation: { name: 'Acme Ltd', timezone: 'Europe/London' },
  teams: [
    { key: 'isms', name: 'Information Security', active: true },
    { key: 'platform', name: 'Platform Engineering', active: true },
  ],
  people: [
    person({ email: 'ceo@acme.example', name: 'Cara Okafor', roles: ['admin'] }),
    person({ email: 'ana@acme.example', name: 'Ana Ruiz', team: 'isms', manager: 'ceo@acme.example', timezone: 'Europe/Madrid', roles: ['auditor', 'lead'] }),
    person({ email: 'bo@acme.example', name: 'Bo Lindqvist', team: 'platform', manager: 'ceo@acme.example', roles: ['auditor'] }),
    person({ email: 'gone@acme.example', name: 'Gone Away', team: 'platform', active: false }),
  ],
  areas: [
    {
      key: 'iam',
      name: 'Identity and access management',
      team: 'platform',
      owner: 'bo@acme.example',
      risk: 'high',
      criteria: [],
      active: true,
      scope: [
        { requirement: '9.2', kind: 'clause', owner: 'bo@acme.example' },
        { requirement: 'A.5.15', kind: 'control', owner: 'bo@acme.example' },
        { requirement: 'A.8.5', kind: 'control', owner: 'ana@acme.example' },
      ],
    },
  ],
  applicability: [],
};
