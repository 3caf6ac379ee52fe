// What the core asks of the process to preview what will be sent: the scheduled jobs and the
// outbox run in simulated time on a copy of the data (src/preview.ts implements it). The port
// keeps the core pure: copying the database and running the jobs belong to the process.

/** One message as the running bot would deliver it. */
export interface PreviewLine {
  /** Delivery moment, ISO 8601 UTC. */
  at: string;
  /** The recipient's local date and time, `YYYY-MM-DD HH:MM`, and their zone. */
  local: string;
  timezone: string;
  recipient: string;
  platform: string;
  title: string;
  /** Outbox keys it carries (several when bundled). */
  keys: string[];
}

export interface DeliveryPreviewPort {
  /** What would be sent from now over `days` days (to `person` only, when given); sends and changes nothing. */
  list(options: { days: number; person?: string }): Promise<PreviewLine[]>;
}
