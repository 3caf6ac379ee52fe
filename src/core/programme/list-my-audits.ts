// The audits a person is on as lead or second auditor, current ones first.
import { z } from 'zod';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import type { AuditorRole } from './types.js';
import { auditView, type AuditView } from './programme-views.js';

export const listMyAuditsInput = z.object({
  email: z.string().trim().toLowerCase().email('an e-mail address such as ana@acme.example'),
});

export interface MyAudit {
  role: AuditorRole;
  audit: AuditView;
}

const ORDER = { in_progress: 0, reporting: 1, planned: 2, closed: 3 } as const;

export function listMyAudits(core: Core, input: z.input<typeof listMyAuditsInput>): MyAudit[] {
  const parsed = listMyAuditsInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'email'), i.message])));
  return core.store.transaction((tx) => {
    const mine = tx.programme.listAssignments({ email: parsed.data.email });
    const result: MyAudit[] = [];
    for (const row of mine) {
      const audit = tx.programme.getAudit(row.auditId);
      if (audit) result.push({ role: row.role, audit: auditView(audit, tx.programme.listAssignments({ auditId: audit.id })) });
    }
    return result.sort((a, b) => ORDER[a.audit.status] - ORDER[b.audit.status] || (a.audit.start < b.audit.start ? -1 : a.audit.start > b.audit.start ? 1 : a.audit.id < b.audit.id ? -1 : 1));
  });
}
