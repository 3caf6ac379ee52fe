import type { AreaRecord, ApplicabilityRecord, OrganisationRecord, OrganisationSnapshot, TeamRecord } from './types.js';
import type { PersonRecord } from '../shared/people.js';

export interface OrganisationRepository {
  getOrganisation(): OrganisationRecord | null;
  listTeams(): TeamRecord[];
  /** Active people unless `includeInactive`. */
  listPeople(opts?: { includeInactive?: boolean }): PersonRecord[];
  getPerson(email: string): PersonRecord | null;
  findPersonBySlackId(slackId: string): PersonRecord | null;
  findPersonByTeamsId(teamsId: string): PersonRecord | null;
  /** Active areas with their scope. */
  listAreas(): AreaRecord[];
  getArea(key: string): AreaRecord | null;
  listApplicability(): ApplicabilityRecord[];
  /** Everything, active and not, for the importer's diff. */
  snapshot(): OrganisationSnapshot;
  /** Writes the imported organisation; people, teams and areas missing from it are deactivated, never deleted. */
  applySnapshot(next: OrganisationSnapshot): void;
  /** Records ids and settings learnt from a chat platform (ids, time zone, last platform used). */
  updatePersonContact(
    email: string,
    patch: Partial<Pick<PersonRecord, 'slackId' | 'teamsId' | 'timezone' | 'lastPlatform'>>,
  ): void;
}
