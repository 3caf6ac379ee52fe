// The bot scopes the app asks for (manifest.json), each with why it is needed. The manifest
// test keeps the two in step; nothing else is requested.
export const BOT_SCOPES = {
  commands: 'receive the /finding and /audit slash commands',
  'chat:write': 'send DMs (notifications, confirmations) and post the digest in a channel the bot was invited to',
  'im:write': 'open the DM with a person (conversations.open) before the first message',
  'im:history': 'read what people type to the bot in its Messages tab (the message.im event), to run chat commands there',
  'users:read': 'read a Slack user (users.info): their time zone, and whether the account is deactivated',
  'users:read.email': 'match a Slack user to the organisation file by e-mail (users.info, users.lookupByEmail)',
  'files:write': 'upload a file a person asked for (the management review pack) into their DM with the bot (files.uploadV2)',
} as const;

/** Events the app subscribes to, each with why. */
export const BOT_EVENTS = {
  app_home_opened: 'publish the person\'s "my work" App Home when they open it',
  'message.im': 'answer chat commands typed in the bot\'s Messages tab',
} as const;
