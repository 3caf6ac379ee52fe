// `audit preview [days] [person]`: what the scheduled jobs will send, and when, for audit leads.
// The core refuses anyone else with the same words on Slack, Teams and the console.
import { DEFAULT_PREVIEW_DAYS, MAX_PREVIEW_DAYS, previewMessages } from '../../core/preview/preview-messages.js';
import type { ChatCommand, ChatContext, ChatReply } from '../types.js';
import { actorOf, privately, usage } from '../replies.js';

const USAGE = `audit preview [days] [person], e.g. "audit preview 7 ana@acme.example": days from 1 to ${MAX_PREVIEW_DAYS} (${DEFAULT_PREVIEW_DAYS} when left out), the person's e-mail to see only their messages.`;

/** The days (all digits) and the person (anything else), in either order; each at most once. */
function parseArgs(args: readonly string[]): { days?: number; person?: string } {
  const out: { days?: number; person?: string } = {};
  if (args.length > 2) usage(USAGE);
  for (const arg of args) {
    if (/^\d+$/.test(arg)) {
      if (out.days !== undefined) usage(USAGE);
      // Long digit strings stay numbers the core refuses as out of range.
      out.days = Number(arg);
    } else {
      if (out.person !== undefined) usage(USAGE);
      out.person = arg;
    }
  }
  return out;
}

async function run(ctx: ChatContext, args: string[]): Promise<ChatReply> {
  return privately(await previewMessages(ctx.core, actorOf(ctx), parseArgs(args)));
}

export const auditPreviewCommand: ChatCommand = {
  words: ['audit', 'preview'],
  usage: 'audit preview [days] [person]',
  summary: 'who would get which message when over the coming days (14 unless you say), in their local time and UTC; nothing is sent',
  leadOnly: true,
  run,
};
