CREATE TABLE `action_extension_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`by` text NOT NULL,
	`at` text NOT NULL,
	`due` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision` text,
	FOREIGN KEY (`action_id`) REFERENCES `corrective_actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_extension_requests_action` ON `action_extension_requests` (`action_id`,`status`);--> statement-breakpoint
ALTER TABLE `corrective_actions` ADD `target` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `findings` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `superseded_by` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `response` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `response_reason` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `decision_reason` text;