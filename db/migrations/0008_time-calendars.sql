ALTER TABLE `organisation` ADD `holidays` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `deliver_at` text;--> statement-breakpoint
ALTER TABLE `people` ADD `country` text;