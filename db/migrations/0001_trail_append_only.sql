-- The audit trail is append-only: the database itself refuses to change or remove an event.
-- (The hash chain still catches edits made by someone who drops these triggers.)
CREATE TRIGGER `trail_events_no_update` BEFORE UPDATE ON `trail_events`
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `trail_events_no_delete` BEFORE DELETE ON `trail_events`
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only: events cannot be removed');
END;
