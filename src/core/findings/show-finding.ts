// `finding show <id>` and `findings [audit|area|status]` (issue 14.1), as the read policy lets
// the person see them: someone who may not see a finding is answered as if it did not exist.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import type { Actor } from '../shared/actor.js';
import { activePerson } from '../shared/people.js';
import { mayReadFinding, visibleFinding } from '../shared/read-policy.js';
import { isDescribed, subjectHistory, type HistoryEvent, type UndescribedEvent } from '../trail/subject-history.js';
import { CLASSIFICATION_LABELS } from '../shared/classification.js';
import { findingDetailMessage, findingsListMessage } from './finding-change-messages.js';
import { FINDING_STATUSES, type FindingFilter, type FindingStatus } from './types.js';

function historyLine(e: HistoryEvent | UndescribedEvent): string {
  if (!isDescribed(e)) return e.action;
  switch (e.action) {
    case 'finding.recorded':
      return `recorded as ${CLASSIFICATION_LABELS[e.after.classification]} against ${e.after.requirement}`;
    case 'finding.amended':
      return `amended ${Object.keys(e.after)
        .filter((k) => k !== 'reason' && k !== 'outOfScope')
        .map((k) => (k === 'classification' || k === 'requirement' ? `${k} ${String(e.before[k as 'classification'])} → ${String(e.after[k as 'classification'])}` : k))
        .join(', ')}${e.after.reason ? `: ${e.after.reason}` : ''}`;
    case 'finding.withdrawn':
      return `withdrawn: ${e.after.reason}`;
    case 'finding.acknowledged':
      return 'acknowledged by the owner';
    case 'finding.disputed':
      return `disputed by the owner: ${e.after.reason}`;
    case 'finding.dispute_upheld':
      return `upheld by the lead: ${e.after.reason}`;
    case 'finding.superseded':
      return `superseded by the major nonconformity ${e.after.by}`;
    case 'finding.raised_to_major':
      return `raised from the minors ${e.after.minors.join(', ')}: ${e.after.reason}`;
    case 'finding.possible_major':
      return `flagged as a possible major (${e.after.findings.join(', ')})`;
    default:
      return e.action;
  }
}

export function showFinding(core: Core, actor: Actor, findingId: string): Message {
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email.toLowerCase());
    const finding = visibleFinding(tx, person, findingId);
    const action = finding.actionId ? tx.actions.get(finding.actionId) : null;
    return findingDetailMessage({
      finding,
      ownerName: tx.organisation.getPerson(finding.owner)?.name ?? finding.owner,
      raisedByName: tx.organisation.getPerson(finding.raisedBy)?.name ?? finding.raisedBy,
      areaName: tx.organisation.getArea(finding.area)?.name ?? finding.area,
      action: action ? { id: action.id, status: action.status, due: action.due, target: action.target } : null,
      // The history shown is the trail itself, read back for the person: evidence, not state.
      history: subjectHistory(tx, `finding:${finding.id}`).map((e) => ({ at: e.at, actor: e.actor, what: historyLine(e) })),
    });
  });
}

/**
 * What `findings <word>` filters on: an audit id (`IA-2027-01`), a status (`open`,
 * `withdrawn`) or an area key; an unknown word is answered with what it may be.
 */
export function listVisibleFindings(core: Core, actor: Actor, word: string | undefined): Message {
  return core.store.transaction((tx) => {
    const person = activePerson(tx, actor.email.toLowerCase());
    const filter: FindingFilter = {};
    let filterText = '';
    const w = word?.trim();
    if (w) {
      if (/^IA-\d{4}-\d+$/i.test(w)) {
        filter.auditId = w.toUpperCase();
        filterText = `audit ${filter.auditId}`;
      } else if ((FINDING_STATUSES as readonly string[]).includes(w.toLowerCase())) {
        filter.status = w.toLowerCase() as FindingStatus;
        filterText = `status ${filter.status}`;
      } else {
        const area = tx.organisation.getArea(w.toLowerCase());
        if (!area) {
          const text = `"${w}" is not an audit id (IA-2027-01), a status (${FINDING_STATUSES.join(', ')}) or an area key of the organisation file.`;
          return { summary: text, blocks: [{ type: 'text', text }] };
        }
        filter.area = area.key;
        filterText = `area ${area.name}`;
      }
    }
    return findingsListMessage(tx.findings.list(filter).filter((f) => mayReadFinding(tx, person, f)), filterText);
  });
}
