// An auditor of the audit withdraws a finding with a reason (issue 14.1): it stays in the
// register and the trail, marked withdrawn, and its corrective action, if still open, is
// withdrawn with it so that nobody is chased for it. The owner is told.
import { z } from 'zod';
import type { Core } from '../context.js';
import { notifyPerson } from '../shared/notify.js';
import { parseInput } from '../shared/input-schema.js';
import type { Actor } from '../shared/actor.js';
import { parseFindingId } from '../corrective-actions/types.js';
import { changeFinding, FINDING_WITHDRAWN, type ChangedFinding } from './change-finding.js';
import { withdrawnMessage } from './finding-change-messages.js';
import { loadFindingForChange } from './finding-access.js';
import type { Tx } from '../ports.js';

export const WithdrawFindingInput = z.object({
  findingId: z.string({ error: 'Give the finding, e.g. F-2027-0012.' }).transform((s, ctx) => {
    const id = parseFindingId(s);
    if (id) return id;
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a finding number, e.g. F-2027-0012.` });
    return z.NEVER;
  }),
  reason: z
    .string({ error: 'Say why the finding is withdrawn; the reason is kept in the audit trail.' })
    .trim()
    .min(1, 'Say why the finding is withdrawn; the reason is kept in the audit trail.')
    .max(3000, 'Please shorten the reason: the limit is 3,000 characters.'),
});

export interface WithdrawFindingResult extends ChangedFinding {
  /** The corrective action withdrawn with it. */
  withdrawnAction: string | null;
}

export function withdrawFinding(core: Core, actor: Actor, input: unknown): WithdrawFindingResult {
  const data = parseInput(WithdrawFindingInput, input, 'The finding was not withdrawn.');
  return core.store.transaction((tx) => {
    const c = loadFindingForChange(tx, actor.email, data.findingId, 'withdraw');
    const who = { email: c.person.email, channel: actor.channel };
    const result = changeFinding(tx, who, c.finding, { kind: FINDING_WITHDRAWN, reason: data.reason }, core.clock.now().toISOString());
    const withdrawnAction = withdrawAction(tx, core, who, result.finding.actionId, data.reason);
    const owner = tx.organisation.getPerson(result.finding.owner);
    if (owner?.active && owner.email !== c.person.email) notifyPerson(tx, core, owner, `finding:${result.finding.id}:withdrawn`, withdrawnMessage(result.finding, c.person.name, withdrawnAction));
    return { ...result, withdrawnAction };
  });
}

function withdrawAction(tx: Tx, core: Core, actor: Actor, actionId: string | null, reason: string): string | null {
  const action = actionId ? tx.actions.get(actionId) : null;
  if (!action || action.status === 'closed' || action.status === 'withdrawn') return null;
  // Withdrawn, not closed: nobody verified it, and reports must not count it as closed after verification.
  const closedAt = core.clock.now().toISOString();
  tx.actions.update(action.id, { status: 'withdrawn', closedAt });
  tx.trail.append({ actor: actor.email, channel: actor.channel, action: 'action.withdrawn', subject: `action:${action.id}`, before: { status: action.status }, after: { status: 'withdrawn', closedAt, reason: `finding withdrawn: ${reason}` } });
  return action.id;
}
