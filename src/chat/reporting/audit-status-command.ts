import { programmeStatus } from '../../core/reporting/programme-status.js';
import type { ChatCommand } from '../types.js';

export const auditStatusCommand: ChatCommand = {
  words: ['audit', 'status'],
  usage: 'audit status',
  summary: 'programme progress: audits done and planned, coverage of clauses and controls, exceptions',
  run: (ctx) => ({ kind: 'message', message: programmeStatus(ctx.core) }),
};
