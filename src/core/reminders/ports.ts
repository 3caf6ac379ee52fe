/**
 * The `reminders` table: every stage already queued for a subject (a reminder, an escalation, a
 * one-off notice such as a possible major nonconformity or a refused chat account), so that none
 * is ever queued twice.
 */
export interface ReminderRepository {
  /** Records that `stage` was queued for `subject`; false (and nothing written) when it had been already. */
  record(subject: string, stage: string, at: string): boolean;
  /** Stages already queued for these subjects, by subject; subjects with none are absent. */
  sent(subjects: readonly string[]): Map<string, Set<string>>;
  /** Whether `stage` was queued for `subject`. */
  has(subject: string, stage: string): boolean;
}
