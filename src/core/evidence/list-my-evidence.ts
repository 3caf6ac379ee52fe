// `evidence` in chat: what a person is asked for, and the submitted evidence waiting for
// their review as an auditor.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import { mayReadEvidence } from '../shared/read-policy.js';
import { submittedBy } from './evidence-access.js';
import { myEvidenceMessage } from './evidence-messages.js';
import type { EvidenceRequestRecord } from './types.js';
import type { Actor } from '../shared/actor.js';
import { activePerson, todayFor } from '../shared/people.js';

export interface MyEvidence {
  /** Requests asked of the person that are not yet accepted or withdrawn. */
  mine: EvidenceRequestRecord[];
  /** Submitted evidence on audits the person audits. */
  toReview: EvidenceRequestRecord[];
  message: Message;
}

export function listMyEvidence(core: Core, actor: Actor): MyEvidence {
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email);
    // Only what the read policy lets the person see, even of their own work.
    const visible = (r: EvidenceRequestRecord): boolean => mayReadEvidence(tx, person, r);
    const mine = tx.evidence.list({ owner: person.email, statuses: ['requested', 'more_requested', 'submitted'] }).filter(visible);
    const audits = new Set(tx.programme.listAssignments({ email: person.email }).map((a) => a.auditId));
    const toReview = [...audits]
      .sort()
      .flatMap((auditId) => tx.evidence.list({ auditId, statuses: ['submitted'] }).filter((r) => r.owner !== person.email && !submittedBy(tx, r, person.email) && visible(r)));
    return { mine, toReview, message: myEvidenceMessage(mine, toReview, todayFor(tx, core, person)) };
  });
}
