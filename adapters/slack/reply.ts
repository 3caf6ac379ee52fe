// How a chat reply reaches the person on Slack: a form becomes a modal (it needs a trigger), a
// message goes back where the person asked (ephemeral through the response URL, or into the
// DM), and a form asked for where no trigger exists becomes a button that opens it.
import type { RespondFn, webApi } from '@slack/bolt';
import { noticeMessage } from '../../src/chat/faults.js';
import type { Reply } from '../../src/chat/types.js';
import type { Message } from '../../src/core/message.js';
import { RUN_BUTTON_ID } from './inbound.js';
import { renderForm, renderMessage } from './render.js';

type WebClient = webApi.WebClient;

export interface ReplyTarget {
  client: WebClient;
  /** A slash command's or a button's trigger: lets a form open as a modal. */
  triggerId?: string;
  /** A slash command's or a message button's response URL: ephemeral answers. */
  respond?: RespondFn;
  /** A conversation to post into (the DM the person typed in). */
  channel?: string;
  /** The person, for a DM when nothing else is available. */
  userId?: string;
  /** The chat text that produced the reply, to offer a button when a form cannot open here. */
  rerun?: string;
}

/** Opens a DM with the person and posts the message (Slack needs `im:write` for this). */
export async function sendDirect(client: WebClient, userId: string, message: Message): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id ?? userId;
  await client.chat.postMessage({ channel, ...renderMessage(message), unfurl_links: false, unfurl_media: false });
}

async function sendMessage(target: ReplyTarget, message: Message, visibility: 'private' | 'conversation'): Promise<void> {
  const rendered = renderMessage(message);
  if (target.respond) {
    await target.respond({ response_type: visibility === 'conversation' ? 'in_channel' : 'ephemeral', replace_original: false, ...rendered });
  } else if (target.channel) {
    await target.client.chat.postMessage({ channel: target.channel, ...rendered, unfurl_links: false, unfurl_media: false });
  } else if (target.userId) {
    await sendDirect(target.client, target.userId, message);
  }
}

export async function presentReply(reply: Reply, target: ReplyTarget): Promise<void> {
  switch (reply.kind) {
    case 'none':
      return;
    case 'message':
      return sendMessage(target, reply.message, reply.visibility ?? 'private');
    case 'invalid':
      // Only a form submission is refused this way, and a modal shows it (form-submission.ts).
      return sendMessage(target, noticeMessage(Object.values(reply.errors).join(' ')), 'private');
    case 'form':
      if (target.triggerId) {
        await target.client.views.open({ trigger_id: target.triggerId, view: renderForm(reply.form, reply.instance) });
        return;
      }
      return sendMessage(
        target,
        {
          summary: `${reply.form.title}: open the form to continue.`,
          blocks: [
            { type: 'text', text: `${reply.form.title}: this opens as a form.` },
            { type: 'buttons', buttons: [{ id: RUN_BUTTON_ID, label: `Open: ${reply.form.title}`, value: target.rerun ?? reply.form.id, style: 'primary' }] },
          ],
        },
        'private',
      );
  }
}
