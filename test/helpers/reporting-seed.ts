// Records for the reporting tests, written straight into the tables (as the finding, corrective
// action and evidence use cases would have): reports only read, so their tests control every
// date and status exactly.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { correctiveActions, evidenceRequests, findings, outbox, verifications } from '../../db/schema.js';
import type { ActionStatus } from '../../src/core/corrective-actions/types.js';
import type { EvidenceStatus } from '../../src/core/evidence/types.js';
import type { Message } from '../../src/core/message.js';
import { SEED } from './seed.js';
import type { Classification } from '../../src/core/shared/classification.js';
import type { FindingStatus } from '../../src/core/findings/types.js';

export interface FindingSeed {
  id: string;
  classification: Classification;
  raisedAt: string;
  auditId?: string;
  requirement?: string;
  area?: string;
  owner?: string;
  raisedBy?: string;
  statement?: string;
  evidence?: string;
  status?: FindingStatus;
  statusReason?: string;
  supersededBy?: string;
}

export function addFinding(db: Db, f: FindingSeed): void {
  db.insert(findings)
    .values({
      id: f.id,
      auditId: f.auditId ?? SEED.audits.iam,
      classification: f.classification,
      requirement: f.requirement ?? 'A.5.15',
      statement: f.statement ?? `Statement of ${f.id}`,
      evidence: f.evidence ?? `Evidence of ${f.id}`,
      area: f.area ?? SEED.areas.iam,
      owner: f.owner ?? SEED.iamOwner,
      raisedBy: f.raisedBy ?? SEED.auditor,
      raisedAt: f.raisedAt,
      ...(f.status ? { status: f.status, statusReason: f.statusReason ?? null, supersededBy: f.supersededBy ?? null } : {}),
    })
    .run();
}

export interface ActionSeed {
  id: string;
  findingId: string;
  status: ActionStatus;
  due: string;
  openedAt: string;
  owner?: string;
  plannedAt?: string | null;
  implementedAt?: string | null;
  closedAt?: string | null;
  correction?: string | null;
  rootCause?: string | null;
  plan?: string | null;
  links?: string[];
}

export function addAction(db: Db, a: ActionSeed): void {
  db.insert(correctiveActions)
    .values({
      id: a.id,
      findingId: a.findingId,
      owner: a.owner ?? SEED.iamOwner,
      status: a.status,
      due: a.due,
      correction: a.correction ?? null,
      rootCause: a.rootCause ?? null,
      plan: a.plan ?? null,
      implementationLinks: a.links ?? [],
      openedAt: a.openedAt,
      plannedAt: a.plannedAt ?? null,
      implementedAt: a.implementedAt ?? null,
      closedAt: a.closedAt ?? null,
    })
    .run();
  db.update(findings).set({ actionId: a.id }).where(eq(findings.id, a.findingId)).run();
}

export function addVerification(db: Db, v: { actionId: string; at: string; effective: boolean; reason: string; by?: string }): void {
  db.insert(verifications).values({ actionId: v.actionId, by: v.by ?? SEED.auditor, at: v.at, effective: v.effective, reason: v.reason }).run();
}

export interface EvidenceSeed {
  requirement: string;
  due: string;
  status: EvidenceStatus;
  requestedAt: string;
  auditId?: string;
  owner?: string;
  submittedAt?: string | null;
  links?: string[];
  note?: string | null;
  acceptedBy?: string | null;
  acceptedAt?: string | null;
}

export function addEvidence(db: Db, e: EvidenceSeed): number {
  const row = db
    .insert(evidenceRequests)
    .values({
      auditId: e.auditId ?? SEED.audits.iam,
      requirement: e.requirement,
      owner: e.owner ?? SEED.iamOwner,
      due: e.due,
      status: e.status,
      links: e.links ?? [],
      note: e.note ?? null,
      requestedAt: e.requestedAt,
      submittedAt: e.submittedAt ?? null,
      acceptedBy: e.acceptedBy ?? null,
      acceptedAt: e.acceptedAt ?? null,
    })
    .returning({ id: evidenceRequests.id })
    .get();
  return row.id;
}

const NOTE: Message = { summary: 'A note', blocks: [{ type: 'text', text: 'A note' }] };

export function addDeadNotification(db: Db, n: { key: string; recipient: string; platform?: 'slack' | 'teams' | 'console'; lastError: string; at: string }): void {
  db.insert(outbox)
    .values({
      key: n.key,
      platform: n.platform ?? 'slack',
      recipient: n.recipient,
      message: JSON.stringify(NOTE),
      status: 'dead',
      attempts: 8,
      nextAttemptAt: n.at,
      lastError: n.lastError,
      createdAt: n.at,
    })
    .run();
}
