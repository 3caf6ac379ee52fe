CREATE TABLE `audit_conclusions` (
	`audit_id` text PRIMARY KEY NOT NULL,
	`conclusion` text NOT NULL,
	`summary` text NOT NULL,
	`strengths` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_meetings` (
	`audit_id` text NOT NULL,
	`kind` text NOT NULL,
	`held_at` text NOT NULL,
	`attendees` text NOT NULL,
	`notes` text NOT NULL,
	`findings_presented` text NOT NULL,
	`acknowledgement` text,
	`auditee_statement` text,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`audit_id`, `kind`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_plans` (
	`audit_id` text PRIMARY KEY NOT NULL,
	`objectives` text NOT NULL,
	`method` text NOT NULL,
	`criteria` text NOT NULL,
	`auditees` text NOT NULL,
	`schedule` text NOT NULL,
	`shared_at` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checklist_verdicts` (
	`audit_id` text NOT NULL,
	`requirement` text NOT NULL,
	`verdict` text NOT NULL,
	`reason` text,
	`notes` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`audit_id`, `requirement`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `working_papers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` text NOT NULL,
	`requirement` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `working_papers_audit` ON `working_papers` (`audit_id`,`requirement`);--> statement-breakpoint
-- custom SQL (issue 13)
-- A closed audit is never edited: the database refuses to change its records (corrections are new trail events).
CREATE TRIGGER `checklist_verdicts_closed_no_insert` BEFORE INSERT ON `checklist_verdicts`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_verdicts_closed_no_update` BEFORE UPDATE ON `checklist_verdicts`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `checklist_verdicts_closed_no_delete` BEFORE DELETE ON `checklist_verdicts`
WHEN (SELECT `status` FROM `audits` WHERE `id` = OLD.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `working_papers_closed_no_insert` BEFORE INSERT ON `working_papers`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `working_papers_closed_no_update` BEFORE UPDATE ON `working_papers`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `working_papers_closed_no_delete` BEFORE DELETE ON `working_papers`
WHEN (SELECT `status` FROM `audits` WHERE `id` = OLD.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_meetings_closed_no_insert` BEFORE INSERT ON `audit_meetings`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_meetings_closed_no_update` BEFORE UPDATE ON `audit_meetings`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_meetings_closed_no_delete` BEFORE DELETE ON `audit_meetings`
WHEN (SELECT `status` FROM `audits` WHERE `id` = OLD.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_conclusions_closed_no_insert` BEFORE INSERT ON `audit_conclusions`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_conclusions_closed_no_update` BEFORE UPDATE ON `audit_conclusions`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_conclusions_closed_no_delete` BEFORE DELETE ON `audit_conclusions`
WHEN (SELECT `status` FROM `audits` WHERE `id` = OLD.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_plans_closed_no_insert` BEFORE INSERT ON `audit_plans`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_plans_closed_no_update` BEFORE UPDATE ON `audit_plans`
WHEN (SELECT `status` FROM `audits` WHERE `id` = NEW.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_plans_closed_no_delete` BEFORE DELETE ON `audit_plans`
WHEN (SELECT `status` FROM `audits` WHERE `id` = OLD.`audit_id`) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'a closed audit is never edited');
END;
