// An audit lead raises the repeated minor nonconformities against one requirement in one area
// within a cycle to one major nonconformity (issue 14.3): a new major finding that references
// the minors, with its own corrective action; the minors show as superseded by it and their
// actions stay open, linked through it, so no plan already made is lost.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import { notifyPerson } from '../shared/notify.js';
import { parseInput } from '../shared/input-schema.js';
import { requireLead } from '../shared/people.js';
import type { Actor } from '../shared/actor.js';
import { openCorrectiveAction } from '../corrective-actions/open-corrective-action.js';
import { parseFindingId } from '../corrective-actions/types.js';
import { changeFinding, FINDING_SUPERSEDED } from './change-finding.js';
import { requirementLabel } from './finding-messages.js';
import { idYearOfAudit, type FindingRecord } from './types.js';
import type { Message } from '../message.js';

export const RaiseToMajorInput = z.object({
  findingId: z.string({ error: 'Give one of the minor findings, e.g. F-2027-0012.' }).transform((s, ctx) => {
    const id = parseFindingId(s);
    if (id) return id;
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a finding number, e.g. F-2027-0012.` });
    return z.NEVER;
  }),
  reason: z.string({ error: 'Say why the minors amount to a major nonconformity.' }).trim().min(1, 'Say why the minors amount to a major nonconformity.').max(3000, 'Please shorten the reason: the limit is 3,000 characters.'),
});

export interface RaiseToMajorResult {
  major: FindingRecord;
  minors: string[];
  actionId: string;
}

export function raiseToMajor(core: Core, actor: Actor, input: unknown): RaiseToMajorResult {
  const data = parseInput(RaiseToMajorInput, input, 'No major nonconformity was raised.');
  return core.store.transaction((tx) => {
    const lead = requireLead(tx, actor, 'raise repeated minors to a major nonconformity');
    const picked = tx.findings.get(data.findingId);
    if (!picked) throw new AuditbotError('not_found', `There is no finding ${data.findingId}.`);
    if (picked.classification !== 'minor' || picked.status !== 'open') throw new AuditbotError('illegal_transition', `${picked.id} is not an open minor nonconformity.`);
    const pickedAudit = tx.programme.getAudit(picked.auditId);
    if (!pickedAudit) throw new AuditbotError('internal', `Finding ${picked.id} names audit ${picked.auditId}, which does not exist.`);
    const inCycle = new Set(tx.programme.listAudits({ cycle: pickedAudit.cycle }).map((a) => a.id));
    const minors = tx.findings.list().filter((f) => f.status === 'open' && f.classification === 'minor' && f.area === picked.area && f.requirement === picked.requirement && inCycle.has(f.auditId));
    if (minors.length < 2) throw new AuditbotError('illegal_transition', `${picked.id} is the only open minor nonconformity against ${picked.requirement} in ${picked.area} in the ${pickedAudit.cycle} cycle; there is nothing to raise together.`);
    const latest = minors[minors.length - 1] ?? picked;
    const audit = tx.findings.getAudit(latest.auditId);
    if (!audit) throw new AuditbotError('internal', `Finding ${latest.id} names audit ${latest.auditId}, which does not exist.`);
    const year = idYearOfAudit(audit);
    const now = core.clock.now().toISOString();
    const who = { email: lead.email, channel: actor.channel };
    const major: FindingRecord = {
      id: `F-${year}-${String(tx.sequences.next(`finding:${year}`)).padStart(4, '0')}`,
      auditId: latest.auditId,
      classification: 'major',
      requirement: latest.requirement,
      outOfScope: latest.outOfScope,
      statement: `${minors.length} minor nonconformities against ${requirementLabel(latest.requirement)} (${minors.map((f) => f.id).join(', ')}) amount to a failure of the requirement as a whole. ${data.reason}`.slice(0, 3000),
      evidence: minors.map((f) => `${f.id}: ${f.statement}`).join('\n').slice(0, 3000),
      area: latest.area,
      owner: latest.owner,
      raisedBy: lead.email,
      raisedAt: now,
      actionId: null,
      status: 'open',
      statusReason: null,
      supersededBy: null,
      response: null,
      responseReason: null,
      decisionReason: null,
    };
    tx.findings.insert(major, null);
    const { status: _s, statusReason: _r, supersededBy: _b, response: _p, responseReason: _w, decisionReason: _d, ...recorded } = major;
    tx.trail.append({ actor: lead.email, channel: actor.channel, action: 'finding.recorded', subject: `finding:${major.id}`, after: { ...recorded, dueDate: null } });
    tx.trail.append({ actor: lead.email, channel: actor.channel, action: 'finding.raised_to_major', subject: `finding:${major.id}`, after: { requirement: major.requirement, area: major.area, minors: minors.map((f) => f.id), reason: data.reason } });
    for (const minor of minors) changeFinding(tx, who, minor, { kind: FINDING_SUPERSEDED, by: major.id }, core.clock.now().toISOString());
    const action = openCorrectiveAction(tx, core, major, { actor: who, tellOwner: false });
    major.actionId = action.id;
    const owner = tx.organisation.getPerson(major.owner);
    if (owner?.active) notifyPerson(tx, core, owner, `finding:${major.id}:raised`, raisedMessage(major, minors, action.id, lead.name));
    return { major, minors: minors.map((f) => f.id), actionId: action.id };
  });
}

function raisedMessage(major: FindingRecord, minors: FindingRecord[], actionId: string, leadName: string): Message {
  return {
    summary: `${leadName} raised ${minors.length} minor nonconformities against ${major.requirement} to one major nonconformity, ${major.id}, with corrective action ${actionId}.`,
    title: `Major nonconformity ${major.id}`,
    blocks: [
      { type: 'text', text: `${leadName} raised the repeated minor nonconformities ${minors.map((f) => f.id).join(', ')} against ${requirementLabel(major.requirement)} to one major nonconformity, ${major.id}. The minors now show as superseded by it; their corrective actions stay open and linked to it.` },
      { type: 'text', text: `Corrective action ${actionId} is open for you on ${major.id}. Type "action plan ${actionId}" to plan it.` },
    ],
  };
}
