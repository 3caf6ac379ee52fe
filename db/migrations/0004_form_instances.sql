CREATE TABLE `form_instances` (
	`id` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`person` text NOT NULL,
	`platform` text NOT NULL,
	`form` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`person`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `form_instances_expires` ON `form_instances` (`expires_at`);