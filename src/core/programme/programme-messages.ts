// Chat answers for the programme commands, in the neutral message model. Lists are kept short
// (chat platforms cap message size); the CLI prints the full tables.
import type { Block, Message } from '../message.js';
import { localDateOf } from './programme-calendar.js';
import type { Explanation } from './explain-assignment.js';
import type { MyAudit } from './list-my-audits.js';
import { roleName, windowText } from './programme-notifications.js';
import type { OverrideResult } from './override-assignment.js';
import type { PlanResult } from './plan-programme.js';
import type { AuditDetail } from './show-audit.js';
import type { ProgrammeView } from './show-programme.js';
import { STATUS_LABEL, type TransitionResult } from './transition-audit.js';
import type { AuditView } from './programme-views.js';

const MAX_ITEMS = 15;

const clip = (items: string[], title?: string, hint?: string): Block => ({
  type: 'list',
  ...(title ? { title } : {}),
  items: items.slice(0, MAX_ITEMS),
  ...(items.length > MAX_ITEMS ? { more: items.length - MAX_ITEMS, ...(hint ? { moreHint: hint } : {}) } : {}),
});

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const auditorsText = (a: AuditView): string =>
  a.auditors.length > 0 ? a.auditors.map((x) => `${x.email} (${x.role})`).join(', ') : a.needsExternalAuditor ? 'none: needs an external auditor' : 'none yet';

export function programmeMessage(view: ProgrammeView, timeZone: string): Message {
  const c = view.statusCounts;
  const byId = new Map(view.audits.map((a) => [a.id, a]));
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Cycle', value: view.cycle },
        { label: 'Starts', value: `${view.start}, ${plural(view.months, 'month')}` },
        { label: 'Audits', value: `${view.audits.length}: ${c.planned} planned, ${c.in_progress} in progress, ${c.reporting} reporting, ${c.closed} closed` },
        { label: 'Coverage', value: view.incomplete ? `incomplete: ${plural(view.gaps.length, 'gap')}` : 'every clause and applicable control is in an audit' },
      ],
    },
    clip(
      view.calendar.map((m) => {
        if (m.audits.length === 0) return `${m.firstDay.slice(0, 7)}: no audits`;
        const shown = m.audits.slice(0, 6).map((id) => `${id} ${byId.get(id)?.areas.join(', ') ?? ''}`);
        return `${m.firstDay.slice(0, 7)}: ${plural(m.audits.length, 'audit')}: ${shown.join('; ')}${m.audits.length > 6 ? `; +${m.audits.length - 6} more` : ''}`;
      }),
      'Month by month',
      'auditbot programme show prints every month',
    ),
  ];
  if (view.gaps.length > 0) blocks.push(clip(view.gaps, 'Gaps: in no area, so in no audit', 'auditbot programme show lists every gap'));
  if (view.needsExternal.length > 0) blocks.push(clip(view.needsExternal, 'Need an external auditor'));
  if (view.exceptions.length > 0) {
    blocks.push(clip(view.exceptions.map((e) => `${e.auditId}: ${e.auditor ?? 'auditor'} assigned by ${e.by}: ${e.justification}`), 'Independence exceptions'));
  }
  blocks.push({ type: 'context', text: `Type "audit <id>" for one audit. Planned ${localDateOf(view.plannedAt, timeZone)} by ${view.plannedBy}.` });
  return {
    summary: `Audit programme ${view.cycle}: ${plural(view.audits.length, 'audit')} from ${view.start}${view.incomplete ? `, incomplete (${plural(view.gaps.length, 'gap')})` : ''}.`,
    title: `Audit programme ${view.cycle}`,
    blocks,
  };
}

export function auditMessage(a: AuditDetail, timeZone: string): Message {
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Status', value: STATUS_LABEL[a.status] },
        { label: 'Window', value: windowText(a, timeZone) },
        { label: 'Areas', value: a.areaDetails.map((d) => `${d.name} (${d.key}, ${d.risk} risk, team ${d.team})`).join('; ') },
        { label: 'Auditors', value: a.auditors.length > 0 ? a.auditors.map((x) => `${a.auditorNames[x.email] ?? x.email} <${x.email}> (${roleName(x.role)})`).join(', ') : auditorsText(a) },
        { label: 'Criteria', value: a.criteria.join('; ') },
      ],
    },
    { type: 'text', text: `Scope (${a.clauses.length + a.controls.length}): ${[...a.clauses, ...a.controls].join(', ') || 'the areas as a whole'}` },
  ];
  if (a.exception) {
    blocks.push({ type: 'text', text: `Independence exception: ${a.exception.auditor ?? 'an auditor'} is not independent of this audit. Justification by ${a.exception.by}: ${a.exception.justification}` });
  }
  if (a.needsExternalAuditor) blocks.push({ type: 'text', text: 'No internal auditor is independent of this audit: it needs an external auditor.' });
  return {
    summary: `${a.id} (${a.areas.join(', ')}): ${STATUS_LABEL[a.status]}, ${windowText(a, timeZone)}, auditors: ${auditorsText(a)}${a.exception ? ', independence exception' : ''}.`,
    title: `Internal audit ${a.id}`,
    blocks,
  };
}

