// The programme as planned (src/core/programme) with what was achieved: each audit's checklist
// progress and the cycle's coverage achieved, for `programme show` in every format and chat.
import type { Core } from '../context.js';
import type { Block } from '../message.js';
import { programmeJson, showProgramme, type ProgrammeJson, type ProgrammeView } from '../programme/show-programme.js';
import { coverageAchieved, type ChecklistProgress, type CoverageAchieved } from './coverage-achieved.js';

export interface ProgrammeAchievedView extends ProgrammeView {
  checklists: Record<string, ChecklistProgress>;
  achieved: CoverageAchieved;
}

export type ProgrammeAchievedJson = Omit<ProgrammeJson, 'audits'> & {
  audits: (ProgrammeJson['audits'][number] & { checklist: ChecklistProgress })[];
  coverage: CoverageAchieved;
};

export function showProgrammeAchieved(core: Core, input: { cycle?: string } = {}): ProgrammeAchievedView {
  // One read: the programme and its verdicts as of the same moment (the inner transaction nests).
  return core.store.transaction((tx) => {
    const view = showProgramme(core, input);
    const { coverage, byAudit } = coverageAchieved(tx, view.cycle, view.audits);
    return { ...view, checklists: Object.fromEntries(byAudit), achieved: coverage };
  });
}

export function programmeAchievedJson(view: ProgrammeAchievedView): ProgrammeAchievedJson {
  const base = programmeJson(view);
  return { ...base, audits: base.audits.map((a) => ({ ...a, checklist: view.checklists[a.id] ?? { total: 0, assessed: 0 } })), coverage: view.achieved };
}

const list = (ids: string[], max = 20): string => (ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`);

/** Coverage achieved in plain sentences (chat, the table and Markdown outputs). */
export function achievedLines(c: CoverageAchieved): string[] {
  return [
    `Coverage achieved: ${c.assessed} of ${c.planned} requirements planned were assessed with a verdict; ${c.notAudited.length} not audited; ${c.unassessed.length} not yet assessed.`,
    ...(c.notAudited.length > 0 ? [`Not audited: ${list(c.notAudited)}.`] : []),
    ...(c.unassessed.length > 0 ? [`Not yet assessed: ${list(c.unassessed)}.`] : []),
  ];
}

/** The chat blocks added to the programme message. */
export function achievedBlocks(view: ProgrammeAchievedView): Block[] {
  const progress = view.audits.filter((a) => a.status !== 'planned').map((a) => `${a.id}: ${view.checklists[a.id]?.assessed ?? 0} of ${view.checklists[a.id]?.total ?? 0} assessed (${a.status.replace('_', ' ')})`);
  return [
    ...(progress.length > 0 ? [{ type: 'list' as const, title: 'Checklists', items: progress.slice(0, 15), ...(progress.length > 15 ? { more: progress.length - 15, moreHint: 'auditbot programme show lists every audit' } : {}) }] : []),
    { type: 'text', text: achievedLines(view.achieved).join(' ') },
  ];
}
