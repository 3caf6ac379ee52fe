// What the management review (clause 9.3) keeps: its meetings.

export type ReviewStatus = 'scheduled' | 'held';

export interface ManagementReviewRecord {
  id: string;
  /** Local date of the meeting, YYYY-MM-DD, in the organisation's time zone. */
  meetingDate: string;
  chair: string;
  status: ReviewStatus;
  scheduledBy: string;
  scheduledAt: string;
  heldAt: string | null;
  heldBy: string | null;
  attendees: string[] | null;
  decisions: ReviewDecision[] | null;
}

export type DecisionKind = 'improvement' | 'change' | 'resources';

export interface ReviewDecision {
  kind: DecisionKind;
  text: string;
}

export interface ReviewActionRecord {
  id: string;
  reviewId: string;
  text: string;
  owner: string;
  due: string;
  createdAt: string;
  status: 'open' | 'done';
  doneAt: string | null;
  doneBy: string | null;
}

export type InputLetter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';

export type ObjectiveStatus = 'met' | 'on track' | 'at risk' | 'not met';

/** An input of clause 9.3.2 given for a review by its provider (the latest submission). */
export interface ReviewInputRecord {
  reviewId: string;
  letter: InputLetter;
  providedBy: string;
  providedAt: string;
  text: string;
  links: string[];
  /** For the fulfilment of information security objectives (input d): each objective and its status. */
  objectives: { objective: string; status: ObjectiveStatus }[];
}

export interface ReviewRepository {
  insert(review: ManagementReviewRecord): void;
  get(id: string): ManagementReviewRecord | null;
  byMeetingDate(date: string): ManagementReviewRecord | null;
  /** Every review, by meeting date. */
  list(): ManagementReviewRecord[];
  /** Records the outcome; the review becomes `held`. */
  hold(id: string, outcome: { heldAt: string; heldBy: string; attendees: string[]; decisions: ReviewDecision[] }): void;
  insertAction(action: ReviewActionRecord): void;
  getAction(id: string): ReviewActionRecord | null;
  /** Every action still open, by id. */
  openActions(): ReviewActionRecord[];
  markActionDone(id: string, done: { doneAt: string; doneBy: string }): void;
  /** Actions decided at the given reviews, by id. */
  actionsOf(reviewIds: readonly string[]): ReviewActionRecord[];
  /** Writes an input, replacing what was given for the same review and letter. */
  saveInput(input: ReviewInputRecord): void;
  /** The inputs given for a review, by letter. */
  inputsOf(reviewId: string): ReviewInputRecord[];
}

/** A short-lived link to a review's pack, for one person; known only by its token's SHA-256 (hex). */
export interface ReviewPackLinkRecord {
  tokenHash: string;
  email: string;
  reviewId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ReviewPackLinkRepository {
  save(link: ReviewPackLinkRecord): void;
  /** An indexed lookup by hash: the only way a request finds its link. */
  findByHash(tokenHash: string): ReviewPackLinkRecord | null;
  /** Forgets links that expired at or before `now`; how many. */
  removeExpired(now: string): number;
}
