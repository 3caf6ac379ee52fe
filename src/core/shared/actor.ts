// Who is acting, and through which channel: recorded with every trail event.

/** Where a command came from; recorded with every trail event. */
export type Channel = 'cli' | 'console' | 'slack' | 'teams' | 'scheduler' | 'system';

/** Platforms the outbox can deliver to. */
export type Platform = 'console' | 'slack' | 'teams';

/** Who is acting: a person's e-mail, or `system` for the scheduler and the importer. */
export interface Actor {
  email: string;
  channel: Channel;
}

export const SYSTEM_ACTOR = 'system';
