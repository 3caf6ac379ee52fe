// A sample for a checklist item: what the population is, its size, how many were taken and how.
// For `random` the bot draws the items itself from 1..N with a recorded seed (given, or taken
// from the clock), so anyone can redraw the same sample; `all` takes every item; `judgemental`
// records the items the auditor chose.
import { z } from 'zod';
import type { Core } from '../context.js';
import { AuditbotError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { parseInput } from '../shared/input-schema.js';
import { insertPaper, openForPapers } from './paper-access.js';
import { drawRandomSample, MAX_POPULATION, MAX_SAMPLE } from './sampling.js';
import { SAMPLE_METHODS, type WorkingPaperRecord } from './types.js';

export const SAMPLE_FIELDS = { population: 'population', populationSize: 'populationSize', sampleSize: 'sampleSize', method: 'method', seed: 'seed', items: 'items' } as const;

const whole = (what: string, max: number) =>
  z.coerce.number({ message: `${what}: a whole number` }).int(`${what}: a whole number`).min(1, `${what}: at least 1`).max(max, `${what}: at most ${max.toLocaleString('en-GB')}`);

export const DrawSampleInput = z.object({
  auditId: z.string().trim().toUpperCase().min(1).max(40),
  requirement: z.string().trim().toUpperCase().min(1).max(20),
  population: z.string({ message: 'what the population is' }).trim().min(1, 'what the population is, e.g. joiners in Q3').max(300),
  populationSize: whole('Population size', MAX_POPULATION),
  sampleSize: whole('Sample size', MAX_SAMPLE),
  method: z.enum(SAMPLE_METHODS, { message: 'random, judgemental or all' }),
  seed: z.union([z.literal(''), z.coerce.number().int('a whole number').min(0).max(2 ** 31 - 1)]).optional(),
  /** Judgemental: the items chosen, e.g. "3, 17, 40". */
  items: z.string().trim().max(4000).optional(),
});

export function drawSample(core: Core, actor: Actor, input: unknown): WorkingPaperRecord {
  const data = parseInput(DrawSampleInput, input, 'The sample was not recorded.');
  if (data.sampleSize > data.populationSize) {
    throw new AuditbotError('validation_failed', `The sample (${data.sampleSize}) cannot be larger than the population (${data.populationSize}). Nothing was changed.`, { [SAMPLE_FIELDS.sampleSize]: 'At most the population size.' });
  }
  let items: number[];
  let seed: number | null = null;
  if (data.method === 'random') {
    seed = typeof data.seed === 'number' ? data.seed : core.clock.now().getTime() % 2 ** 31;
    items = drawRandomSample(data.populationSize, data.sampleSize, seed);
  } else if (data.method === 'all') {
    if (data.populationSize > MAX_SAMPLE) throw new AuditbotError('validation_failed', `"all" takes every item, at most ${MAX_SAMPLE}; sample a population of ${data.populationSize} at random instead. Nothing was changed.`, { [SAMPLE_FIELDS.method]: `At most ${MAX_SAMPLE} items for "all".` });
    items = Array.from({ length: data.populationSize }, (_, i) => i + 1);
  } else {
    items = [...new Set((data.items ?? '').split(/[\s,;]+/).filter(Boolean).map(Number))].sort((a, b) => a - b);
    const bad = items.filter((n) => !Number.isInteger(n) || n < 1 || n > data.populationSize);
    if (items.length !== data.sampleSize || bad.length > 0) {
      throw new AuditbotError('validation_failed', `List the ${data.sampleSize} items you chose, numbered 1 to ${data.populationSize}. Nothing was changed.`, { [SAMPLE_FIELDS.items]: `${data.sampleSize} numbers from 1 to ${data.populationSize}.` });
    }
  }
  return core.store.transaction((tx) => {
    const { audit, person } = openForPapers(tx, actor, data.auditId, data.requirement);
    return insertPaper(tx, core, actor, person, audit, data.requirement, {
      kind: 'sample',
      population: data.population,
      populationSize: data.populationSize,
      sampleSize: items.length,
      method: data.method,
      seed,
      items,
      results: [],
    });
  });
}
