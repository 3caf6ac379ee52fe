-- custom SQL (issue 14)
-- A withdrawn finding's corrective action used to be stored as closed. It is withdrawn: it was
-- never verified, so one with no effective verification is moved to the withdrawn state.
UPDATE `corrective_actions` SET `status` = 'withdrawn'
WHERE `status` = 'closed'
  AND `finding_id` IN (SELECT `id` FROM `findings` WHERE `status` = 'withdrawn')
  AND NOT EXISTS (SELECT 1 FROM `verifications` `v` WHERE `v`.`action_id` = `corrective_actions`.`id` AND `v`.`effective` = 1);
