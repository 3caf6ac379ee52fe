ALTER TABLE `corrective_actions` ADD `target` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `status` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `findings` ADD `status_reason` text;