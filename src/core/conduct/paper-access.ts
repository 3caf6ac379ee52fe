// What every working paper needs: the audit, one of its auditors, the audit in progress, the
// requirement in scope; and its trail event.
import type { Core } from '../context.js';
import type { Tx } from '../ports.js';
import type { AuditRecord } from '../programme/types.js';
import type { Actor } from '../shared/actor.js';
import type { PersonRecord } from '../shared/people.js';
import { loadAudit, requireAuditorOf, requireInScope, requireStatus } from './conduct-access.js';
import type { PaperBody, WorkingPaperRecord } from './types.js';

export function openForPapers(tx: Tx, actor: Actor, auditId: string, requirement: string): { audit: AuditRecord; person: PersonRecord } {
  const audit = loadAudit(tx, auditId);
  const person = requireAuditorOf(tx, actor, audit, 'record working papers');
  requireStatus(audit, ['in_progress'], 'record working papers');
  requireInScope(audit, requirement);
  return { audit, person };
}

export function insertPaper(tx: Tx, core: Core, actor: Actor, person: PersonRecord, audit: AuditRecord, requirement: string, body: PaperBody): WorkingPaperRecord {
  const paper = { auditId: audit.id, requirement, body, recordedBy: person.email, recordedAt: core.clock.now().toISOString() };
  const id = tx.conduct.insertPaper(paper);
  tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.working_paper', subject: `audit:${audit.id}`, after: { id, requirement, body: { ...body } } });
  return { id, ...paper };
}
