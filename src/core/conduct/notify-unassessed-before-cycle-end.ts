// Two months before a cycle ends, the audit leads are told which requirements of its plan no
// audit has assessed yet, so there is time to audit them. Told once per cycle.
import type { Core } from '../context.js';
import { addMonths, formatLocalDate, localDateOf, parseLocalDate } from '../programme/programme-calendar.js';
import { notifyPerson } from '../shared/notify.js';
import { activeLeads } from '../shared/people.js';
import { coverageAchieved } from './coverage-achieved.js';

const WARN_MONTHS = 2;

export function notifyUnassessedBeforeCycleEnd(core: Core): { told: number } {
  const now = core.clock.now();
  const today = localDateOf(now.toISOString(), core.settings.timezone);
  return core.store.transaction((tx) => {
    let told = 0;
    for (const programme of tx.programme.listProgrammes()) {
      const start = parseLocalDate(programme.start);
      if (!start) continue;
      const end = formatLocalDate(addMonths(start, programme.months));
      const warnFrom = formatLocalDate(addMonths(start, programme.months - WARN_MONTHS));
      if (today < warnFrom || today >= end) continue;
      const subject = `programme:${programme.cycle}`;
      if (tx.reminders.has(subject, 'unassessed-before-end')) continue;
      const { coverage } = coverageAchieved(tx, programme.cycle);
      tx.reminders.record(subject, 'unassessed-before-end', now.toISOString());
      if (coverage.unassessed.length === 0) continue;
      const lastDay = new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const text =
        `Cycle ${programme.cycle} ends on ${lastDay}. ${coverage.unassessed.length} of ${coverage.planned} requirements planned have no verdict yet: ` +
        `${coverage.unassessed.slice(0, 40).join(', ')}${coverage.unassessed.length > 40 ? ` and ${coverage.unassessed.length - 40} more` : ''}. ` +
        'Make sure their audits give each a verdict (or mark it not audited with a reason) before the cycle ends.';
      const message = { summary: `Cycle ${programme.cycle}: ${coverage.unassessed.length} requirements not yet assessed, two months before it ends.`, title: `Cycle ${programme.cycle}: coverage not yet achieved`, blocks: [{ type: 'text' as const, text }, { type: 'context' as const, text: 'Coverage achieved: programme show' }] };
      for (const lead of activeLeads(tx)) {
        if (notifyPerson(tx, core, lead, `${subject}:unassessed-before-end:${lead.email}`, message)) told++;
      }
    }
    return { told };
  });
}
