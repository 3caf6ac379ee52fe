// The management review in chat (ISO/IEC 27001:2022 clause 9.3).
import type { Capability } from '../types.js';
import { reviewActionDoneButtonHandler, reviewActionDoneCommand } from './review-action-done.js';
import { reviewInputButton, reviewInputFormHandler } from './review-input.js';
import { reviewPackCommand } from './review-pack-command.js';
import { reviewRecordCommand, reviewRecordFormHandler } from './review-record.js';
import { reviewScheduleCommand } from './review-schedule-command.js';

export const reviewChat: Capability = {
  name: 'review',
  commands: [reviewScheduleCommand, reviewRecordCommand, reviewActionDoneCommand, reviewPackCommand],
  forms: [reviewRecordFormHandler, reviewInputFormHandler],
  buttons: [reviewInputButton, reviewActionDoneButtonHandler],
};
