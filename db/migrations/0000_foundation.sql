CREATE TABLE `applicability` (
	`control` text PRIMARY KEY NOT NULL,
	`applicable` integer NOT NULL,
	`justification` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `area_scope` (
	`area` text NOT NULL,
	`requirement` text NOT NULL,
	`kind` text NOT NULL,
	`owner` text NOT NULL,
	PRIMARY KEY(`area`, `requirement`),
	FOREIGN KEY (`area`) REFERENCES `areas`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `area_scope_owner` ON `area_scope` (`owner`);--> statement-breakpoint
CREATE TABLE `areas` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`team` text NOT NULL,
	`owner` text NOT NULL,
	`risk` text NOT NULL,
	`criteria` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`team`) REFERENCES `teams`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_auditors` (
	`audit_id` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`rationale` text NOT NULL,
	`assigned_at` text NOT NULL,
	PRIMARY KEY(`audit_id`, `role`),
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`email`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_auditors_email` ON `audit_auditors` (`email`);--> statement-breakpoint
CREATE TABLE `audits` (
	`id` text PRIMARY KEY NOT NULL,
	`cycle` text NOT NULL,
	`status` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`areas` text NOT NULL,
	`clauses` text NOT NULL,
	`controls` text NOT NULL,
	`criteria` text NOT NULL,
	`needs_external_auditor` integer DEFAULT false NOT NULL,
	`exception` text,
	`evidence_due_days` integer DEFAULT 10 NOT NULL,
	`started_at` text,
	`closed_at` text,
	FOREIGN KEY (`cycle`) REFERENCES `programmes`(`cycle`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audits_cycle` ON `audits` (`cycle`,`start`);--> statement-breakpoint
CREATE TABLE `conversation_refs` (
	`owner` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `findings` (
	`id` text PRIMARY KEY NOT NULL,
	`audit_id` text NOT NULL,
	`classification` text NOT NULL,
	`requirement` text NOT NULL,
	`out_of_scope` integer DEFAULT false NOT NULL,
	`statement` text NOT NULL,
	`evidence` text NOT NULL,
	`area` text NOT NULL,
	`owner` text NOT NULL,
	`raised_by` text NOT NULL,
	`raised_at` text NOT NULL,
	`action_id` text,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area`) REFERENCES `areas`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_audit` ON `findings` (`audit_id`);--> statement-breakpoint
CREATE INDEX `findings_owner` ON `findings` (`owner`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`scheduled_for` text NOT NULL,
	`trigger` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`outcome` text NOT NULL,
	`counts` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_job` ON `job_runs` (`job`,`scheduled_for`);--> statement-breakpoint
CREATE TABLE `organisation` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`platform` text NOT NULL,
	`recipient` text NOT NULL,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `people` (
	`email` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`team` text,
	`manager` text,
	`timezone` text,
	`roles` text NOT NULL,
	`slack_id` text,
	`teams_id` text,
	`chat` text,
	`last_platform` text,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`team`) REFERENCES `teams`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_slack_id` ON `people` (`slack_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_teams_id` ON `people` (`teams_id`);--> statement-breakpoint
CREATE TABLE `processed_requests` (
	`key` text PRIMARY KEY NOT NULL,
	`result` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `programmes` (
	`cycle` text PRIMARY KEY NOT NULL,
	`start` text NOT NULL,
	`months` integer NOT NULL,
	`max_per_month` integer,
	`gaps` text NOT NULL,
	`planned_at` text NOT NULL,
	`planned_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sequences` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `trail_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`before` text,
	`after` text,
	`channel` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `trail_subject` ON `trail_events` (`subject`);