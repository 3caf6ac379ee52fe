// "My work": everything a person is asked to do or to follow in the internal audit, as the read
// policy lets them see it: the audits they audit, the evidence they owe or must review, the
// corrective actions they own or must verify, and the findings they raised or that are on what
// they own. `mine` on every platform and Slack's App Home render this one query.
import type { Core } from '../context.js';
import { listMyActions, type MyActions } from '../corrective-actions/list-actions.js';
import { listMyEvidence, type MyEvidence } from '../evidence/list-my-evidence.js';
import { listMyFindings, type MyFindings } from '../findings/list-my-findings.js';
import { listMyAudits, type MyAudit } from '../programme/list-my-audits.js';
import type { Actor } from '../shared/actor.js';
import { disputesToDecide } from '../findings/respond-to-finding.js';
import type { FindingRecord } from '../findings/types.js';
import { activePerson, type PersonRecord } from '../shared/people.js';

export interface MyWork {
  person: PersonRecord;
  /** Audits the person is lead or second auditor of, current ones first. */
  audits: MyAudit[];
  /** Evidence asked of the person, and submitted evidence waiting for their review. */
  evidence: MyEvidence;
  /** Corrective actions the person owns that are not closed, and those waiting for their verification. */
  actions: MyActions;
  /** Findings the person raised, and findings on what they own (oldest first). */
  findings: MyFindings;
  /** Disputed findings waiting for the person's decision as lead (issue 14.2). */
  disputes: FindingRecord[];
}

/** The person's work at one moment: one transaction, so every part agrees with the others. */
export function listMyWork(core: Core, actor: Actor): MyWork {
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email.toLowerCase());
    return {
      person,
      audits: listMyAudits(core, { email: person.email }),
      evidence: listMyEvidence(core, { email: person.email, channel: actor.channel }),
      actions: listMyActions(core, person.email),
      findings: listMyFindings(core, { email: person.email, channel: actor.channel }),
      disputes: disputesToDecide(tx, person),
    };
  });
}
