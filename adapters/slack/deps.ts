// What every Slack listener is given: the chat pipeline, the one error sink, identity, the App
// Home refresher and a hook to tell the dispatcher that something was queued.
import type { Chat } from '../../src/chat/pipeline.js';
import type { Core } from '../../src/core/context.js';
import type { Logger } from '../../src/logger.js';
import type { ErrorSink } from './errors.js';
import type { HomeRefresher } from './home.js';
import type { IdentityResolver } from './identity.js';

export interface SlackDeps {
  core: Core;
  /** The one inbound path (src/chat/pipeline.ts), with the registry this adapter serves. */
  chat: Chat;
  logger: Logger;
  sink: ErrorSink;
  identity: IdentityResolver;
  home: HomeRefresher;
  /** Called after a command may have queued notifications (wakes the dispatcher). */
  changed(): void;
  /**
   * How long `/finding` waits for a Slack lookup of an unknown user before it opens a loading
   * modal, so the trigger (valid 3 s) is never lost.
   */
  identityBudgetMs: number;
}

/** Slack sends typed text with `&`, `<` and `>` as entities; the core wants what was typed. */
export const unescapeSlack = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
