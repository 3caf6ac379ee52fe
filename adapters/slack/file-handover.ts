// How Slack hands out a file: uploaded with files.uploadV2 (files.getUploadURLExternal, the bytes
// posted to the upload URL, files.completeUploadExternal) and shared only into the person's DM
// with the bot. It is the direct answer to what they asked, so it goes at once, not through the
// outbox: the file's bytes are never stored.
import type { webApi } from '@slack/bolt';
import type { FileHandover } from '../../src/chat/types.js';

type WebClient = webApi.WebClient;

/** Slack's error code, when the Web API refused the call. */
const platformError = (e: unknown): string | undefined => {
  const x = e as { code?: string; data?: { error?: unknown } } | null;
  return x?.code === 'slack_webapi_platform_error' && typeof x.data?.error === 'string' ? x.data.error : undefined;
};

export function slackFileHandover(client: WebClient): FileHandover {
  return {
    async giveReviewPack(ctx, file) {
      const userId = ctx.actor.slackId;
      if (!userId) return [{ type: 'text', text: 'I cannot find your Slack account to send you the file. Type "whoami" to see how I know you, or ask your audit lead.' }];
      const opened = await client.conversations.open({ users: userId });
      const channel = opened.channel?.id ?? userId;
      try {
        await client.files.uploadV2({ channel_id: channel, filename: file.name, title: file.title, content: await file.html() });
      } catch (e) {
        // An app installed before review packs lacks the scope: say what fixes it, not a fault.
        if (platformError(e) === 'missing_scope' || platformError(e) === 'not_allowed_token_type') {
          return [{ type: 'text', text: 'Slack did not let me upload the file: the Auditbot app needs the files:write scope. An administrator adds it from manifest.json and reinstalls the app; then type "review pack" again.' }];
        }
        throw e;
      }
      return [{ type: 'text', text: `The pack, ${file.name}, is in your direct messages with me, for you only: one self-contained page to open in a browser, print to PDF or send to the board.` }];
    },
  };
}
