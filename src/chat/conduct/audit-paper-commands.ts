// Working papers typed in one line: a document reviewed, a free note, a sampled item's result, a
// correction to a closed audit, and the redraw of a random sample from its seed.
import { correctAudit } from '../../core/conduct/correct-audit.js';
import { recordDocument } from '../../core/conduct/record-document.js';
import { recordNote } from '../../core/conduct/record-note.js';
import { recordSampleResult } from '../../core/conduct/record-sample-result.js';
import { drawRandomSample, MAX_POPULATION, MAX_SAMPLE } from '../../core/conduct/sampling.js';
import type { ChatCommand } from '../types.js';
import { actorOf, say, usage } from '../replies.js';

/** The text after the first `n` words, as typed. */
const after = (rawArgs: string, n: number): string => rawArgs.replace(new RegExp(`^\\s*(?:\\S+\\s+){${n}}`), '').trim();

export const auditDocumentCommand: ChatCommand = {
  words: ['audit', 'document'],
  usage: 'audit document <audit id> <requirement> <link> [title]',
  summary: 'record a document reviewed for a checklist item (the audit\'s auditors)',
  run(ctx, args, rawArgs) {
    const [auditId, requirement, link] = args;
    if (!auditId || !requirement || !link) return usage('audit document <audit id> <requirement> <link> [title], e.g. audit document IA-2027-07 A.5.15 https://wiki.example/access-policy Access policy v3');
    const title = args.length > 3 ? after(rawArgs, 3) : '';
    const paper = recordDocument(ctx.core, actorOf(ctx), { auditId, requirement, link, ...(title ? { title } : {}) });
    return say(`Document #${paper.id} recorded for ${paper.requirement} in ${paper.auditId}.`);
  },
};

export const auditNoteCommand: ChatCommand = {
  words: ['audit', 'note'],
  usage: 'audit note <audit id> <requirement> <text>',
  summary: 'add a free note to a checklist item (the audit\'s auditors)',
  run(ctx, args, rawArgs) {
    const [auditId, requirement] = args;
    const text = after(rawArgs, 2);
    if (!auditId || !requirement || !text || args.length < 3) return usage('audit note <audit id> <requirement> <text>');
    const paper = recordNote(ctx.core, actorOf(ctx), { auditId, requirement, text });
    return say(`Note #${paper.id} added to ${paper.requirement} in ${paper.auditId}.`);
  },
};

export const auditResultCommand: ChatCommand = {
  words: ['audit', 'result'],
  usage: 'audit result <audit id> <sample number> <item> ok|exception [note]',
  summary: 'record the result of one sampled item (the audit\'s auditors)',
  run(ctx, args, rawArgs) {
    const [auditId, sample, item, result] = args;
    if (!auditId || !sample || !item || !result) return usage('audit result <audit id> <sample number> <item> ok|exception [note], e.g. audit result IA-2027-07 12 17 exception No approval on file');
    const note = after(rawArgs, 4);
    const body = recordSampleResult(ctx.core, actorOf(ctx), { auditId, sampleId: sample.replace(/^#/, ''), item, result: result.toLowerCase(), ...(note ? { note } : {}) });
    const exceptions = body.results.filter((r) => r.result === 'exception').length;
    return say(`Item ${item} of sample #${sample.replace(/^#/, '')}: ${result.toLowerCase()}. ${body.results.length} of ${body.items.length} checked, ${exceptions} exception${exceptions === 1 ? '' : 's'}.`);
  },
};

export const auditRedrawCommand: ChatCommand = {
  words: ['audit', 'redraw'],
  usage: 'audit redraw <population size> <sample size> <seed>',
  summary: 'redraw a random sample from its seed, to check it: the same numbers give the same items',
  run(_ctx, args) {
    const [n, k, seed] = args.map((a) => (/^\d+$/.test(a) ? Number(a) : NaN));
    if (n === undefined || k === undefined || seed === undefined || [n, k, seed].some((x) => !Number.isSafeInteger(x)) || n < 1 || k < 1 || n > MAX_POPULATION || k > MAX_SAMPLE || k > n || seed >= 2 ** 31) {
      return usage(`audit redraw <population size 1..${MAX_POPULATION}> <sample size 1..${MAX_SAMPLE}, at most the population> <seed>, e.g. audit redraw 120 10 48213`);
    }
    return say(`Sample of ${k} from 1..${n} with seed ${seed}: ${drawRandomSample(n, k, seed).join(', ')}.`);
  },
};

export const auditCorrectCommand: ChatCommand = {
  words: ['audit', 'correct'],
  usage: 'audit correct <audit id> <what was wrong> because <why>',
  summary: 'record a correction to a closed audit, with its reason; the records stay as they were (its lead auditor or an audit lead)',
  run(ctx, args, rawArgs) {
    const auditId = args[0];
    const text = after(rawArgs, 1);
    const split = /^(.*?)\s+because\s+(.+)$/is.exec(text);
    if (!auditId || !split?.[1] || !split[2]) return usage('audit correct <audit id> <what was wrong> because <why>, e.g. audit correct IA-2027-07 The closing meeting was on 2 July because the date was typed wrong');
    const r = correctAudit(ctx.core, actorOf(ctx), { auditId, correction: split[1], reason: split[2] });
    return say(`The correction to ${r.auditId} is recorded in its trail, with its reason.`);
  },
};
