import { GENESIS_HASH, hashEvent, type TrailContent } from './hash.js';

export interface StoredTrailEvent extends TrailContent {
  prevHash: string;
  hash: string;
}

export type TrailVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; seq: number; reason: string };

/** Walks the chain in order; the first event whose links or content do not match is named. */
export function verifyTrail(events: Iterable<StoredTrailEvent>): TrailVerdict {
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
    prev = e.hash;
    expectedSeq++;
  }
  return { ok: true, count, lastHash: prev };
}
