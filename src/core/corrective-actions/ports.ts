import type { ActionFilter, CorrectiveActionRecord, ExtensionRecord, ExtensionRequestRecord, VerificationRecord } from './types.js';

/** Storage of corrective actions and their verifications (chase stages are in `reminders`). */
export interface ActionRepository {
  /** Stores a new action and links its finding to it (`findings.action_id`). */
  insert(action: CorrectiveActionRecord): void;
  get(id: string): CorrectiveActionRecord | null;
  getByFinding(findingId: string): CorrectiveActionRecord | null;
  update(id: string, patch: Partial<Omit<CorrectiveActionRecord, 'id' | 'findingId' | 'openedAt'>>): CorrectiveActionRecord;
  /** Oldest first (by time opened, then id). */
  list(filter?: ActionFilter): CorrectiveActionRecord[];
  /** Implemented actions (oldest first), each with the e-mail of who raised its finding: what the chase asks verifiers about. */
  listAwaitingVerification(): (CorrectiveActionRecord & { raisedBy: string })[];
  addVerification(verification: VerificationRecord): void;
  /** Oldest first. */
  listVerifications(actionId: string): VerificationRecord[];
  addExtension(extension: ExtensionRecord): void;
  addExtensionRequest(request: Omit<ExtensionRequestRecord, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decision'>): ExtensionRequestRecord;
  /** The request of this action waiting for a decision, if any (at most one). */
  pendingExtensionRequest(actionId: string): ExtensionRequestRecord | null;
  decideExtensionRequest(id: number, decision: Pick<ExtensionRequestRecord, 'status' | 'decidedBy' | 'decidedAt' | 'decision'>): void;
  /** Oldest first. */
  listExtensions(actionId: string): ExtensionRecord[];
}