export function myAuditsMessage(mine: MyAudit[], timeZone: string): Message {
  if (mine.length === 0) {
    const text = 'You are not on any audit. When the lead plans the programme, you will be told which audits are yours.';
    return { summary: text, blocks: [{ type: 'text', text }] };
  }
  const items = mine.map((m) => `${m.audit.id} ${m.audit.areas.join(', ')}: ${roleName(m.role)}, ${STATUS_LABEL[m.audit.status]}, ${windowText(m.audit, timeZone)}`);
  return {
    summary: `You are on ${plural(mine.length, 'audit')}: ${mine.map((m) => m.audit.id).join(', ')}.`,
    title: 'Your audits',
    blocks: [clip(items), { type: 'context', text: 'Type "audit <id>" for the scope of one.' }],
  };
}

/** Plain lines of an explanation; the CLI prints them and chat wraps them in a message. */
export function explanationLines(e: Explanation, timeZone: string): { heading: string; auditors: string[]; excluded: string[]; footer: string[] } {
  const a = e.audit;
  const heading = `${a.id} (${a.areas.join(', ')}), ${STATUS_LABEL[a.status]}, ${windowText(a, timeZone)}`;
  const auditors: string[] = [];
  for (const x of e.auditors) {
    const r = x.rationale;
    auditors.push(`${roleName(x.role)}: ${x.name} <${x.email}>, ${r.source === 'manual' ? 'assigned by a lead' : 'chosen by the rules'} on ${localDateOf(x.assignedAt, timeZone)}`);
    for (const why of r.chosenBecause) auditors.push(`  chosen: ${why}`);
    if (r.exception) {
      auditors.push(`  NOT independent: ${(r.violations ?? []).map((v) => `${v.detail} (${v.rule} rule)`).join('; ')}`);
      auditors.push(`  independence exception by ${r.exception.by} on ${localDateOf(r.exception.at, timeZone)}: ${r.exception.justification}`);
    }
    for (const why of r.independence) auditors.push(`  independent: ${why}`);
  }
  if (e.auditors.length === 0) {
    auditors.push(a.needsExternalAuditor ? 'No auditor: nobody with the auditor role is independent of this audit, so it needs an external auditor.' : 'No auditor is assigned yet.');
  }
  const excluded = e.excluded.map((p) => `${p.email}: ${p.exclusions.map((x) => `${x.detail} (${x.rule} rule)`).join('; ')}`);
  const footer: string[] = [];
  const others = e.auditors[0]?.rationale.otherEligible;
  if (others !== undefined) footer.push(`${plural(others, 'other eligible auditor')} ranked lower on the preferences (internal first, rotation, fewest audits, e-mail order).`);
  if (e.withoutAuditorRole > 0) {
    footer.push(`${e.withoutAuditorRole} other active ${e.withoutAuditorRole === 1 ? 'person holds' : 'people hold'} no role at all and ${e.withoutAuditorRole === 1 ? 'was' : 'were'} not considered.`);
  }
  if (e.excludedAsOf === 'now') footer.push('No assignment record yet: the exclusions are computed from the organisation as it is now.');
  return { heading, auditors, excluded, footer };
}

export function explainMessage(e: Explanation, timeZone: string): Message {
  const l = explanationLines(e, timeZone);
  const blocks: Block[] = [{ type: 'text', text: l.heading }, { type: 'list', title: 'Auditors', items: l.auditors }];
  // Every exclusion is named: that is the point of the explanation, so this list is not cut.
  blocks.push(l.excluded.length > 0 ? { type: 'list', title: 'Excluded, with the rule', items: l.excluded } : { type: 'text', text: 'Nobody with the auditor role was excluded.' });
  for (const f of l.footer) blocks.push({ type: 'context', text: f });
  return {
    summary: `${e.audit.id}: ${e.auditors.map((x) => `${x.email} (${x.role})`).join(', ') || 'no auditor'}; ${plural(e.excluded.length, 'person')} excluded.`,
    title: `Why ${e.audit.id} has these auditors`,
    blocks,
  };
}

export function planMessage(r: PlanResult): Message {
  const text = `Programme ${r.cycle} planned from ${r.start} over ${plural(r.months, 'month')}: ${plural(r.audits, 'audit')} (${r.added.length} new, ${r.moved.length} moved, ${r.cancelled.length} cancelled, ${r.kept.length} started or closed kept).`;
  const blocks: Block[] = [{ type: 'text', text }];
  blocks.push(r.incomplete ? clip(r.gaps, 'Incomplete: these requirements are in no area', 'auditbot programme show lists every gap') : { type: 'text', text: 'Every clause and applicable Annex A control is in an audit.' });
  if (r.prioritised.length > 0) blocks.push(clip(r.prioritised, 'In the first quarter because of open nonconformities'));
  if (r.assignment.needsExternal.length > 0) blocks.push(clip(r.assignment.needsExternal, 'Need an external auditor (the leads have been told)'));
  return { summary: `${text}${r.incomplete ? ` Incomplete: ${plural(r.gaps.length, 'gap')}.` : ''}`, title: `Audit programme ${r.cycle}`, blocks };
}

export function overrideMessage(r: OverrideResult): Message {
  const text = r.independent
    ? `${r.email} is now the ${roleName(r.role)} of ${r.auditId}${r.previous ? ` (instead of ${r.previous})` : ''}; they are independent of it.`
    : `${r.email} is now the ${roleName(r.role)} of ${r.auditId}${r.previous ? ` (instead of ${r.previous})` : ''} as an independence exception: ${r.violations.join('; ')}. The justification is recorded and shown with the audit.`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}

export function transitionMessage(r: TransitionResult): Message {
  const text = `${r.auditId} is now ${STATUS_LABEL[r.to]} (was ${STATUS_LABEL[r.from]}).`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}
