// The preview of what will be sent, in chat: `audit preview` (and `/audit preview` on Slack).
import type { Capability } from '../types.js';
import { auditPreviewCommand } from './audit-preview-command.js';

export const previewChat: Capability = {
  name: 'preview',
  commands: [auditPreviewCommand],
};
