// The buttons on evidence messages. Owner buttons open a form; Accept acts at once; each
// checks in the core that the person may act, so a forwarded message cannot be misused.
import { EVIDENCE_BUTTONS } from '../../core/evidence/evidence-ids.js';
import { notMineForm, reassignEvidenceForm, requestMoreForm, snoozeEvidenceForm, submitEvidenceForm } from '../../core/evidence/evidence-forms.js';
import { reviewReply } from '../../core/evidence/evidence-replies.js';
import { parseRequestId } from '../../core/evidence/evidence-schema.js';
import { reviewEvidence } from '../../core/evidence/review-evidence.js';
import type { Core } from '../../core/context.js';
import type { Form, Message } from '../../core/message.js';
import type { ButtonHandler, ChatReply } from '../types.js';
import { actorOf, formOrMessage as asReply } from '../replies.js';
import type { Actor } from '../../core/shared/actor.js';

const unknownRequest = (value: string): ChatReply => {
  const text = `This button names no evidence request ("${value}"). Type "evidence" to see yours.`;
  return { kind: 'message', visibility: 'private', message: { summary: text, blocks: [{ type: 'text', text }] } };
};

function formButton(buttonId: string, build: (core: Core, actor: Actor, requestId: number) => Form | Message): ButtonHandler {
  return {
    buttonId,
    run(ctx, value) {
      const id = parseRequestId(value);
      return id === null ? unknownRequest(value) : asReply(build(ctx.core, actorOf(ctx), id));
    },
  };
}

export const submitEvidenceButton = formButton(EVIDENCE_BUTTONS.submit, submitEvidenceForm);
export const snoozeEvidenceButton = formButton(EVIDENCE_BUTTONS.snooze, snoozeEvidenceForm);
export const notMineButton = formButton(EVIDENCE_BUTTONS.notMine, notMineForm);
export const requestMoreButton = formButton(EVIDENCE_BUTTONS.more, requestMoreForm);
export const reassignEvidenceButton = formButton(EVIDENCE_BUTTONS.reassign, reassignEvidenceForm);

export const acceptEvidenceButton: ButtonHandler = {
  buttonId: EVIDENCE_BUTTONS.accept,
  run(ctx, value) {
    const id = parseRequestId(value);
    if (id === null) return unknownRequest(value);
    const result = reviewEvidence(ctx.core, actorOf(ctx), { requestId: id, decision: 'accept' });
    return { kind: 'message', visibility: 'private', message: reviewReply(result) };
  },
};
