// Why an audit has the auditors it has: for each, the preferences that chose them and why
// they count as independent (or the recorded exception), and every person a hard rule kept
// off the audit, with the rule. What is shown is what was recorded when the choice was made.
import { z } from 'zod';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import { mayExplainAudit, noSuchAudit } from '../shared/read-policy.js';
import { auditExclusions, independenceIndexFor } from './assign-auditors.js';
import type { AssignmentRationale, AuditorRole, ExcludedPerson } from './types.js';
import { auditView, type AuditView } from './programme-views.js';
import type { Actor } from '../shared/actor.js';

export const explainAssignmentInput = z.object({
  auditId: z.string({ message: 'an audit id such as IA-2027-07' }).trim().toUpperCase().min(1, 'an audit id such as IA-2027-07'),
});

export interface Explanation {
  audit: AuditView;
  auditors: { email: string; name: string; role: AuditorRole; assignedAt: string; rationale: AssignmentRationale }[];
  excluded: ExcludedPerson[];
  /** Where the exclusions come from: the assignment's record, the needs-external record, or today's organisation. */
  excludedAsOf: 'assignment' | 'needs_external' | 'now';
  withoutAuditorRole: number;
}

const isExcludedList = (v: unknown): v is ExcludedPerson[] =>
  Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof (e as ExcludedPerson).email === 'string' && Array.isArray((e as ExcludedPerson).exclusions));

/**
 * `viewer` is the person asking in chat: only audit leads and the audit's auditors may see the
 * explanation (read-policy.ts); anyone else is answered as if the audit did not exist. The CLI,
 * run by whoever operates Auditbot, passes none.
 */
export function explainAssignment(core: Core, input: z.input<typeof explainAssignmentInput>, viewer?: Actor): Explanation {
  const parsed = explainAssignmentInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'auditId'), i.message])));
  return core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(parsed.data.auditId);
    if (!audit) throw noSuchAudit(parsed.data.auditId);
    if (viewer && !mayExplainAudit(tx, tx.organisation.getPerson(viewer.email), audit.id)) throw noSuchAudit(parsed.data.auditId);
    const rows = tx.programme.listAssignments({ auditId: audit.id });
    const view = auditView(audit, rows);
    const auditors = view.auditors.flatMap((a) => {
      const row = rows.find((r) => r.role === a.role);
      return row ? [{ email: row.email, name: tx.organisation.getPerson(row.email)?.name ?? row.email, role: row.role, assignedAt: row.assignedAt, rationale: row.rationale }] : [];
    });
    const recorded = auditors[0]?.rationale;
    if (recorded) return { audit: view, auditors, excluded: recorded.excluded, excludedAsOf: 'assignment', withoutAuditorRole: recorded.withoutAuditorRole };
    const needs = audit.needsExternalAuditor ? tx.programme.needsExternalRecord(audit.id) : null;
    if (needs && isExcludedList(needs.excluded)) {
      return { audit: view, auditors, excluded: needs.excluded, excludedAsOf: 'needs_external', withoutAuditorRole: typeof needs.withoutAuditorRole === 'number' ? needs.withoutAuditorRole : 0 };
    }
    const index = independenceIndexFor(tx);
    return { audit: view, auditors, excluded: auditExclusions(index, audit).excluded, excludedAsOf: 'now', withoutAuditorRole: index.withoutAnyRole };
  });
}
