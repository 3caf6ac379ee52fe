// Calendar feeds in chat: `calendar` (and `/audit calendar` on Slack) sends a person their own link.
import type { Capability } from '../types.js';
import { auditCalendarCommand, calendarCommand } from './calendar-command.js';

export const calendarChat: Capability = {
  name: 'calendar',
  commands: [calendarCommand, auditCalendarCommand],
};
