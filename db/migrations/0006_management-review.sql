CREATE TABLE `management_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_date` text NOT NULL,
	`chair` text NOT NULL,
	`status` text NOT NULL,
	`scheduled_by` text NOT NULL,
	`scheduled_at` text NOT NULL,
	FOREIGN KEY (`chair`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `management_reviews_meeting_date` ON `management_reviews` (`meeting_date`);