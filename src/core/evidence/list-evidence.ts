// The evidence register: every request with where it stands, who accepted it and when. The
// JSON shape is a contract (docs/json-contracts.md, `export evidence`); fields may be added, never changed.
import type { Core } from '../context.js';
import { requirementTitle } from '../catalogue/requirement-references.js';
import type { EvidenceStatus } from './types.js';

export interface EvidenceRegisterEntry {
  id: number;
  auditId: string;
  requirement: string;
  owner: string;
  /** `YYYY-MM-DD`, in the owner's time zone. */
  due: string;
  status: EvidenceStatus;
  links: string[];
  submittedAt: string | null;
  acceptedBy: string | null;
  // Added beside the contract's fields.
  title: string | null;
  acceptedAt: string | null;
  requestedAt: string;
  note: string | null;
  comment: string | null;
  snoozeCount: number;
}

export interface EvidenceRegisterFilter {
  auditId?: string;
  owner?: string;
  status?: EvidenceStatus;
}

export function listEvidence(core: Core, filter: EvidenceRegisterFilter = {}): EvidenceRegisterEntry[] {
  const rows = core.store.transaction((tx) =>
    tx.evidence.list({
      ...(filter.auditId ? { auditId: filter.auditId.toUpperCase() } : {}),
      ...(filter.owner ? { owner: filter.owner.toLowerCase() } : {}),
      ...(filter.status ? { statuses: [filter.status] } : {}),
    }),
  );
  return rows.map((r) => ({
    id: r.id,
    auditId: r.auditId,
    requirement: r.requirement,
    owner: r.owner,
    due: r.due,
    status: r.status,
    links: r.links,
    submittedAt: r.submittedAt,
    acceptedBy: r.acceptedBy,
    title: requirementTitle(r.requirement) ?? null,
    acceptedAt: r.acceptedAt,
    requestedAt: r.requestedAt,
    note: r.note,
    comment: r.comment,
    snoozeCount: r.snoozeCount,
  }));
}
