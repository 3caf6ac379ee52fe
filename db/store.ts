import type { Clock } from '../src/core/shared/clock.js';
import type { Store, Tx } from '../src/core/ports.js';
import type { Db } from './connection.js';
import { createActionRepository } from './repositories/actions.js';
import { createCalendarTokenRepository } from './repositories/calendar-tokens.js';
import { createReviewPackLinkRepository } from './repositories/review-pack-links.js';
import { createConductRepository } from './repositories/conduct.js';
import { createConversationRefRepository } from './repositories/conversation-refs.js';
import { createEvidenceRepository } from './repositories/evidence.js';
import { createFindingRepository } from './repositories/findings.js';
import { createFormInstanceRepository } from './repositories/form-instances.js';
import { createJobRunRepository } from './repositories/job-runs.js';
import { createProcessedRequestRepository, createSequenceRepository } from './repositories/misc.js';
import { createOrganisationRepository } from './repositories/organisation.js';
import { createOutboxRepository } from './repositories/outbox.js';
import { createProgrammeRepository } from './repositories/programme.js';
import { createReminderRepository } from './repositories/reminders.js';
import { createReportingRepository } from './repositories/reporting.js';
import { createReviewRepository } from './repositories/reviews.js';
import { createSettingsRepository } from './repositories/settings.js';
import { createTrailRepository } from './repositories/trail.js';

/** The SQLite implementation of the core's Store port. */
export function createStore(db: Db, clock: Clock): Store {
  const now = () => clock.now().toISOString();
  const tx: Tx = {
    trail: createTrailRepository(db, now),
    outbox: createOutboxRepository(db, now),
    jobRuns: createJobRunRepository(db),
    processed: createProcessedRequestRepository(db),
    sequences: createSequenceRepository(db),
    organisation: createOrganisationRepository(db, now),
    findings: createFindingRepository(db),
    programme: createProgrammeRepository(db),
    conversationRefs: createConversationRefRepository(db, now),
    evidence: createEvidenceRepository(db),
    actions: createActionRepository(db),
    settings: createSettingsRepository(db, now),
    reporting: createReportingRepository(db),
    formInstances: createFormInstanceRepository(db),
    reminders: createReminderRepository(db),
    conduct: createConductRepository(db),
    reviews: createReviewRepository(db),
    calendarTokens: createCalendarTokenRepository(db),
    reviewPackLinks: createReviewPackLinkRepository(db),
  };
  // better-sqlite3 transactions are synchronous; nested calls become savepoints. Writers take the
  // write lock up front (no upgrade deadlocks); a read-only connection never needs it.
  const readonly = db.$client.readonly;
  return {
    transaction<T>(fn: (t: Tx) => T): T {
      const run = db.$client.transaction(() => fn(tx));
      return readonly ? run.deferred() : run.immediate();
    },
  };
}
