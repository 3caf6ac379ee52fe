// The trail read back for a person: the events of one subject, each decoded against its kind
// (event-kinds.ts). The trail is evidence, not storage: what is read here is only shown (an
// action's history), never used to decide anything; state the core acts on lives in its tables.
// A test holds the core to that: only src/core/trail/ reads the trail, and only listed views
// import this.
import type { z } from 'zod';
import type { Tx } from '../ports.js';
import { isTrailAction, TRAIL_EVENT_KINDS, type TrailAction } from './event-kinds.js';

interface Stamp {
  seq: number;
  at: string;
  actor: string;
}

type Kinds = typeof TRAIL_EVENT_KINDS;

/** An event of a registered kind whose payload matches it, typed by its kind. */
export type HistoryEvent = {
  [A in TrailAction]: Stamp & { action: A; before: z.output<Kinds[A]['before']>; after: z.output<Kinds[A]['after']> };
}[TrailAction];

/** An event the registry does not describe (written by an older version, say): shown by its name. */
export interface UndescribedEvent extends Stamp {
  action: string;
  described: false;
}

const parse = (json: string | null): unknown => (json === null ? undefined : (JSON.parse(json) as unknown));

/** The events of `subject`, oldest first. */
export function subjectHistory(tx: Tx, subject: string): (HistoryEvent | UndescribedEvent)[] {
  return tx.trail.list({ subject }).map((e) => {
    const stamp = { seq: e.seq, at: e.at, actor: e.actor };
    if (!isTrailAction(e.action)) return { ...stamp, action: e.action, described: false };
    const spec = TRAIL_EVENT_KINDS[e.action];
    const before = spec.before.safeParse(parse(e.before));
    const after = spec.after.safeParse(parse(e.after));
    if (!before.success || !after.success) return { ...stamp, action: e.action, described: false };
    return { ...stamp, action: e.action, before: before.data, after: after.data } as HistoryEvent;
  });
}

export const isDescribed = (e: HistoryEvent | UndescribedEvent): e is HistoryEvent => !('described' in e);
