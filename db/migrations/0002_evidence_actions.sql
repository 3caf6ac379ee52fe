CREATE TABLE `corrective_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`finding_id` text NOT NULL,
	`owner` text NOT NULL,
	`status` text NOT NULL,
	`due` text NOT NULL,
	`correction` text,
	`root_cause` text,
	`plan` text,
	`implementation_links` text NOT NULL,
	`opened_at` text NOT NULL,
	`planned_at` text,
	`implemented_at` text,
	`closed_at` text,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_owner` ON `corrective_actions` (`owner`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `actions_finding` ON `corrective_actions` (`finding_id`);--> statement-breakpoint
CREATE TABLE `evidence_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` text NOT NULL,
	`requirement` text NOT NULL,
	`owner` text NOT NULL,
	`due` text NOT NULL,
	`status` text NOT NULL,
	`links` text NOT NULL,
	`note` text,
	`comment` text,
	`snooze_count` integer DEFAULT 0 NOT NULL,
	`not_mine_reason` text,
	`requested_at` text NOT NULL,
	`submitted_at` text,
	`accepted_by` text,
	`accepted_at` text,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_audit_requirement` ON `evidence_requests` (`audit_id`,`requirement`);--> statement-breakpoint
CREATE INDEX `evidence_owner` ON `evidence_requests` (`owner`,`status`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`subject` text NOT NULL,
	`stage` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`subject`, `stage`)
);
--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`by` text NOT NULL,
	`at` text NOT NULL,
	`effective` integer NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `corrective_actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verifications_action` ON `verifications` (`action_id`);