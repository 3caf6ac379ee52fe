/** A person's private feed link, known only by the SHA-256 of its token (hex). */
export interface CalendarTokenRecord {
  email: string;
  tokenHash: string;
  createdAt: string;
}

export interface CalendarTokenRepository {
  get(email: string): CalendarTokenRecord | null;
  /** An indexed lookup by hash: the only way a feed request finds its person. */
  findByHash(tokenHash: string): CalendarTokenRecord | null;
  /** Inserts or replaces the person's link (a new link ends the old one). */
  save(record: CalendarTokenRecord): void;
  /** True when there was a link to remove. */
  remove(email: string): boolean;
}
