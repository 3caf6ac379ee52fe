// Plain-English words for the review pack: counts whose nouns agree with their numbers, and the
// states of audits, corrective actions and evidence as a reader says them (never `in_progress`).
import type { ActionStatus } from '../corrective-actions/types.js';
import type { EvidenceStatus } from '../evidence/types.js';
import type { AuditStatus } from '../programme/types.js';
import type { Classification } from '../shared/classification.js';

/** `count(1, 'audit')` → `1 audit`; `count(2, 'audit')` → `2 audits`. */
export const count = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`;

/** Was or were, to agree with `n`. */
export const was = (n: number): string => (n === 1 ? 'was' : 'were');

export const CLASSIFICATION_NOUNS: Record<Classification, [string, string]> = {
  major: ['major nonconformity', 'major nonconformities'],
  minor: ['minor nonconformity', 'minor nonconformities'],
  ofi: ['opportunity for improvement', 'opportunities for improvement'],
  observation: ['observation', 'observations'],
};

export const countOf = (n: number, c: Classification): string => count(n, ...CLASSIFICATION_NOUNS[c]);

export const AUDIT_STATE: Record<AuditStatus, string> = { planned: 'planned', in_progress: 'in progress', reporting: 'reporting', closed: 'closed' };

export const ACTION_STATE: Record<ActionStatus, string> = {
  open: 'open, waiting for a plan',
  planned: 'planned',
  implemented: 'implemented, waiting for verification',
  closed: 'closed, verified effective',
  withdrawn: 'withdrawn with its finding, not verified',
};

export const EVIDENCE_STATE: Record<EvidenceStatus, string> = {
  requested: 'requested',
  submitted: 'submitted, waiting for review',
  accepted: 'accepted',
  more_requested: 'more asked for',
  withdrawn: 'withdrawn',
};

export const CLASSIFICATION_NAME: Record<Classification, string> = { major: 'major', minor: 'minor', ofi: 'opportunity for improvement', observation: 'observation' };
