import type { EvidenceFilter, EvidenceRequestRecord, NewEvidenceRequest } from './types.js';

/** Storage of evidence requests (their reminder stages are in `reminders`, src/core/reminders/ports.ts). */
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
  /** Records that `by` submitted evidence on the request at `at`. */
  addSubmission(requestId: number, by: string, at: string): void;
  /** Whether `email` ever submitted evidence on the request, whoever owns it now. */
  everSubmittedBy(requestId: number, email: string): boolean;
}
