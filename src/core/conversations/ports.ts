// Where a chat platform can be reached again later. Teams needs the Bot Framework conversation
// reference of an earlier turn to send a proactive message, and it must survive a restart, so
// it is stored, never only held in memory. The core treats the reference as opaque JSON.

export interface StoredConversationRef {
  /** A person's e-mail, or `channel:<conversation id>` for a Teams channel or group chat. */
  owner: string;
  reference: Record<string, unknown>;
  updatedAt: string;
}

export interface ConversationRefRepository {
  get(owner: string): StoredConversationRef | null;
  /** Inserts or replaces the reference for `owner`, stamped with the clock's time. */
  save(owner: string, reference: Record<string, unknown>): void;
  /** Forgets a reference (the app was uninstalled there); false when there was none. */
  remove(owner: string): boolean;
  /** The most recently saved reference, e.g. to learn the service URL and tenant before a first 1:1. */
  latest(): StoredConversationRef | null;
}
