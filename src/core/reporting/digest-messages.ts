// The digest as a neutral message. Leadership reads it in a channel, so it leads with the
// numbers, then lists what needs attention, most urgent first. Facts only: what is open, since
// when, who owns it; never who is to blame. Every list is already cut to its first few items,
// with the count of the rest and the command that lists them all.
import type { Block, Message } from '../message.js';
import { localDateOf } from '../programme/programme-calendar.js';
import { requirementTitle } from '../catalogue/requirement-references.js';
import { formatTrailHead } from '../trail/verify-trail.js';
import type { Digest } from './build-digest.js';
import { daysBetween, longDate, shortDate } from './reporting-periods.js';
import type { ActionItem, ClassificationCounts, DeadNotificationItem, EvidenceItem, FindingItem, OpenNonconformityItem } from './ports.js';
import type { IndependenceExceptionItem, ProgrammeProgress } from './programme-progress.js';
import { CLASSIFICATION_LABELS, type Classification } from '../shared/classification.js';
import { blockedText } from '../shared/verifiers.js';

export const DIGEST_COMMANDS = {
  findings: 'auditbot export findings --format csv',
  actions: 'auditbot export actions --format csv',
  evidence: 'auditbot export evidence --status requested --format csv',
  programme: 'auditbot programme show',
  outbox: 'auditbot outbox --failed',
} as const;

const SHORT_CLASS: Record<Classification, string> = { major: 'major', minor: 'minor', ofi: 'OFI', observation: 'observation' };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Cuts free text (a statement, a justification, an error) to one short line. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

const requirementText = (id: string | null): string => {
  if (!id) return 'an unknown requirement';
  const title = requirementTitle(id);
  return title ? `${id} ${excerpt(title, 40)}` : id;
};

