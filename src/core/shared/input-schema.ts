// Every use case validates its input with its own zod schema; this turns a failed parse into
// one refusal whose messages are keyed by the form field they belong to.
import type { z } from 'zod';
import { validationError, type AuditbotError } from '../errors.js';

/** Parses `input` with `schema`; throws one validation error with the first message for each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw toFieldError(result.error, what);
}

function toFieldError(error: z.ZodError, what: string): AuditbotError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    fields[key] ??= issue.message;
  }
  return validationError(fields, `${what} ${Object.values(fields).join(' ')}`);
}
