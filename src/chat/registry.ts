// Every chat command, form and action, one file each. Add one by adding its file and a line here.
import type { ActionHandler, ChatCommand, FormHandler } from './types.js';

export const CHAT_COMMANDS: ChatCommand[] = [];

export const FORM_HANDLERS: FormHandler[] = [];

export const ACTION_HANDLERS: ActionHandler[] = [];