export function classificationSummary(counts: ClassificationCounts): string {
  const parts = (['major', 'minor', 'ofi', 'observation'] as const).filter((c) => counts[c] > 0).map((c) => `${counts[c]} ${SHORT_CLASS[c]}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function ageText(days: number): string {
  if (days <= 0) return 'raised today';
  return `open ${plural(days, 'day')}`;
}

function lateText(due: string, today: string): string {
  const late = daysBetween(due, today);
  return `due ${shortDate(due)} (${plural(late, 'day')} ago)`;
}

function openItem(f: OpenNonconformityItem, d: Digest): string {
  const age = daysBetween(localDateOf(f.raisedAt, d.timezone), d.today);
  const action = f.actionId
    ? `Action ${f.actionId} ${f.actionStatus ?? ''}, due ${f.actionDue ? shortDate(f.actionDue) : 'not set'}.`
    : 'No corrective action opened yet.';
  return `${f.id} ${f.classification.toUpperCase()}: ${requirementText(f.requirement)}, area ${f.area}, owner ${f.owner}, ${ageText(age)}. "${excerpt(f.statement, 80)}" ${action}`;
}

function actionItem(a: ActionItem, d: Digest): string {
  const finding = a.classification ? `${SHORT_CLASS[a.classification]}, ${a.requirement ?? ''}` : (a.requirement ?? '');
  return `${a.id} for ${a.findingId} (${finding}), owner ${a.owner}, ${a.status}, ${lateText(a.due, d.today)}.`;
}

function newFindingItem(f: FindingItem): string {
  return `${f.id} ${CLASSIFICATION_LABELS[f.classification]}: ${requirementText(f.requirement)}, area ${f.area}, owner ${f.owner}. "${excerpt(f.statement, 80)}"`;
}

function closedItem(a: ActionItem, d: Digest): string {
  const on = a.closedAt ? shortDate(localDateOf(a.closedAt, d.timezone)) : '';
  const finding = a.classification ? `${SHORT_CLASS[a.classification]}, ${a.requirement ?? ''}` : (a.requirement ?? '');
  return `${a.id} closed ${on}, verified effective: ${a.findingId} (${finding}), owner ${a.owner}.`;
}

function evidenceItem(e: EvidenceItem, d: Digest): string {
  return `#${e.id} ${requirementText(e.requirement)} for audit ${e.auditId}, owner ${e.owner}, ${lateText(e.due, d.today)}${e.status === 'more_requested' ? ', more was asked for' : ''}.`;
}

function exceptionItem(x: IndependenceExceptionItem, d: Digest): string {
  if (x.kind === 'needs_external') return `${x.auditId} needs an external auditor: nobody internal is independent of it.`;
  const when = x.at ? `, ${shortDate(localDateOf(x.at, d.timezone))}` : '';
  return `${x.auditId}: ${x.auditor ?? 'an auditor'} assigned without full independence. Justification: "${excerpt(x.justification ?? '', 120)}" (${x.by ?? 'a lead'}${when}).`;
}

function undeliveredItem(n: DeadNotificationItem): string {
  return `#${n.id} to ${n.recipient} on ${n.platform}, ${plural(n.attempts, 'attempt')}: ${excerpt(n.lastError ?? 'no reason recorded', 100)}`;
}

export function programmeLine(p: ProgrammeProgress): string {
  const s = p.byStatus;
  const done = s.reporting + s.closed;
  const parts = [
    `Programme ${p.cycle}: ${done} of ${plural(p.audits, 'audit')} done (${s.closed} closed, ${s.reporting} reporting), ${s.in_progress} in progress, ${s.planned} planned`,
  ];
  if (p.notStartedYet > 0) parts.push(`${p.notStartedYet} of them past their start date`);
  const coverage =
    `Audited so far: ${p.clauses.audited} of ${p.clauses.required} clauses and ${p.controls.audited} of ${p.controls.required} applicable controls; ` +
    `the plan covers ${p.clauses.planned} and ${p.controls.planned}${p.gaps.length > 0 ? ` (${plural(p.gaps.length, 'gap')})` : ''}.`;
  const a = p.achieved;
  const achieved = `Coverage achieved: ${a.assessed} of ${plural(a.planned, 'requirement')} planned assessed with a verdict, ${a.notAudited.length} not audited, ${a.unassessed.length} not yet assessed.`;
  const overrun = p.overrun.length > 0 ? ` Still in progress after their window ended: ${p.overrun.join(', ')}.` : '';
  return `${parts.join(', ')}. ${coverage} ${achieved}${overrun}`;
}

function list(title: string, items: string[], total: number, command: string): Block {
  const more = total - items.length;
  return { type: 'list', title, items, ...(more > 0 ? { more, moreHint: `All of them: ${command}` } : {}) };
}

export function digestTitle(d: Pick<Digest, 'weekOf'>): string {
  return `Weekly audit digest: week of ${longDate(d.weekOf)}`;
}

function summaryOf(d: Digest): string {
  const head = `Audit digest, week of ${longDate(d.weekOf)}:`;
  if (d.allClear) return `${head} all clear. No open nonconformities and nothing overdue.`;
  const parts = [
    `${plural(d.open.total, 'open nonconformity', 'open nonconformities')}${d.open.major > 0 ? ` (${d.open.major} major)` : ''}`,
    `${plural(d.overdueActions.total, 'corrective action')} overdue`,
    `${plural(d.newFindings.total, 'new finding')}`,
    `${d.closed.total} closed`,
  ];
  if (d.overdueEvidence.total > 0) parts.push(`${plural(d.overdueEvidence.total, 'evidence request')} overdue`);
  if (d.exceptions.total > 0) parts.push(`${plural(d.exceptions.total, 'independence exception')}`);
  if (d.undelivered.total > 0) parts.push(`${plural(d.undelivered.total, 'notification')} not delivered`);
  if (d.disputes.total > 0) parts.push(`${plural(d.disputes.total, 'disputed finding')} to decide`);
  if (d.blocked.total > 0) parts.push(`${plural(d.blocked.total, 'corrective action')} blocked: nobody can verify`);
  return `${head} ${parts.join(', ')}.`;
}

const FOOTER = 'Leads: "audit digest preview" shows this digest to you alone; "audit digest now" posts it to the digest channel again.';

/**
 * The digest's last line: the trail head when it was built. A channel's history is a witness
 * the database cannot rewrite; `auditbot trail verify --head 1234:a1b2c3d4` checks against it.
 */
export const trailHeadLine = (head: NonNullable<Digest['trailHead']>): string => `Trail ${formatTrailHead(head)}`;

const trailHeadBlock = (d: Digest): Block[] => (d.trailHead ? [{ type: 'context', text: trailHeadLine(d.trailHead) }] : []);

export function digestMessage(d: Digest): Message {
  const title = digestTitle(d);
  const summary = summaryOf(d);
  if (d.allClear) {
    const text = [
      'All clear: no open nonconformities, no corrective action or evidence overdue, no new findings this week, no independence exceptions, and every notification was delivered.',
      d.closed.total > 0 ? `${plural(d.closed.total, 'corrective action was', 'corrective actions were')} verified effective and closed this week.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return { summary, title, blocks: [{ type: 'text', text }, ...(d.programme ? [{ type: 'context' as const, text: programmeLine(d.programme) }] : []), ...trailHeadBlock(d)] };
  }

  const o = d.open;
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Open nonconformities', value: o.total === 0 ? 'none' : `${o.total} (${o.major} major, ${o.minor} minor)` },
        { label: 'Corrective actions overdue', value: String(d.overdueActions.total) },
        { label: 'New findings this week', value: d.newFindings.total === 0 ? 'none' : `${d.newFindings.total}: ${classificationSummary(d.newFindings.byClassification)}` },
        { label: 'Closed this week', value: plural(d.closed.total, 'corrective action') },
        { label: 'Evidence overdue', value: String(d.overdueEvidence.total) },
        { label: 'Independence exceptions', value: String(d.exceptions.total) },
      ],
    },
  ];
  if (o.total > 0) {
    blocks.push(list('Open nonconformities, major first, oldest first', o.items.map((f) => openItem(f, d)), o.total, DIGEST_COMMANDS.findings));
    blocks.push({ type: 'context', text: `By age: ${o.recent} under 30 days, ${o.middle} from 30 to 90 days, ${o.old} over 90 days.` });
  }
  if (d.overdueActions.total > 0) {
    blocks.push(list('Corrective actions past their due date', d.overdueActions.items.map((a) => actionItem(a, d)), d.overdueActions.total, DIGEST_COMMANDS.actions));
  }
  if (d.newFindings.total > 0) blocks.push(list('New findings this week', d.newFindings.items.map(newFindingItem), d.newFindings.total, DIGEST_COMMANDS.findings));
  if (d.closed.total > 0) blocks.push(list('Closed this week', d.closed.items.map((a) => closedItem(a, d)), d.closed.total, DIGEST_COMMANDS.actions));
  if (d.programme) blocks.push({ type: 'text', text: programmeLine(d.programme) });
  if (d.overdueEvidence.total > 0) {
    blocks.push(list('Evidence past its due date', d.overdueEvidence.items.map((e) => evidenceItem(e, d)), d.overdueEvidence.total, DIGEST_COMMANDS.evidence));
  }
  if (d.disputes.total > 0) {
    blocks.push(list('Disputed findings waiting for the audit lead', d.disputes.items.map((x) => `${x.findingId} (${x.auditId}) disputed by ${x.owner}: ${x.reason}`), d.disputes.total, 'findings open'));
  }
  if (d.blocked.total > 0) {
    blocks.push(list('Corrective actions nobody can verify', d.blocked.items.map((b) => `${blockedText(b.actionId)} (finding ${b.findingId}, owner ${b.owner}).`), d.blocked.total, DIGEST_COMMANDS.actions));
  }
  if (d.exceptions.total > 0) blocks.push(list('Independence exceptions', d.exceptions.items.map((x) => exceptionItem(x, d)), d.exceptions.total, DIGEST_COMMANDS.programme));
  if (d.undelivered.total > 0) {
    blocks.push(list('Notifications that could not be delivered', d.undelivered.items.map(undeliveredItem), d.undelivered.total, `${DIGEST_COMMANDS.outbox}, then auditbot outbox retry <id>`));
  }
  blocks.push({ type: 'context', text: FOOTER }, ...trailHeadBlock(d));
  return { summary, title, blocks };
}
