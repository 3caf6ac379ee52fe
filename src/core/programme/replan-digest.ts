// What people are told when a programme is re-planned (issue 14 point 8): only the changes that
// concern them, in one message per person per re-plan. Planning and assignment report each
// change here instead of sending it; the re-plan sends the digest once everything is decided, so
// a person moved from second auditor to lead of the same audit reads "you are now its lead
// auditor", not a removal and an assignment.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import type { Tx } from '../ports.js';
import { notifyPerson } from '../shared/notify.js';
import type { PersonRecord } from '../shared/people.js';
import { roleName, windowText } from './programme-notifications.js';
import { compareAuditIds, type AuditRecord, type AuditorRole } from './types.js';

export type ReplanChange =
  | { kind: 'assigned'; audit: AuditRecord; role: AuditorRole }
  | { kind: 'released'; audit: AuditRecord; role: AuditorRole; replacement: string | null }
  | { kind: 'cancelled'; audit: AuditRecord; role: AuditorRole }
  | { kind: 'moved'; audit: AuditRecord; role: AuditorRole; from: Pick<AuditRecord, 'start' | 'end'> }
  | { kind: 'rescoped'; audit: AuditRecord; role: AuditorRole; added: string[]; removed: string[] }
  | { kind: 'needs-external'; audit: AuditRecord };

const KIND_ORDER: Record<ReplanChange['kind'], number> = { cancelled: 0, released: 1, assigned: 2, moved: 3, rescoped: 4, 'needs-external': 5 };

export class ReplanDigest {
  private readonly byPerson = new Map<string, { person: PersonRecord; changes: ReplanChange[] }>();

  add(person: PersonRecord, change: ReplanChange): void {
    const entry = this.byPerson.get(person.email);
    if (entry) entry.changes.push(change);
    else this.byPerson.set(person.email, { person, changes: [change] });
  }

  /** Whether the person already hears of a change to their place on the audit. */
  concerns(email: string, auditId: string): boolean {
    return (this.byPerson.get(email)?.changes ?? []).some((c) => c.audit.id === auditId && c.kind !== 'needs-external');
  }

  /** Queues one message per person; `seq` is the re-plan's trail event, so each re-plan is told once. */
  send(tx: Tx, core: Core, cycle: string, seq: number): string[] {
    const told: string[] = [];
    for (const [email, { person, changes }] of [...this.byPerson].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const message = replanMessage(cycle, changes, core.settings.timezone);
      if (!message) continue;
      notifyPerson(tx, core, person, `programme:${cycle}:replanned:${email}:${seq}`, message);
      told.push(email);
    }
    return told;
  }
}

/** The lines of one person's digest; null when their changes cancel out. */
export function replanMessage(cycle: string, changes: readonly ReplanChange[], timeZone: string): Message | null {
  const sorted = [...changes].sort((a, b) => compareAuditIds(a.audit.id, b.audit.id) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const lines: string[] = [];
  const what = (audit: AuditRecord) => `${audit.id} (${audit.areas.join(', ')}, ${windowText(audit, timeZone)})`;
  for (const c of sorted) {
    switch (c.kind) {
      case 'cancelled':
        lines.push(`${what(c.audit)} is cancelled: the re-planned programme no longer needs it. You were its ${roleName(c.role)}; nothing more is needed from you for it.`);
        break;
      case 'released': {
        const now = sorted.find((o) => o.kind === 'assigned' && o.audit.id === c.audit.id);
        // A new role on the same audit is said once, as the new role.
        if (now) break;
        lines.push(`You are no longer the ${roleName(c.role)} of ${what(c.audit)}${c.replacement ? `; ${c.replacement} takes it over` : ''}. Nothing more is needed from you for it.`);
        break;
      }
      case 'assigned': {
        const was = sorted.find((o) => o.kind === 'released' && o.audit.id === c.audit.id);
        lines.push(
          was && was.kind === 'released'
            ? `You are now the ${roleName(c.role)} of ${what(c.audit)}; you were its ${roleName(was.role)}. Please keep this window free.`
            : `You are now the ${roleName(c.role)} of ${what(c.audit)}. Please keep this window free; the audit starts on its first day.`,
        );
        break;
      }
      case 'moved':
        lines.push(`${c.audit.id} (${c.audit.areas.join(', ')}), where you are the ${roleName(c.role)}, moved from ${windowText(c.from, timeZone)} to ${windowText(c.audit, timeZone)}. Please keep the new window free.`);
        break;
      case 'rescoped': {
        const parts = [c.added.length > 0 ? `added ${c.added.join(', ')}` : '', c.removed.length > 0 ? `removed ${c.removed.join(', ')}` : ''].filter(Boolean);
        lines.push(`The scope of ${what(c.audit)}, where you are the ${roleName(c.role)}, changed: ${parts.join('; ') || 'its criteria changed'}.`);
        break;
      }
      case 'needs-external':
        lines.push(`${what(c.audit)} needs an external auditor: nobody with the auditor role is independent of it. Add one to the organisation file and plan again, or assign someone with a justification: auditbot audit assign ${c.audit.id} --to <email> --justification "<why>"`);
        break;
    }
  }
  if (lines.length === 0) return null;
  const summary = lines.length === 1 ? (lines[0] ?? '') : `The ${cycle} audit programme was re-planned; ${lines.length} changes concern you.`;
  return {
    summary,
    title: `Audit programme ${cycle} re-planned`,
    blocks: [
      { type: 'text', text: `The ${cycle} audit programme was re-planned. What changed for you:` },
      { type: 'list', items: lines },
      { type: 'context', text: 'Why you were chosen for an audit: audit explain <audit id>. Anything else in the programme is unchanged for you.' },
    ],
  };
}
