// Working papers with several fields: a sample (`audit sample <id> <requirement>`) and an
// interview (`audit interview <id> <requirement>`), each a form on every platform.
import { INTERVIEW_FIELDS as I } from '../../core/conduct/record-interview.js';
import { recordInterview } from '../../core/conduct/record-interview.js';
import { SAMPLE_FIELDS as S, drawSample } from '../../core/conduct/draw-sample.js';
import { INTERVIEW_FORM_ID, openInterviewForm, openSampleForm, SAMPLE_FORM_ID } from '../../core/conduct/conduct-forms.js';
import type { ChatCommand, FormHandler } from '../types.js';
import { actorOf, say, usage } from '../replies.js';

export const auditSampleCommand: ChatCommand = {
  words: ['audit', 'sample'],
  usage: 'audit sample <audit id> <requirement>',
  summary: 'record a sample for a checklist item; for a random one the bot draws the items from a recorded seed (the audit\'s auditors)',
  run(ctx, args) {
    const [auditId, requirement] = args;
    if (!auditId || !requirement) return usage('audit sample <audit id> <requirement>, e.g. audit sample IA-2027-07 A.6.1');
    return { kind: 'form', form: openSampleForm(ctx.core, actorOf(ctx), { auditId, requirement }) };
  },
};

export const auditSampleForm: FormHandler = {
  formId: SAMPLE_FORM_ID,
  maxLengths: { [S.population]: 300, [S.items]: 4000 },
  submit(ctx, values, formContext) {
    const paper = drawSample(ctx.core, actorOf(ctx), {
      auditId: formContext.auditId,
      requirement: formContext.requirement,
      population: values[S.population],
      populationSize: values[S.populationSize],
      sampleSize: values[S.sampleSize],
      method: values[S.method],
      seed: values[S.seed] ?? '',
      items: values[S.items] ?? '',
    });
    const b = paper.body.kind === 'sample' ? paper.body : null;
    const seed = b?.seed !== null && b?.seed !== undefined ? ` with seed ${b.seed} (redraw: audit redraw ${b.populationSize} ${b.sampleSize} ${b.seed})` : '';
    return { ok: true, reply: say(`Sample #${paper.id} for ${paper.requirement}: items ${b?.items.join(', ') ?? ''}${seed}. Record each result with: audit result ${paper.auditId} ${paper.id} <item> ok|exception [note]`) };
  },
};

export const auditInterviewCommand: ChatCommand = {
  words: ['audit', 'interview'],
  usage: 'audit interview <audit id> <requirement>',
  summary: 'record an interview: who, their role, when, the requirements discussed, a summary (the audit\'s auditors)',
  run(ctx, args) {
    const [auditId, requirement] = args;
    if (!auditId || !requirement) return usage('audit interview <audit id> <requirement>, e.g. audit interview IA-2027-07 A.5.15');
    return { kind: 'form', form: openInterviewForm(ctx.core, actorOf(ctx), { auditId, requirement }) };
  },
};

export const auditInterviewForm: FormHandler = {
  formId: INTERVIEW_FORM_ID,
  maxLengths: { [I.who]: 200, [I.role]: 200, [I.requirements]: 1000, [I.summary]: 4000 },
  submit(ctx, values, formContext) {
    const paper = recordInterview(ctx.core, actorOf(ctx), { auditId: formContext.auditId, who: values[I.who], role: values[I.role], when: values[I.when], requirements: values[I.requirements], summary: values[I.summary] });
    return { ok: true, reply: say(`Interview #${paper.id} recorded for ${paper.auditId}.`) };
  },
};
