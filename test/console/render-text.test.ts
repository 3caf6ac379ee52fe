import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleDeliverer } from '../../adapters/console/deliverer.js';
import { renderFormText, renderMessageText } from '../../adapters/console/render.js';
import type { Form, Message } from '../../src/core/message.js';
import type { OutboxRow } from '../../src/core/ports.js';

const evidenceRequest: Message = {
  summary: 'Evidence requested for A.5.15 by 2027-01-18',
  title: 'Evidence requested: A.5.15 Access control',
  blocks: [
    { type: 'text', text: 'Audit IA-2027-01 needs evidence that access is granted on a need-to-know basis.' },
    { type: 'fields', fields: [{ label: 'Due', value: '2027-01-18' }, { label: 'Auditor', value: 'Ana Ruiz\nana@acme.example' }] },
    { type: 'list', title: 'Examples', items: ['Access review from Q4', 'Joiner/mover/leaver tickets'], more: 3, moreHint: 'type `audit mine` for all' },
    { type: 'divider' },
    { type: 'buttons', buttons: [{ id: 'evidence.submit', label: 'Submit evidence', value: '42', style: 'primary' }, { id: 'evidence.snooze', label: 'Snooze', value: '42' }] },
    { type: 'context', text: 'You own A.5.15 in Identity and access management.' },
  ],
};

describe('console text rendering', () => {
  it('renders title, text, fields as label: value, bulleted lists with "and N more", and actions as hints', () => {
    expect(renderMessageText(evidenceRequest)).toBe(
      [
        'Evidence requested: A.5.15 Access control',
        'Audit IA-2027-01 needs evidence that access is granted on a need-to-know basis.',
        'Due: 2027-01-18',
        'Auditor: Ana Ruiz',
        '  ana@acme.example',
        'Examples:',
        '  • Access review from Q4',
        '  • Joiner/mover/leaver tickets',
        '  … and 3 more (type `audit mine` for all)',
        '----------------------------------------',
        '[Submit evidence]  [Snooze]',
        'You own A.5.15 in Identity and access management.',
      ].join('\n'),
    );
  });

  it('falls back to the summary for a message without blocks, and strips terminal control sequences', () => {
    expect(renderMessageText({ summary: 'Audit IA-2027-01 starts today', blocks: [] })).toBe('Audit IA-2027-01 starts today');
    expect(renderMessageText({ summary: 's', blocks: [{ type: 'text', text: 'red \u001b[31malert\u001b[0m\u0007 done' }] })).toBe('red [31malert[0m done');
  });

  it('describes a form: each field with what it accepts, then the submit hint', () => {
    const form: Form = {
      id: 'finding.record',
      title: 'Record a finding',
      submitLabel: 'Record',
      intro: 'What did you see, against which requirement?',
      fields: [
        { id: 'classification', label: 'Classification', required: true, type: 'select', options: [{ value: 'major', label: 'Major nonconformity' }, { value: 'ofi', label: 'Opportunity for improvement' }], initial: 'ofi' },
        { id: 'requirement', label: 'Requirement', required: true, type: 'search', source: 'requirement' },
        { id: 'statement', label: 'Statement', required: true, type: 'textarea', maxLength: 3000, hint: 'Objective: what was seen.' },
        { id: 'due', label: 'Due', required: false, type: 'date' },
        { id: 'confirm', label: 'Out of scope', required: false, type: 'checkbox', text: 'Record it outside the audit scope' },
      ],
    };
    expect(renderFormText(form)).toBe(
      [
        'Record a finding',
        'What did you see, against which requirement?',
        '  1. Classification (required; one of: major (Major nonconformity), ofi (Opportunity for improvement); now: ofi)',
        '  2. Requirement (required; a clause such as 9.2 or a control such as A.5.15)',
        '  3. Statement (required; text, may span lines; up to 3000 characters)',
        '     Objective: what was seen.',
        '  4. Due (optional; a date, YYYY-MM-DD)',
        '  5. Out of scope (optional; yes or no: Record it outside the audit scope)',
        '[Record]',
      ].join('\n'),
    );
  });
});

describe('console deliverer', () => {
  const row = (recipient: string): OutboxRow => ({
    id: 1,
    key: 'k',
    platform: 'console',
    recipient,
    message: { summary: 'Reminder', title: 'Evidence due tomorrow', blocks: [{ type: 'buttons', buttons: [{ id: 'evidence.submit', label: 'Submit evidence', value: '1' }] }] },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2027-01-04T10:00:00.000Z',
    lastError: null,
    createdAt: '2027-01-04T10:00:00.000Z',
    deliveredAt: null,
    deliverAt: null,
  });

  it('prints the rendered message headed by its recipient', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const d = createConsoleDeliverer({ output: out });
    expect(d.platform).toBe('console');
    expect(await d.deliver(row('ana@acme.example'))).toEqual({ ok: true });
    expect(await d.deliver(row('channel:C0123'))).toEqual({ ok: true });
    expect(text).toBe('\n[to ana@acme.example]\n  Evidence due tomorrow\n  [Submit evidence]\n\n[to #C0123]\n  Evidence due tomorrow\n  [Submit evidence]\n');
  });

  it('reports a closed output as a retryable failure', async () => {
    const out = new PassThrough();
    out.end();
    expect(await createConsoleDeliverer({ output: out }).deliver(row('ana@acme.example'))).toEqual({ ok: false, retryable: true, error: 'console output is closed' });
  });
});
