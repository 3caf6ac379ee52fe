// The result for one sampled item: ok, or an exception with a note. Recording it again replaces it.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { openForPapers } from './paper-access.js';
import type { SamplePaper } from './types.js';

export const RecordSampleResultInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  sampleId: z.coerce.number().int().min(1),
  item: z.coerce.number({ message: 'the sampled item number' }).int().min(1),
  result: z.enum(['ok', 'exception'], { message: 'ok or exception' }),
  note: z.string().trim().max(2000, 'at most 2000 characters').optional(),
});

export function recordSampleResult(core: Core, actor: Actor, input: unknown): SamplePaper {
  const data = parseInput(RecordSampleResultInput, input, 'The result was not recorded.');
  return core.store.transaction((tx) => {
    const paper = tx.conduct.getPaper(data.sampleId);
    if (!paper || paper.auditId !== data.auditId || paper.body.kind !== 'sample') {
      throw new AuditbotError('not_found', `${data.auditId} has no sample #${data.sampleId}. See its working papers with: audit checklist ${data.auditId}`);
    }
    const { person } = openForPapers(tx, actor, paper.auditId, paper.requirement);
    const sample = paper.body;
    if (!sample.items.includes(data.item)) throw new AuditbotError('validation_failed', `Item ${data.item} is not in sample #${paper.id} (items ${sample.items.join(', ')}). Nothing was changed.`, { item: 'Not a sampled item.' });
    if (data.result === 'exception' && !data.note) throw new AuditbotError('validation_failed', 'Say what the exception is. Nothing was changed.', { note: 'Say what the exception is.' });
    const results = [...sample.results.filter((r) => r.item !== data.item), { item: data.item, result: data.result, note: data.note ?? '' }].sort((a, b) => a.item - b.item);
    const body: SamplePaper = { ...sample, results };
    tx.conduct.updatePaper(paper.id, body);
    tx.trail.append({ actor: person.email, channel: actor.channel, action: 'audit.working_paper', subject: `audit:${paper.auditId}`, before: { id: paper.id, body: { ...sample } }, after: { id: paper.id, requirement: paper.requirement, body: { ...body } } });
    return body;
  });
}
