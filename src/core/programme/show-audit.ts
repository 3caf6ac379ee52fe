// One audit as any active person may see it (it is part of the programme): status, window, areas, scope, criteria, auditors and any
// independence exception.
import { z } from 'zod';
import type { Core } from '../context.js';
import { mayReadAuditHeader } from '../shared/read-policy.js';
import { AuditbotError, validationError } from '../errors.js';
import type { Risk } from '../organisation/types.js';
import { auditView, type AuditView } from './programme-views.js';
import type { Actor } from '../shared/actor.js';

export const showAuditInput = z.object({
  auditId: z.string({ message: 'an audit id such as IA-2027-07' }).trim().toUpperCase().min(1, 'an audit id such as IA-2027-07'),
});

export interface AuditDetail extends AuditView {
  areaDetails: { key: string; name: string; team: string; risk: Risk; owner: string }[];
  auditorNames: Record<string, string>;
}

/** `viewer`, the person asking in chat, must be an active person of the organisation (read-policy.ts). */
export function showAudit(core: Core, input: z.input<typeof showAuditInput>, viewer?: Actor): AuditDetail {
  const parsed = showAuditInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'auditId'), i.message])));
  return core.store.transaction((tx) => {
    const audit = tx.programme.getAudit(parsed.data.auditId);
    const hidden = viewer !== undefined && !mayReadAuditHeader(tx.organisation.getPerson(viewer.email));
    if (!audit || hidden) throw new AuditbotError('not_found', `There is no audit ${parsed.data.auditId}. Type "programme" to see the audits of the cycle.`);
    const view = auditView(audit, tx.programme.listAssignments({ auditId: audit.id }));
    const areaDetails = audit.areas.map((k) => {
      const area = tx.organisation.getArea(k);
      return area ? { key: k, name: area.name, team: area.team, risk: area.risk, owner: area.owner } : { key: k, name: k, team: '', risk: 'medium' as Risk, owner: '' };
    });
    const auditorNames: Record<string, string> = {};
    for (const a of view.auditors) auditorNames[a.email] = tx.organisation.getPerson(a.email)?.name ?? a.email;
    return { ...view, areaDetails, auditorNames };
  });
}
