// An audit's checklist, for its auditors and for audit leads and admins (it lists evidence and
// findings, which others may not see).
import type { Core } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { activePerson } from '../shared/people.js';
import { noSuchAudit, readsEverything } from '../shared/read-policy.js';
import { checklistOf, type Checklist } from './checklist.js';
import { auditorRoleOf, loadAudit } from './conduct-access.js';
import { AuditIdInput } from './report-audit.js';

export function showChecklist(core: Core, actor: Actor, input: unknown): Checklist {
  const { auditId } = parseInput(AuditIdInput, input, 'No checklist to show.');
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email);
    const audit = loadAudit(tx, auditId);
    // Someone who may not read it hears the same as for an audit that does not exist.
    if (!readsEverything(person) && !auditorRoleOf(tx, person.email, audit.id)) throw noSuchAudit(auditId);
    return checklistOf(tx, audit);
  });
}
