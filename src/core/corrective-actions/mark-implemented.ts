// The owner marks a planned corrective action implemented, with links (http or https only) to
// the evidence that it was carried out. The auditor who raised the finding (or, when they are
// not independent of the owner or have left, every audit lead who is) is asked to verify it.
import type { Core } from '../context.js';
import { notifyPerson } from '../shared/notify.js';
import { activePerson, actionCase, authorize, earlierSubmission, loadCase, recordSubmission, verifiersOf } from './action-access.js';
import { verifyRequestMessage } from './action-messages.js';
import { MarkImplementedInput, parseInput } from './action-schema.js';
import { actionSubject, type CorrectiveActionRecord } from './types.js';
import type { Actor } from '../shared/actor.js';

export const ACTION_IMPLEMENTED = 'action.implemented';

export interface MarkImplementedResult {
  action: CorrectiveActionRecord;
  /** Names of the people asked to verify it. */
  verifiers: string[];
  repeated: boolean;
}

export function markImplemented(core: Core, actor: Actor, input: unknown, submissionKey?: string): MarkImplementedResult {
  const data = parseInput(MarkImplementedInput, input, 'The action was not marked implemented.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'action.implemented', submissionKey);
    if (earlier) return { action: earlier, verifiers: [], repeated: true };
    const person = activePerson(tx, actor.email);
    const before = loadCase(tx, person, data.actionId);
    authorize(before, person, 'implement');
    const now = core.clock.now().toISOString();
    const action = tx.actions.update(before.action.id, { status: 'implemented', implementationLinks: data.links, implementedAt: now });
    const seq = tx.trail.append({
      actor: person.email,
      action: ACTION_IMPLEMENTED,
      subject: actionSubject(action.id),
      before: { status: before.action.status, implementationLinks: before.action.implementationLinks },
      after: { status: action.status, implementationLinks: action.implementationLinks },
      channel: actor.channel,
    });
    const c = actionCase(tx, action);
    const verifiers = verifiersOf(tx, c);
    for (const v of verifiers) {
      notifyPerson(tx, core, v, `action:${action.id}:verify:${seq}:${v.email}`, verifyRequestMessage(c, v.name, v.email === c.finding.raisedBy));
    }
    recordSubmission(tx, 'action.implemented', submissionKey, now, action.id);
    return { action, verifiers: verifiers.map((v) => v.name), repeated: false };
  });
}
