import type { PersonRecord } from '../shared/people.js';
import type { Holiday } from '../shared/holidays.js';

export type Risk = 'low' | 'medium' | 'high';

export interface OrganisationRecord {
  name: string;
  timezone: string;
  /** The organisation file's `holidays`, in date order. */
  holidays?: Holiday[];
}

export interface TeamRecord {
  key: string;
  name: string;
  active: boolean;
}

export interface ScopeItem {
  /** Typed reference: `9.2` or `A.5.15`. */
  requirement: string;
  kind: 'clause' | 'control';
  owner: string;
}

export interface AreaRecord {
  key: string;
  name: string;
  team: string;
  owner: string;
  risk: Risk;
  criteria: string[];
  active: boolean;
  scope: ScopeItem[];
}

export interface ApplicabilityRecord {
  /** `A.7.5` */
  control: string;
  applicable: boolean;
  justification: string;
}

/** The whole organisation as the import sees it; re-importing diffs against this. */
export interface OrganisationSnapshot {
  organisation: OrganisationRecord | null;
  teams: TeamRecord[];
  people: PersonRecord[];
  areas: AreaRecord[];
  applicability: ApplicabilityRecord[];
}
