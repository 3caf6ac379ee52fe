CREATE INDEX `actions_status_due` ON `corrective_actions` (`status`,`due`);--> statement-breakpoint
CREATE INDEX `actions_opened` ON `corrective_actions` (`opened_at`,`status`);--> statement-breakpoint
CREATE INDEX `actions_closed` ON `corrective_actions` (`closed_at`);--> statement-breakpoint
CREATE INDEX `actions_finding_state` ON `corrective_actions` (`finding_id`,`status`,`closed_at`,`due`,`id`);--> statement-breakpoint
CREATE INDEX `findings_class_raised` ON `findings` (`classification`,`raised_at`,`id`);--> statement-breakpoint
CREATE INDEX `findings_raised` ON `findings` (`raised_at`,`area`,`classification`);--> statement-breakpoint
CREATE INDEX `verifications_at` ON `verifications` (`at`,`effective`);