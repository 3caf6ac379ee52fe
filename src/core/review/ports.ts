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
}

export interface ReviewRepository {
  insert(review: ManagementReviewRecord): void;
  get(id: string): ManagementReviewRecord | null;
  byMeetingDate(date: string): ManagementReviewRecord | null;
  /** Every review, by meeting date. */
  list(): ManagementReviewRecord[];
}
