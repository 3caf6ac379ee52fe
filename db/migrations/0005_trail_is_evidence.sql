CREATE TABLE `action_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`by` text NOT NULL,
	`at` text NOT NULL,
	`from_due` text NOT NULL,
	`to_due` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `corrective_actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_extensions_action` ON `action_extensions` (`action_id`,`at`);--> statement-breakpoint
CREATE TABLE `evidence_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `evidence_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `people`(`email`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_submissions_request` ON `evidence_submissions` (`request_id`,`submitted_by`);--> statement-breakpoint
CREATE TABLE `finding_due_proposals` (
	`finding_id` text PRIMARY KEY NOT NULL,
	`due` text NOT NULL,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audits` ADD `needs_external_record` text;--> statement-breakpoint
-- Backfill from the trail what the code used to read back out of it, so an upgraded database
-- behaves as before. The trail itself is not touched (it is append-only and hash-chained).
-- The due date an auditor proposed when recording a finding:
INSERT INTO `finding_due_proposals` (`finding_id`, `due`)
SELECT substr(`subject`, 9), json_extract(`after`, '$.dueDate')
FROM `trail_events`
WHERE `action` = 'finding.recorded' AND json_extract(`after`, '$.dueDate') IS NOT NULL AND substr(`subject`, 9) IN (SELECT `id` FROM `findings`)
GROUP BY `subject` HAVING `seq` = min(`seq`);
--> statement-breakpoint
-- Who was kept off an audit when it was last found to need an external auditor:
UPDATE `audits` SET `needs_external_record` = (
	SELECT json_object('excluded', json(coalesce(json_extract(`after`, '$.excluded'), '[]')), 'withoutAuditorRole', coalesce(json_extract(`after`, '$.withoutAuditorRole'), 0))
	FROM `trail_events`
	WHERE `subject` = 'audit:' || `audits`.`id` AND `action` = 'audit.needs_external'
	ORDER BY `seq` DESC LIMIT 1
);
--> statement-breakpoint
-- Every due-date extension of a corrective action:
INSERT INTO `action_extensions` (`action_id`, `by`, `at`, `from_due`, `to_due`, `reason`)
SELECT substr(`subject`, 8), `actor`, `at`, coalesce(json_extract(`before`, '$.due'), ''), coalesce(json_extract(`after`, '$.due'), ''), coalesce(json_extract(`after`, '$.reason'), '')
FROM `trail_events`
WHERE `action` = 'action.extended' AND substr(`subject`, 8) IN (SELECT `id` FROM `corrective_actions`) AND `actor` IN (SELECT `email` FROM `people`)
ORDER BY `seq`;
--> statement-breakpoint
-- Every submission of evidence, by whom:
INSERT INTO `evidence_submissions` (`request_id`, `submitted_by`, `submitted_at`)
SELECT CAST(substr(`subject`, 10) AS INTEGER), `actor`, `at`
FROM `trail_events`
WHERE `action` = 'evidence.submitted' AND CAST(substr(`subject`, 10) AS INTEGER) IN (SELECT `id` FROM `evidence_requests`) AND `actor` IN (SELECT `email` FROM `people`)
ORDER BY `seq`;
--> statement-breakpoint
-- Chat accounts whose refusal was already reported to the audit leads (reported once per account):
INSERT OR IGNORE INTO `reminders` (`subject`, `stage`, `at`)
SELECT `subject`, 'refused', min(`at`) FROM `trail_events` WHERE `action` = 'person.chat_account_refused' GROUP BY `subject`;
