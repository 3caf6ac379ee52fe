// The ports through which the core reaches storage. `db/` implements them on SQLite; every
// use case runs inside `store.transaction`, so a state change, its trail event and its
// outbox rows commit together or not at all.
import type { Message } from './message.js';
import type { StoredTrailEvent, TrailHead } from './trail/verify-trail.js';
import type { TrailEvent } from './trail/event-kinds.js';
import type { OrganisationRepository } from './organisation/ports.js';
import type { JobRunRepository } from './jobs/ports.js';
import type { ProgrammeRepository } from './programme/ports.js';
import type { EvidenceRepository } from './evidence/ports.js';
import type { FindingRepository } from './findings/ports.js';
import type { ConversationRefRepository } from './conversations/ports.js';
import type { ActionRepository } from './corrective-actions/ports.js';
import type { SettingsRepository } from './settings/ports.js';
import type { ReportingRepository } from './reporting/ports.js';
import type { FormInstanceRepository } from './forms/ports.js';
import type { ReminderRepository } from './reminders/ports.js';
import type { ReviewPackLinkRepository, ReviewRepository } from './review/ports.js';
import type { Platform } from './shared/actor.js';
import type { ConductRepository } from './conduct/ports.js';
import type { CalendarTokenRepository } from './calendar/ports.js';

/**
 * One event to append: `action` is a dotted verb registered in trail/event-kinds.ts (e.g.
 * `finding.recorded`), which fixes the shape of `before` and `after`; `subject` is what changed
 * (e.g. `audit:IA-2027-07`).
 */
export type TrailEventInput = TrailEvent;

/** A trail event without who, where and about what: what a caller composes before those are known. */
export type TrailEventBody = WithoutStamp<TrailEvent>;
type WithoutStamp<E> = E extends unknown ? Omit<E, 'actor' | 'subject' | 'channel'> : never;

export interface TrailRepository {
  /** Appends one hash-chained event stamped with the clock's time; returns its sequence number. */
  append(event: TrailEventInput): number;
  /**
   * Events in order; `subject` filters to one subject. Reading is for verifying and exporting
   * the trail (src/core/trail/ and the CLI): the core keeps nothing here that it reads back.
   */
  list(filter?: { subject?: string }): StoredTrailEvent[];
  iterate(): Iterable<StoredTrailEvent>;
  /** The newest event's number and hash; null while the trail is empty. */
  head(): TrailHead | null;
}

export interface NotificationInput {
  /** Idempotency key, unique for ever: e.g. `nudge:evidence:42:overdue-1`. */
  key: string;
  platform: Platform;
  /** A person's e-mail, or `channel:<id>` for a channel post. */
  recipient: string;
  message: Message;
  /**
   * The earliest moment it may be delivered (ISO 8601); absent: at once. DMs get theirs from
   * shared/notify.ts (the recipient's working hours), channel posts from their schedule.
   */
  deliverAt?: string;
}

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxRow {
  id: number;
  key: string;
  platform: Platform;
  recipient: string;
  message: Message;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** The earliest moment it may go; null: at once (rows queued before issue 15). */
  deliverAt: string | null;
  /**
   * Only on what the dispatcher hands a deliverer for a bundle (several rows to one person sent
   * as one message): the keys of the rows it carries, in order.
   */
  parts?: string[];
}

export interface OutboxRepository {
  /** Queues a notification; false (and nothing written) when the key was queued before. */
  enqueue(n: NotificationInput): boolean;
  /**
   * Pending rows due at or before `now`, in creation order. A row queued behind an earlier
   * pending row to the same recipient on the same platform that is still waiting for its retry
   * (not for its delivery moment) is held back, so each person receives their messages in the
   * order they were written.
   */
  due(now: string, limit: number, platforms?: readonly Platform[], recipient?: string): OutboxRow[];
  /**
   * Takes a due row for one delivery attempt by moving its next attempt to `until`, only if it
   * is still pending and due at `dueAt`; false when another dispatcher (another process on the
   * same database) took it first. A crash mid-delivery leaves the row to be retried at `until`.
   */
  claim(id: number, dueAt: string, until: string): boolean;
  markDelivered(id: number, at: string): void;
  markFailed(id: number, update: { attempts: number; nextAttemptAt: string; lastError: string; dead: boolean }): void;
  /** Makes a pending or dead row due at `at` with its attempts reset; null when unknown or already delivered. */
  requeue(id: number, at: string): OutboxRow | null;
  get(id: number): OutboxRow | null;
  /** The earliest moment a pending row is to be tried; null when none is pending. */
  nextDue(): string | null;
  /** The id of the newest row; 0 when there is none. */
  lastId(): number;
  /** Rows written after row `id`, in order: what one run queued. */
  listAfter(id: number): OutboxRow[];
  list(filter?: { status?: OutboxStatus }): OutboxRow[];
  backlog(): { pending: number; dead: number; oldestPendingAt: string | null };
}

export interface ProcessedRequestRepository {
  /**
   * Records a request key; false when it was recorded before (a retry or a double submit).
   * `result` (e.g. the id of what the request created) lets a repeat answer as the first did.
   */
  claim(key: string, at: string, result?: string): boolean;
  /** The earlier handling of a key, if any. */
  get(key: string): { at: string; result: string | null } | null;
  /**
   * Forgets the keys starting with `prefix` recorded before `before`, for keys that matter only
   * for a while (a request signature within its freshness window); returns how many.
   */
  forget(prefix: string, before: string): number;
}

export interface SequenceRepository {
  /** Next value of a named sequence, e.g. `finding:2027` → 12. */
  next(name: string): number;
}

/** One transaction's view of the store. Features add their repositories here. */
export interface Tx {
  trail: TrailRepository;
  outbox: OutboxRepository;
  jobRuns: JobRunRepository;
  processed: ProcessedRequestRepository;
  sequences: SequenceRepository;
  organisation: OrganisationRepository;
  programme: ProgrammeRepository;
  findings: FindingRepository;
  conversationRefs: ConversationRefRepository;
  evidence: EvidenceRepository;
  actions: ActionRepository;
  settings: SettingsRepository;
  reporting: ReportingRepository;
  formInstances: FormInstanceRepository;
  reminders: ReminderRepository;
  conduct: ConductRepository;
  reviews: ReviewRepository;
  calendarTokens: CalendarTokenRepository;
  reviewPackLinks: ReviewPackLinkRepository;
}

export interface Store {
  /** Runs `fn` in one SQLite transaction; an exception rolls everything back. */
  transaction<T>(fn: (tx: Tx) => T): T;
}
