// The weekly digest for leadership: where the ISMS stands this week. Open nonconformities (major
// first, oldest first, with their owners), overdue corrective actions, the week's new findings
// and closures, the programme's progress, overdue evidence, independence exceptions and
// notifications that could not be delivered. Counts are exact; each list keeps only its first
// few items (the message must fit one Slack message and one Teams card), and says how many more
// there are and which command lists them all.
import { z } from 'zod';
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import type { Message } from '../message.js';
import type { Tx } from '../ports.js';
import { localDateOf } from '../programme/programme-calendar.js';
import type { TrailHead } from '../trail/verify-trail.js';
import { digestMessage } from './digest-messages.js';
import { isoWeek, mondayOf } from './reporting-periods.js';
import type { ActionItem, ClassificationCounts, Counted, DeadNotificationItem, EvidenceItem, FindingItem, InstantWindow, OpenNonconformities } from './ports.js';
import { chooseVerifiers, verifierPool } from '../shared/verifiers.js';
import { currentProgramme, programmeProgress, type IndependenceExceptionItem, type ProgrammeProgress } from './programme-progress.js';

/** Items shown per list. Together they keep the digest within every platform's message limits. */
export const DIGEST_LIMITS = {
  open: 10,
  overdueActions: 10,
  newFindings: 8,
  closed: 5,
  overdueEvidence: 8,
  exceptions: 5,
  undelivered: 5,
  disputes: 5,
  blocked: 5,
} as const;

/** An implemented action nobody in the organisation file may verify (issue 14.7). */
export interface BlockedItem {
  actionId: string;
  findingId: string;
  owner: string;
}

/** A finding its owner disputes, waiting for the audit lead's decision (issue 14.2). */
export interface DisputeItem {
  findingId: string;
  auditId: string;
  owner: string;
  reason: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const buildDigestInput = z.object({
  /** The moment the digest describes; the clock's time when left out. */
  now: z.date().optional(),
});

export interface Digest {
  generatedAt: string;
  timezone: string;
  /** Local date of `generatedAt`. */
  today: string;
  /** ISO week of `today`, e.g. `2027-W01`. */
  week: string;
  /** Monday of that week. */
  weekOf: string;
  /** The seven days the "new this week" lists cover. */
  window: InstantWindow;
  open: OpenNonconformities;
  overdueActions: Counted<ActionItem>;
  newFindings: Counted<FindingItem> & { byClassification: ClassificationCounts };
  closed: Counted<ActionItem>;
  overdueEvidence: Counted<EvidenceItem>;
  programme: ProgrammeProgress | null;
  exceptions: Counted<IndependenceExceptionItem>;
  undelivered: Counted<DeadNotificationItem>;
  /** Disputed findings not yet decided, oldest first. */
  disputes: Counted<DisputeItem>;
  /** Implemented actions nobody may verify, oldest first: the organisation file needs someone. */
  blocked: Counted<BlockedItem>;
  /** Nothing open, nothing overdue, nothing new, no exception and every notification delivered. */
  allClear: boolean;
  /**
   * The audit trail's newest event when the digest was built. Posted in a channel, it is a
   * witness outside the database: `trail verify --head` fails if the trail no longer reaches it.
   */
  trailHead: TrailHead | null;
}

export function buildDigest(core: Core, input: z.input<typeof buildDigestInput> = {}): { digest: Digest; message: Message } {
  const parsed = buildDigestInput.safeParse(input);
  if (!parsed.success) throw validationError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'now'), i.message])));
  const now = parsed.data.now ?? core.clock.now();
  const digest = core.store.transaction((tx) => readDigest(tx, core, now));
  return { digest, message: digestMessage(digest) };
}

/** The digest's facts at `now`, read inside the caller's transaction. */
export function readDigest(tx: Tx, core: Core, now: Date): Digest {
  const timezone = core.settings.timezone;
  const at = now.toISOString();
  const today = localDateOf(at, timezone);
  const window = { from: new Date(now.getTime() - 7 * DAY_MS).toISOString(), to: at };
  const open = tx.reporting.openNonconformities({
    recentSince: new Date(now.getTime() - 30 * DAY_MS).toISOString(),
    oldBefore: new Date(now.getTime() - 90 * DAY_MS).toISOString(),
    limit: DIGEST_LIMITS.open,
  });
  const overdueActions = tx.reporting.currentOverdueActions({ today, limit: DIGEST_LIMITS.overdueActions });
  const newFindings = tx.reporting.findingsRaised({ window, limit: DIGEST_LIMITS.newFindings });
  const closed = tx.reporting.actionsClosed({ window, limit: DIGEST_LIMITS.closed });
  const overdueEvidence = tx.reporting.overdueEvidence({ today, limit: DIGEST_LIMITS.overdueEvidence });
  const undelivered = tx.reporting.deadNotifications({ limit: DIGEST_LIMITS.undelivered });
  const current = currentProgramme(tx, today);
  const programme = current ? programmeProgress(tx, current, now, timezone) : null;
  const allExceptions = programme?.exceptions ?? [];
  const exceptions = { total: allExceptions.length, items: allExceptions.slice(0, DIGEST_LIMITS.exceptions) };
  const allDisputes = tx.findings.list({ status: 'open', response: 'disputed' });
  const disputes = { total: allDisputes.length, items: allDisputes.slice(0, DIGEST_LIMITS.disputes).map((f) => ({ findingId: f.id, auditId: f.auditId, owner: f.owner, reason: f.responseReason ?? '' })) };
  const blocked = blockedActions(tx);
  const allClear = blocked.total === 0 && disputes.total === 0 && open.total === 0 && overdueActions.total === 0 && newFindings.total === 0 && overdueEvidence.total === 0 && exceptions.total === 0 && undelivered.total === 0;
  return {
    generatedAt: at,
    timezone,
    today,
    week: isoWeek(today),
    weekOf: mondayOf(today),
    window,
    open,
    overdueActions,
    newFindings,
    closed,
    overdueEvidence,
    programme,
    exceptions,
    undelivered,
    disputes,
    blocked,
    allClear,
    trailHead: tx.trail.head(),
  };
}

/** Implemented actions for which shared/verifiers.ts finds nobody, oldest first. */
function blockedActions(tx: Tx): Counted<BlockedItem> {
  const waiting = tx.actions.listAwaitingVerification();
  if (waiting.length === 0) return { total: 0, items: [] };
  const people = new Map(tx.organisation.listPeople({ includeInactive: true }).map((p) => [p.email, p]));
  const pool = verifierPool(people.values());
  const all = waiting.filter((a) => chooseVerifiers(people.get(a.raisedBy), a.owner, people.get(a.owner)?.team ?? null, a.raisedBy, pool).length === 0);
  return { total: all.length, items: all.slice(0, DIGEST_LIMITS.blocked).map((a) => ({ actionId: a.id, findingId: a.findingId, owner: a.owner })) };
}
