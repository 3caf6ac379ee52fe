// Every refusal the core makes carries a stable code (for scripts, logs and tests) and a
// message a person can act on. Field errors name the form field so adapters can show each
// message next to its input.

export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'illegal_transition'
  | 'not_independent'
  | 'unknown_person'
  | 'import_failed'
  | 'config_invalid'
  | 'trail_broken'
  | 'internal';

export class AuditbotError extends Error {
  readonly code: ErrorCode;
  /** Per-field messages, keyed by the form field id. */
  readonly fields: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'AuditbotError';
    this.code = code;
    this.fields = fields;
  }
}

export const isAuditbotError = (e: unknown): e is AuditbotError => e instanceof AuditbotError;

export function validationError(fields: Record<string, string>, message?: string): AuditbotError {
  const list = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return new AuditbotError('validation_failed', message ?? `Please fix: ${list.join('; ')}`, fields);
}
