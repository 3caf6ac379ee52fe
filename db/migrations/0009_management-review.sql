CREATE TABLE `management_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_date` text NOT NULL,
	`chair` text NOT NULL,
	`status` text NOT NULL,
	`scheduled_by` text NOT NULL,
	`scheduled_at` text NOT NULL,
	`held_at` text,
	`held_by` text,
	`attendees` text,
	`decisions` text,
	FOREIGN KEY (`chair`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `management_reviews_meeting_date` ON `management_reviews` (`meeting_date`);--> statement-breakpoint
CREATE TABLE `review_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`review_id` text NOT NULL,
	`text` text NOT NULL,
	`owner` text NOT NULL,
	`due` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` text,
	`done_by` text,
	FOREIGN KEY (`review_id`) REFERENCES `management_reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_actions_review` ON `review_actions` (`review_id`);--> statement-breakpoint
CREATE INDEX `review_actions_status` ON `review_actions` (`status`);--> statement-breakpoint
CREATE TABLE `review_inputs` (
	`review_id` text NOT NULL,
	`letter` text NOT NULL,
	`provided_by` text NOT NULL,
	`provided_at` text NOT NULL,
	`text` text NOT NULL,
	`links` text NOT NULL,
	`objectives` text NOT NULL,
	PRIMARY KEY(`review_id`, `letter`),
	FOREIGN KEY (`review_id`) REFERENCES `management_reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provided_by`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `organisation` ADD `management_review` text;