// The findings register: the JSON contract of `auditbot export findings` (docs/json-contracts.md).
import type { Core } from '../context.js';
import type { FindingFilter, FindingRecord, FindingStatus } from './types.js';
import type { Classification } from '../shared/classification.js';

export interface FindingView {
  id: string;
  auditId: string;
  classification: Classification;
  requirement: string;
  statement: string;
  evidence: string;
  area: string;
  owner: string;
  raisedBy: string;
  raisedAt: string;
  actionId: string | null;
  /** open, withdrawn or superseded: a register must not show a withdrawn finding as open. */
  status: FindingStatus;
  /** Why it was withdrawn or superseded; null while open. */
  statusReason: string | null;
  /** The major nonconformity a superseded minor was raised to. */
  supersededBy: string | null;
}

export const FINDING_VIEW_KEYS = ['id', 'auditId', 'classification', 'requirement', 'statement', 'evidence', 'area', 'owner', 'raisedBy', 'raisedAt', 'actionId', 'status', 'statusReason', 'supersededBy'] as const satisfies readonly (keyof FindingView)[];

export const toFindingView = (f: FindingRecord): FindingView => ({
  id: f.id,
  auditId: f.auditId,
  classification: f.classification,
  requirement: f.requirement,
  statement: f.statement,
  evidence: f.evidence,
  area: f.area,
  owner: f.owner,
  raisedBy: f.raisedBy,
  raisedAt: f.raisedAt,
  actionId: f.actionId,
  status: f.status,
  statusReason: f.statusReason,
  supersededBy: f.supersededBy,
});

/** Every finding (or those of one audit, owner or auditor), oldest first. */
export function listFindings(core: Core, filter: FindingFilter = {}): FindingView[] {
  return core.store.transaction((tx) => tx.findings.list(filter)).map(toFindingView);
}
