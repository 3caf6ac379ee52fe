// Stable ids of the evidence buttons and forms. Adapters route on them through src/chat, so a
// button pressed on Slack, Teams or the console reaches the same handler.

export const EVIDENCE_BUTTONS = {
  submit: 'evidence.submit',
  snooze: 'evidence.snooze',
  notMine: 'evidence.not_mine',
  accept: 'evidence.accept',
  more: 'evidence.more',
  reassign: 'evidence.reassign',
} as const;

export const EVIDENCE_FORMS = {
  submit: 'evidence.submit',
  snooze: 'evidence.snooze',
  notMine: 'evidence.not_mine',
  more: 'evidence.more',
  reassign: 'evidence.reassign',
} as const;
