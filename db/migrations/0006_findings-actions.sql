ALTER TABLE `corrective_actions` ADD `target` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `findings` ADD `status_reason` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `superseded_by` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `response` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `response_reason` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `decision_reason` text;