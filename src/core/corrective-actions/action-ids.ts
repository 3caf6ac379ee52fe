// Stable ids of the corrective-action buttons, forms and form fields. Adapters route on them
// through src/chat, so a button pressed on Slack, Teams or the console reaches the same
// handler; field ids are also the keys of the field errors the use cases report.
import type { Button } from '../message.js';
import type { ActionStatus } from './types.js';

export const ACTION_BUTTONS = {
  plan: 'action.plan',
  implemented: 'action.implemented',
  extend: 'action.extend',
  verify: 'action.verify',
  /** On an opportunity for improvement: open a corrective action by choice (value: finding id). */
  open: 'action.open',
} as const;

export const ACTION_FORMS = {
  plan: 'action.plan',
  implemented: 'action.implemented',
  extend: 'action.extend',
  verify: 'action.verify',
} as const;

export const ACTION_FIELDS = {
  actionId: 'actionId',
  findingId: 'findingId',
  correction: 'correction',
  rootCause: 'rootCause',
  plan: 'plan',
  due: 'due',
  links: 'links',
  reason: 'reason',
  effective: 'effective',
} as const;

/** The owner's buttons: Plan, Mark implemented, Request extension; the next step is the primary one. */
export function ownerButtons(actionId: string, status: ActionStatus): Button[] {
  return [
    { id: ACTION_BUTTONS.plan, label: status === 'planned' ? 'Update plan' : 'Plan', value: actionId, ...(status === 'open' ? { style: 'primary' as const } : {}) },
    { id: ACTION_BUTTONS.implemented, label: 'Mark implemented', value: actionId, ...(status === 'planned' ? { style: 'primary' as const } : {}) },
    { id: ACTION_BUTTONS.extend, label: 'Request extension', value: actionId },
  ];
}

export const verifyButton = (actionId: string): Button => ({ id: ACTION_BUTTONS.verify, label: 'Verify', value: actionId, style: 'primary' });

export const openActionButton = (findingId: string): Button => ({ id: ACTION_BUTTONS.open, label: 'Open a corrective action', value: findingId });
