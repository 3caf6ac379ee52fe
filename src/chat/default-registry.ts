// Every capability's chat surface, for the composition root (serve, the console, the app's
// adapters). Tests build their own registry with createRegistry when they need another one.
import { calendarChat } from './calendar/index.js';
import { catalogueChat } from './catalogue/index.js';
import { conductChat } from './conduct/index.js';
import { correctiveActionsChat } from './corrective-actions/index.js';
import { evidenceChat } from './evidence/index.js';
import { findingsChat } from './findings/index.js';
import { myWorkChat } from './my-work/index.js';
import { organisationChat } from './organisation/index.js';
import { previewChat } from './preview/index.js';
import { programmeChat } from './programme/index.js';
import { createRegistry, type ChatRegistry } from './registry.js';
import { reportingChat } from './reporting/index.js';
import { reviewChat } from './review/index.js';
import type { Capability } from './types.js';

/** In the order the help lists them. */
export const CAPABILITIES: readonly Capability[] = [organisationChat, findingsChat, programmeChat, conductChat, myWorkChat, calendarChat, reportingChat, previewChat, reviewChat, evidenceChat, correctiveActionsChat, catalogueChat];

export const defaultRegistry: ChatRegistry = createRegistry(CAPABILITIES);
