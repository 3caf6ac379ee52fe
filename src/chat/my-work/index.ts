// "My work" in chat: `mine` (and `/audit mine` on Slack).
import type { Capability } from '../types.js';
import { auditMineCommand, mineCommand } from './mine-command.js';

export const myWorkChat: Capability = {
  name: 'my-work',
  commands: [mineCommand, auditMineCommand],
};
