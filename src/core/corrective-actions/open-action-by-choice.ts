// An opportunity for improvement needs no corrective action, but may have one by choice: the
// auditor who raised it, its owner or an audit lead can open one (the button on the finding's
// confirmation, or `action open <finding>`). Nonconformities have theirs from the start;
// observations never need one.
import type { Core } from '../context.js';
import { AuditbotError, validationError } from '../errors.js';
import { localDate } from '../shared/working-time.js';
import { activePerson, actionCase, earlierSubmission, loadFinding, recordSubmission, type ActionCase } from './action-access.js';
import { ACTION_FIELDS as F } from './action-ids.js';
import { OpenActionInput, parseInput } from './action-schema.js';
import { openCorrectiveAction } from './open-corrective-action.js';
import type { Actor } from '../shared/actor.js';
import { organisationTimezone } from '../shared/people.js';
import { CLASSIFICATION_LABELS } from '../shared/classification.js';

export interface OpenActionByChoiceResult {
  case: ActionCase;
  /** False when the finding already had an action (nothing was written). */
  created: boolean;
}

export function openActionByChoice(core: Core, actor: Actor, input: unknown, submissionKey?: string): OpenActionByChoiceResult {
  const data = parseInput(OpenActionInput, input, 'No corrective action was opened.');
  return core.store.transaction((tx) => {
    const earlier = earlierSubmission(tx, 'action.open', submissionKey);
    if (earlier) return { case: actionCase(tx, earlier), created: false };
    const person = activePerson(tx, actor.email);
    const finding = loadFinding(tx, person, data.findingId);
    const existing = tx.actions.getByFinding(finding.id);
    if (existing) return { case: actionCase(tx, existing), created: false };
    if (finding.classification === 'observation') {
      throw new AuditbotError(
        'illegal_transition',
        `${finding.id} is an observation, which needs no corrective action. Corrective actions are for nonconformities, and by choice for opportunities for improvement.`,
      );
    }
    const mayOpen = person.email === finding.raisedBy || person.email === finding.owner || person.roles.includes('lead');
    if (!mayOpen) {
      throw new AuditbotError(
        'forbidden',
        `Only the auditor who raised ${finding.id} (${finding.raisedBy}), its owner (${finding.owner}) or an audit lead can open a corrective action on this ${CLASSIFICATION_LABELS[finding.classification]}.`,
      );
    }
    const today = localDate(core.clock.now(), organisationTimezone(tx, core));
    if (data.due !== undefined && data.due < today) {
      throw validationError({ [F.due]: `${data.due} is in the past. Choose today (${today}) or a later date.` }, `No corrective action was opened: ${data.due} is in the past.`);
    }
    const action = openCorrectiveAction(tx, core, finding, {
      ...(data.due !== undefined ? { due: data.due } : {}),
      actor: { email: person.email, channel: actor.channel },
      tellOwner: person.email !== finding.owner,
    });
    recordSubmission(tx, 'action.open', submissionKey, core.clock.now().toISOString(), action.id);
    return { case: actionCase(tx, action), created: true };
  });
}
