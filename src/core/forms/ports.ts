import type { Form } from '../message.js';
import type { Platform } from '../shared/actor.js';

/** A form as it was shown to one person: the only truth a submission is checked against. */
export interface FormInstanceRecord {
  id: string;
  formId: string;
  /** E-mail of the person it was shown to. */
  person: string;
  platform: Platform;
  form: Form;
  createdAt: string;
  expiresAt: string;
}

export interface FormInstanceRepository {
  insert(instance: FormInstanceRecord): void;
  get(id: string): FormInstanceRecord | null;
  /** Deletes instances that expired before `before`; returns how many. */
  deleteExpiredBefore(before: string): number;
}
