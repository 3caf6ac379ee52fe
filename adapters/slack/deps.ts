// What every Slack listener is given: the core, the one error sink, identity, the App Home
// refresher and a hook to tell the dispatcher that something was queued.
import type { ChatContext } from '../../src/chat/types.js';
import type { Core } from '../../src/core/context.js';
import type { Logger } from '../../src/logger.js';
import type { ErrorSink } from './errors.js';
import type { HomeRefresher } from './home.js';
import type { IdentityResolver } from './identity.js';
import type { PersonRecord } from '../../src/core/shared/people.js';

export interface SlackDeps {
  core: Core;
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

export function chatContext(deps: SlackDeps, actor: PersonRecord, conversationId?: string): ChatContext {
  return { core: deps.core, actor, channel: 'slack', platform: 'slack', ...(conversationId ? { conversationId } : {}) };
}

/** Slack sends typed text with `&`, `<` and `>` as entities; the core wants what was typed. */
export const unescapeSlack = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
