// `audit status`: where the current programme stands, for anyone who asks, in one message.
import type { Core } from '../context.js';
import type { Message } from '../message.js';
import { localDateOf } from '../programme/programme-calendar.js';
import { programmeLine } from './digest-messages.js';
import { currentProgramme, programmeProgress } from './programme-progress.js';

export function programmeStatus(core: Core): Message {
  const now = core.clock.now();
  const timezone = core.settings.timezone;
  return core.store.transaction((tx) => {
    const programme = currentProgramme(tx, localDateOf(now.toISOString(), timezone));
    if (!programme) {
      const text = 'There is no audit programme yet. An audit lead can plan one with "audit plan <cycle> <start date>".';
      return { summary: text, blocks: [{ type: 'text', text }] };
    }
    const progress = programmeProgress(tx, programme, now, timezone);
    const line = programmeLine(progress);
    const exceptions = progress.exceptions;
    const audits = tx.programme.listAudits({ cycle: programme.cycle });
    const window = (a: { start: string; end: string }) => `${localDateOf(a.start, timezone)} to ${localDateOf(a.end, timezone)}`;
    const running = audits.filter((a) => a.status === 'in_progress' || a.status === 'reporting');
    const upcoming = audits.filter((a) => a.status === 'planned').slice(0, 5);
    return {
      summary: line,
      title: `Audit programme ${progress.cycle}: status`,
      blocks: [
        { type: 'text', text: line },
        ...(running.length > 0
          ? [{ type: 'list' as const, title: 'Under way', items: running.map((a) => `${a.id} (${a.areas.join(', ')}), ${a.status === 'in_progress' ? 'in progress' : 'reporting'}, ${window(a)}`) }]
          : []),
        ...(upcoming.length > 0
          ? [{ type: 'list' as const, title: 'Next planned', items: upcoming.map((a) => `${a.id} (${a.areas.join(', ')}), ${window(a)}`) }]
          : []),
        ...(progress.gaps.length > 0
          ? [{ type: 'list' as const, title: 'Not covered by any area (coverage gaps)', items: progress.gaps }]
          : []),
        ...(exceptions.length > 0
          ? [
              {
                type: 'list' as const,
                title: 'Independence exceptions and audits needing an external auditor',
                items: exceptions.map((e) =>
                  e.kind === 'exception' ? `${e.auditId}: ${e.auditor ?? 'auditor'} assigned by ${e.by ?? 'a lead'}: ${e.justification ?? ''}` : `${e.auditId}: needs an external auditor`,
                ),
              },
            ]
          : []),
        { type: 'context', text: 'Month by month: "programme". Your own audits: "mine".' },
      ],
    };
  });
}
