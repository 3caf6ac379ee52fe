// One audit walked end to end through the chat pipeline, as the console drives it (the same
// walk runs on Slack and Teams: test/slack/conduct-walk.test.ts, test/teams/conduct-walk.test.ts) (issue 13 acceptance): plan shared, opening meeting, a checklist item per
// verdict kind, a random sample drawn and redrawn from its seed, an interview, a finding from a
// checklist item, closing meeting, `report` refused with an unassessed item then accepted,
// conclusion, `close`; the final report (md and json) holds every piece; the trail verifies.
import { describe, expect, it } from 'vitest';
import { auditReportMarkdown } from '../../src/cli/reports/audit-report.js';
import type { ChatContext, Reply } from '../../src/chat/types.js';
import { buildAuditReport } from '../../src/core/reporting/build-audit-report.js';
import { runChatText, submitForm } from '../helpers/chat.js';
import { prepareWalk, WALK_AUDIT, walkAudit, type WalkDriver } from '../helpers/conduct-walk.js';
import { makeTestCore } from '../helpers/core.js';
import { seedSmallOrg } from '../helpers/seed.js';

const AUDIT = WALK_AUDIT;

function setup() {
  const t = makeTestCore('2027-01-05T10:00:00Z', { timezone: 'Europe/London' });
  seedSmallOrg(t);
  prepareWalk(t.core, t.db);
  const as = (email: string): ChatContext => {
    const actor = t.core.store.transaction((tx) => tx.organisation.getPerson(email));
    if (!actor) throw new Error(email);
    return { core: t.core, actor, channel: 'console', platform: 'console' };
  };
  return { ...t, as };
}

const said = (r: Reply): string => (r.kind === 'message' ? r.message.summary : `(${r.kind})`);

describe('conducting an audit in chat, end to end', () => {
  it('plans, meets, assesses, samples, interviews, reports, concludes and closes; the final report holds it all', async () => {
    const t = setup();
    const driver: WalkDriver = {
      say: async (email, text) => said(await runChatText(t.as(email), text)),
      async open(email, text) {
        const ctx = t.as(email);
        const opened = await runChatText(ctx, text);
        if (opened.kind !== 'form') throw new Error(`${text}: ${said(opened)}`);
        return {
          initial: (id) => {
            const field = opened.form.fields.find((f) => f.id === id);
            const initial: unknown = field && 'initial' in field ? field.initial : undefined;
            return typeof initial === 'string' ? initial : typeof initial === 'object' && initial && 'value' in initial ? String(initial.value) : undefined;
          },
          async submit(values) {
            const result = await submitForm(ctx, opened.instance, values, `${text}:${JSON.stringify(values)}`);
            if (!result.ok) throw new Error(`${text}: ${JSON.stringify(result.errors)}`);
            return said(result.reply);
          },
        };
      },
    };
    await walkAudit(driver, t.core);
  });

  it('says "provisional" and "not yet assessed" until the audit is closed, never conforming', async () => {
    const t = setup();
    const md = auditReportMarkdown(buildAuditReport(t.core, { auditId: AUDIT }));
    expect(md).toContain('**Provisional report**');
    expect(md).toContain('not yet assessed');
    expect(md).not.toContain('No nonconformity was found');
  });
});
