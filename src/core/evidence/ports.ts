import type { EvidenceFilter, EvidenceRequestRecord, NewEvidenceRequest } from './types.js';

/** Storage of evidence requests and of the reminder stages already queued for them. */
export interface EvidenceRepository {
  insert(request: NewEvidenceRequest): EvidenceRequestRecord;
  get(id: number): EvidenceRequestRecord | null;
  /** One request per audit and requirement. */
  findByRequirement(auditId: string, requirement: string): EvidenceRequestRecord | null;
  update(id: number, patch: Partial<Omit<EvidenceRequestRecord, 'id' | 'auditId' | 'requirement'>>): EvidenceRequestRecord;
  /** Ordered by audit, then id. */
  list(filter?: EvidenceFilter): EvidenceRequestRecord[];
  /**
   * Requests whose owner still owes evidence (requested or more requested, not handed back as
   * "not mine") on audits in progress: what the nudges job plans over.
   */
  listAwaitingOwner(): EvidenceRequestRecord[];
  /** Reminder stages already queued for the requests `listAwaitingOwner` returns, by request id. */
  stagesSentForAwaiting(): Map<number, Set<string>>;
  /** Records that `stage` was queued for `subject`; false when it had been already. */
  recordStage(subject: string, stage: string, at: string): boolean;
  /** Stages queued for one subject, oldest first. */
  listStages(subject: string): { stage: string; at: string }[];
}
