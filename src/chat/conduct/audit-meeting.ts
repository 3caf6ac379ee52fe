// `audit meeting <id> opening|closing` opens the meeting form; its submission records the meeting.
import { meetingRecordedMessage } from '../../core/conduct/conduct-messages.js';
import { MEETING_FORM_ID, openMeetingForm } from '../../core/conduct/conduct-forms.js';
import { MAX_MEETING_TEXT, MEETING_FIELDS as M, recordMeeting } from '../../core/conduct/record-meeting.js';
import type { ChatCommand, FormHandler } from '../types.js';
import { actorOf, privately, usage } from '../replies.js';

const USAGE = 'audit meeting <audit id> opening|closing';

export const auditMeetingCommand: ChatCommand = {
  words: ['audit', 'meeting'],
  usage: USAGE,
  summary: 'record the opening or closing meeting: date, attendees, notes; at closing, the auditees\' acknowledgement (the audit\'s auditors)',
  run(ctx, args) {
    const [auditId, kindWord] = args;
    const kind = kindWord?.toLowerCase();
    if (!auditId || (kind !== 'opening' && kind !== 'closing')) return usage(`${USAGE}, e.g. audit meeting IA-2027-07 opening`);
    return { kind: 'form', form: openMeetingForm(ctx.core, actorOf(ctx), { auditId, kind }) };
  },
};

export const auditMeetingForm: FormHandler = {
  formId: MEETING_FORM_ID,
  maxLengths: { [M.time]: 5, [M.attendees]: MAX_MEETING_TEXT, [M.notes]: MAX_MEETING_TEXT, [M.auditeeStatement]: MAX_MEETING_TEXT },
  submit(ctx, values, formContext) {
    const meeting = recordMeeting(ctx.core, actorOf(ctx), {
      auditId: formContext.auditId,
      kind: formContext.kind,
      date: values[M.date],
      time: values[M.time] ?? '',
      attendees: values[M.attendees],
      notes: values[M.notes],
      acknowledgement: values[M.acknowledgement],
      auditeeStatement: values[M.auditeeStatement],
    });
    return { ok: true, reply: privately(meetingRecordedMessage(meeting, ctx.core.settings.timezone)) };
  },
};
