// `auditbot export evidence --format csv|json|md`: the register with the JSON shape docs/json-contracts.md fixes.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewEvidence } from '../../src/core/evidence/review-evidence.js';
import { submitEvidence } from '../../src/core/evidence/submit-evidence.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import { ORG, requestId, seedEvidenceOrg, startAudit } from '../core/evidence/evidence-org.js';

let file: string;
let accepted: number;

beforeAll(() => {
  file = join(tempDir('auditbot-evidence-'), 'auditbot.db');
  const t = makeTestCore('2027-10-18T12:00:00.000Z', { timezone: 'Europe/London', file });
  seedEvidenceOrg(t);
  startAudit(t);
  accepted = requestId(t, 'A.5.15');
  submitEvidence(t.core, { email: ORG.tokyo, channel: 'console' }, { requestId: accepted, links: 'https://wiki.acme.example/a\nhttps://wiki.acme.example/b?tags=x,y' });
  t.clock.set('2027-10-19T10:00:00.000Z');
  reviewEvidence(t.core, { email: ORG.auditor, channel: 'console' }, { requestId: accepted, decision: 'accept' });
  t.db.$client.close();
});

describe('export evidence', () => {
  it('prints the register as JSON with the contract\'s fields', async () => {
    const r = await cli(['export', 'evidence', '--format', 'json'], { AUDITBOT_DB: file });
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(entries).toHaveLength(6);
    for (const e of entries) {
      for (const key of ['id', 'auditId', 'requirement', 'owner', 'due', 'status', 'links', 'submittedAt', 'acceptedBy']) expect(e).toHaveProperty(key);
    }
    expect(entries.find((e) => e.id === accepted)).toMatchObject({
      id: accepted,
      auditId: ORG.audit,
      requirement: 'A.5.15',
      owner: ORG.tokyo,
      due: '2027-11-01',
      status: 'accepted',
      links: ['https://wiki.acme.example/a', 'https://wiki.acme.example/b?tags=x,y'],
      submittedAt: '2027-10-18T12:00:00.000Z',
      acceptedBy: ORG.auditor,
      acceptedAt: '2027-10-19T10:00:00.000Z',
      title: 'Access control',
    });
  });

  it('filters by audit and status, and prints CSV and Markdown with the same columns', async () => {
    const csv = await cli(['export', 'evidence', '--format', 'csv', '--status', 'accepted', '--audit', ORG.audit.toLowerCase()], { AUDITBOT_DB: file });
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,auditId,requirement,title,owner,due,status,links,submittedAt,acceptedBy,acceptedAt,requestedAt,note,comment,snoozeCount');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"https://wiki.acme.example/a https://wiki.acme.example/b?tags=x,y"');
    const md = await cli(['export', 'evidence', '--format', 'md'], { AUDITBOT_DB: file });
    expect(md.stdout).toContain('# Evidence register');
    expect(md.stdout).toContain('| id | auditId | requirement | title |');
  });

  it('refuses an unknown status', async () => {
    const r = await cli(['export', 'evidence', '--status', 'lost'], { AUDITBOT_DB: file });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--status must be one of requested, submitted, accepted, more_requested, withdrawn');
  });
});
