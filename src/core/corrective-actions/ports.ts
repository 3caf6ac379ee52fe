import type { ActionFilter, CorrectiveActionRecord, ExtensionRecord, VerificationRecord } from './types.js';

/** Storage of corrective actions and their verifications (chase stages are in `reminders`). */
export interface ActionRepository {
  /** Stores a new action and links its finding to it (`findings.action_id`). */
  insert(action: CorrectiveActionRecord): void;
  get(id: string): CorrectiveActionRecord | null;
  getByFinding(findingId: string): CorrectiveActionRecord | null;
  update(id: string, patch: Partial<Omit<CorrectiveActionRecord, 'id' | 'findingId' | 'openedAt'>>): CorrectiveActionRecord;
  /** Oldest first (by time opened, then id). */
  list(filter?: ActionFilter): CorrectiveActionRecord[];
  addVerification(verification: VerificationRecord): void;
  /** Oldest first. */
  listVerifications(actionId: string): VerificationRecord[];
  addExtension(extension: ExtensionRecord): void;
  /** Oldest first. */
  listExtensions(actionId: string): ExtensionRecord[];
}
