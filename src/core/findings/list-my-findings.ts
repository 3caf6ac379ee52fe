// "My work" (the Slack App Home): the findings a person raised and those on what they own, as
// the read policy lets them see them.
import type { Core } from '../context.js';
import { mayReadFinding } from '../shared/read-policy.js';
import { toFindingView, type FindingView } from './list-findings.js';
import type { FindingFilter } from './types.js';
import type { Actor } from '../shared/actor.js';

export interface MyFindings {
  /** Oldest first. */
  raised: FindingView[];
  owned: FindingView[];
}

export function listMyFindings(core: Core, actor: Actor): MyFindings {
  return core.store.transaction((tx) => {
    const person = tx.organisation.getPerson(actor.email.toLowerCase());
    if (!person?.active) return { raised: [], owned: [] };
    const visible = (filter: FindingFilter): FindingView[] =>
      tx.findings
        .list(filter)
        .filter((f) => mayReadFinding(tx, person, f))
        .map(toFindingView);
    return { raised: visible({ raisedBy: person.email }), owned: visible({ owner: person.email }) };
  });
}
