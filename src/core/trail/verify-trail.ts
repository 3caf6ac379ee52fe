import { GENESIS_HASH, hashEvent, type TrailContent } from './trail-hash.js';

export interface StoredTrailEvent extends TrailContent {
  prevHash: string;
  hash: string;
}

export type TrailVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; seq: number; reason: string };

/** The newest event of the trail: what an external witness (the digest, a backup) records. */
export interface TrailHead {
  seq: number;
  hash: string;
}

/** A head as it was witnessed: the event's number and the first characters of its hash. */
export interface WitnessedHead {
  seq: number;
  hashPrefix: string;
}

/** Hash prefixes shorter than this would match by chance too easily (8 hex = 1 in 4 billion). */
export const MIN_HEAD_PREFIX = 8;

/** `#1234 · a1b2c3d4`: how a head is shown to people (the digest, backup). */
export const formatTrailHead = (head: TrailHead): string => `#${head.seq} · ${head.hash.slice(0, MIN_HEAD_PREFIX)}`;

/** Parses `1234:a1b2c3d4` (`trail verify --head`); null when it is not of that form. */
export function parseWitnessedHead(text: string): WitnessedHead | null {
  const m = /^#?(\d{1,15}):([0-9a-f]+)$/i.exec(text.trim());
  if (!m || m[2] === undefined || m[2].length < MIN_HEAD_PREFIX || m[2].length > 64) return null;
  const seq = Number(m[1]);
  return seq >= 1 ? { seq, hashPrefix: m[2].toLowerCase() } : null;
}

/**
 * Walks the chain in order; the first event whose links or content do not match is named. With
 * a witnessed head, the chain must also still reach that event with that hash: deleting the
 * newest events, or rewriting the chain from some event on, cannot be seen from the chain alone.
 */
export function verifyTrail(events: Iterable<StoredTrailEvent>, options: { head?: WitnessedHead } = {}): TrailVerdict {
  const witnessed = options.head;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const e of events) {
    count++;
    if (e.seq !== expectedSeq) {
      return { ok: false, count, seq: expectedSeq, reason: `it is missing or renumbered (found #${e.seq} in its place)` };
    }
    if (e.prevHash !== prev) {
      return { ok: false, count, seq: e.seq, reason: `its link to event #${e.seq - 1} does not match (an event before it was changed or removed)` };
    }
    const { prevHash: _p, hash: _h, ...content } = e;
    const computed = hashEvent(prev, content);
    if (computed !== e.hash) {
      return { ok: false, count, seq: e.seq, reason: 'its content does not match its hash (the event was changed)' };
    }
    if (witnessed && e.seq === witnessed.seq && !e.hash.startsWith(witnessed.hashPrefix)) {
      return {
        ok: false,
        count,
        seq: e.seq,
        reason: `its hash begins ${e.hash.slice(0, witnessed.hashPrefix.length)}, not ${witnessed.hashPrefix} as witnessed (the trail was rewritten from this event or an earlier one)`,
      };
    }
    prev = e.hash;
    expectedSeq++;
  }
  if (witnessed && count < witnessed.seq) {
    return {
      ok: false,
      count,
      seq: witnessed.seq,
      reason: `it is missing: the trail ends at event #${count}, but event #${witnessed.seq} was witnessed (the newest events were removed)`,
    };
  }
  return { ok: true, count, lastHash: prev };
}
