// The authorisation matrix, written out independently of the code it checks: for every chat
// command, button and form of the registry (src/chat/registry.ts), how each role of
// test/security/org.ts fares. A cell is
//   allowed  the command does its work (a read answers, a write changes the store, a form opens
//            or records);
//   refused  a refusal that may say why (the person may see the record but not do this);
//   hidden   a refusal word for word the same as the one the same request gets where the record
//            does not exist (read-policy.ts: the person may not even see it).
// Deactivated people and outsiders are refused everything.
import type { Form, FormValues } from '../../src/core/message.js';
import { IDS, ROLES, WHO, type Role, type Scenario } from './org.js';

export type Cell = 'allowed' | 'refused' | 'hidden';
export type Cells = Record<Role, Cell>;

const ACTIVE: readonly Role[] = ROLES.filter((r) => r !== 'deactivated' && r !== 'outsider');

/** `allowed` roles may, `hidden` ones may not see the record, every other active role is refused. */
function cells(allowed: readonly Role[] | 'everyone', hidden: readonly Role[] = []): Cells {
  const out = {} as Cells;
  for (const role of ROLES) {
    if (!ACTIVE.includes(role)) out[role] = 'refused';
    else if (allowed === 'everyone' || allowed.includes(role)) out[role] = 'allowed';
    else out[role] = hidden.includes(role) ? 'hidden' : 'refused';
  }
  return out;
}

/** Who may see the finding F-2027-0001, its action CA-2027-0001 and Dee's evidence request #3. */
const READERS: readonly Role[] = ['lead', 'auditor', 'areaOwner', 'actionOwner', 'ownerManager', 'admin'];
const NOT_READERS: readonly Role[] = ACTIVE.filter((r) => !READERS.includes(r));
/** `audit explain` is for audit leads and the audit's auditors only. */
const EXPLAINERS: readonly Role[] = ['lead', 'auditor'];
/** An audit's checklist is for its auditors, audit leads and admins. */
const CHECKLIST_READERS: readonly Role[] = ['lead', 'auditor', 'admin'];

/** What an allowed cell answers: a form with this id, or a message whose summary matches. */
export type Shows = { form: string } | RegExp;

export interface CommandRow {
  /** The registered command's words, e.g. `action verify`. */
  words: string;
  /** What is typed. */
  text: string;
  access: 'read' | 'write';
  scenario: Scenario;
  shows: Shows;
  cells: Cells;
  /** Where it is typed, when it matters (`audit digest here` is for a Teams channel). */
  teamsChannel?: boolean;
}

export const COMMAND_ROWS: CommandRow[] = [
  { words: 'whoami', text: 'whoami', access: 'read', scenario: 'base', shows: /^You are /, cells: cells('everyone') },
  { words: 'finding', text: 'finding Admin accounts without MFA', access: 'read', scenario: 'base', shows: { form: 'finding.record' }, cells: cells(['lead', 'auditor', 'otherAuditor']) },
  // Issue 14.1: recorded findings are listed and shown as the read policy allows, changed by the audit's auditors and leads.
  { words: 'findings', text: 'findings', access: 'read', scenario: 'base', shows: /^(\d+ findings?\.|No findings that you may see)/, cells: cells('everyone') },
  { words: 'finding show', text: `finding show ${IDS.finding}`, access: 'read', scenario: 'base', shows: /^Finding F-2027-0001: minor nonconformity/, cells: cells(READERS, NOT_READERS) },
  { words: 'finding amend', text: `finding amend ${IDS.finding}`, access: 'read', scenario: 'base', shows: { form: 'finding.amend' }, cells: cells(['lead', 'auditor'], NOT_READERS) },
  { words: 'finding withdraw', text: `finding withdraw ${IDS.finding} Recorded twice by mistake`, access: 'write', scenario: 'base', shows: /^Finding F-2027-0001 is withdrawn/, cells: cells(['lead', 'auditor'], NOT_READERS) },
  // Issue 14.2: the owner acknowledges or disputes; the audit's lead auditor (or an audit lead) upholds.
  { words: 'finding acknowledge', text: `finding acknowledge ${IDS.finding}`, access: 'write', scenario: 'base', shows: /^Thank you\. Finding F-2027-0001 is acknowledged/, cells: cells(['actionOwner'], NOT_READERS) },
  { words: 'finding dispute', text: `finding dispute ${IDS.finding} These are break-glass accounts`, access: 'write', scenario: 'base', shows: /^Finding F-2027-0001 is disputed/, cells: cells(['actionOwner'], NOT_READERS) },
  { words: 'finding uphold', text: `finding uphold ${IDS.finding} Break-glass accounts need MFA too`, access: 'write', scenario: 'disputed', shows: /^Finding F-2027-0001 is upheld/, cells: cells(['lead', 'auditor'], NOT_READERS) },
  // Issue 14.3: an audit lead raises repeated minors to one major.
  { words: 'finding raise-major', text: `finding raise-major ${IDS.finding} The control fails as a whole`, access: 'write', scenario: 'repeated', shows: /^Raised F-2027-0001, F-2027-0003 to the major nonconformity F-2027-0004/, cells: cells(['lead']) },
  { words: 'programme', text: 'programme', access: 'read', scenario: 'base', shows: /^Audit programme 2027:/, cells: cells('everyone') },
  { words: 'audit', text: `audit ${IDS.audit}`, access: 'read', scenario: 'base', shows: /^IA-2027-01 \(iam\): in progress/, cells: cells('everyone') },
  { words: 'mine', text: 'mine', access: 'read', scenario: 'base', shows: /^(You are (on|not on any audit)|Your evidence|Corrective actions)/, cells: cells('everyone') },
  // Issue 15.5: everyone gets their own calendar link (a new token is a write); nobody gets another's.
  { words: 'calendar', text: 'calendar', access: 'write', scenario: 'base', shows: /^Your private calendar link\./, cells: cells('everyone') },
  { words: 'audit calendar', text: 'audit calendar', access: 'write', scenario: 'base', shows: /^Your private calendar link\./, cells: cells('everyone') },
  { words: 'audit mine', text: 'audit mine', access: 'read', scenario: 'base', shows: /^(You are (on|not on any audit)|Your evidence|Corrective actions)/, cells: cells('everyone') },
  { words: 'audit plan', text: 'audit plan 2028 2028-01-01', access: 'write', scenario: 'base', shows: /^Programme 2028 planned/, cells: cells(['lead']) },
  {
    words: 'audit assign',
    text: `audit assign ${IDS.plannedAudit} ${WHO.lead} Lena audits suppliers this year`,
    access: 'write',
    scenario: 'base',
    shows: /is now the lead auditor of IA-2027-03/,
    cells: cells(['lead']),
  },
  { words: 'audit start', text: `audit start ${IDS.plannedAudit} early`, access: 'write', scenario: 'base', shows: /^IA-2027-03 is now in progress/, cells: cells(['lead']) },
  {
    words: 'audit explain',
    text: `audit explain ${IDS.audit}`,
    access: 'read',
    scenario: 'base',
    shows: /^IA-2027-01: ana@acme\.example \(lead\)/,
    cells: cells(EXPLAINERS, ACTIVE.filter((r) => !EXPLAINERS.includes(r))),
  },
  { words: 'audit status', text: 'audit status', access: 'read', scenario: 'base', shows: /^Programme 2027:/, cells: cells('everyone') },
  { words: 'evidence', text: 'evidence', access: 'read', scenario: 'base', shows: /^(Your evidence|You have no evidence requests open)/, cells: cells('everyone') },
  { words: 'submit', text: `submit ${IDS.request} https://wiki.acme.example/mfa-report`, access: 'write', scenario: 'base', shows: /^Thank you: 1 link saved for #3/, cells: cells(['actionOwner'], NOT_READERS) },
  { words: 'snooze', text: `snooze ${IDS.request} 1`, access: 'write', scenario: 'base', shows: /^Done: #3 .* is now due/, cells: cells(['actionOwner'], NOT_READERS) },
  { words: 'not-mine', text: `not-mine ${IDS.request} Bo Berg runs authentication`, access: 'write', scenario: 'base', shows: /^Thank you\. I have told/, cells: cells(['actionOwner'], NOT_READERS) },
  { words: 'evidence review', text: `evidence review ${IDS.request} accept`, access: 'write', scenario: 'submitted', shows: /^Accepted: #3/, cells: cells(['auditor'], NOT_READERS) },
  {
    words: 'evidence reassign',
    text: `evidence reassign ${IDS.request} fay@acme.example`,
    access: 'write',
    scenario: 'base',
    shows: /^#3 .* is now with fay@acme\.example/,
    cells: cells(['lead', 'auditor'], NOT_READERS),
  },
  { words: 'evidence withdraw', text: `evidence withdraw ${IDS.request} Out of scope now`, access: 'write', scenario: 'base', shows: /^Withdrawn: #3/, cells: cells(['lead', 'auditor'], NOT_READERS) },
  { words: 'actions', text: 'actions', access: 'read', scenario: 'base', shows: /^(Your corrective actions|You have no open corrective actions)/, cells: cells('everyone') },
  { words: 'action', text: `action ${IDS.action}`, access: 'read', scenario: 'base', shows: /^CA-2027-0001: open/, cells: cells(READERS, NOT_READERS) },
  { words: 'action plan', text: `action plan ${IDS.action}`, access: 'read', scenario: 'base', shows: { form: 'action.plan' }, cells: cells(['actionOwner'], NOT_READERS) },
  {
    words: 'action implemented',
    text: `action implemented ${IDS.action} https://tickets.acme.example/IAM-8`,
    access: 'write',
    scenario: 'planned',
    shows: /^Thank you\. CA-2027-0001 is marked implemented/,
    cells: cells(['actionOwner'], NOT_READERS),
  },
  {
    words: 'action extend',
    text: `action extend ${IDS.action} 2027-06-30 Waiting for the vendor`,
    access: 'write',
    scenario: 'base',
    // The owner's is a request to the leads (issue 14.5); a lead's moves the date.
    shows: /^(CA-2027-0001 is now due Wednesday 30 June 2027|Your request to move CA-2027-0001 to Wednesday 30 June 2027)/,
    cells: cells(['actionOwner', 'lead'], NOT_READERS),
  },
  { words: 'action extension approve', text: `action extension approve ${IDS.action}`, access: 'write', scenario: 'requested', shows: /^Approved: CA-2027-0001 is now due Wednesday 30 June 2027/, cells: cells(['lead'], NOT_READERS) },
  { words: 'action extension refuse', text: `action extension refuse ${IDS.action} Not a reason to wait`, access: 'write', scenario: 'requested', shows: /^Refused: CA-2027-0001 stays due/, cells: cells(['lead'], NOT_READERS) },
  {
    words: 'action verify',
    text: `action verify ${IDS.action} effective Sampled ten admin sign-ins`,
    access: 'write',
    scenario: 'implemented',
    shows: /^CA-2027-0001 is closed as effective/,
    cells: cells(['auditor', 'lead'], NOT_READERS),
  },
  {
    words: 'action open',
    text: `action open ${IDS.ofi}`,
    access: 'write',
    scenario: 'base',
    shows: /^Corrective action CA-2027-0002 is open on F-2027-0002/,
    cells: cells(['auditor', 'actionOwner', 'lead'], NOT_READERS),
  },
  // Conducting an audit (issue 13): its auditors record, its lead auditor (Ana) concludes and closes.
  { words: 'audit plan-edit', text: `audit plan-edit ${IDS.audit}`, access: 'read', scenario: 'base', shows: { form: 'audit.plan' }, cells: cells(['auditor']) },
  { words: 'audit plan-share', text: `audit plan-share ${IDS.audit}`, access: 'write', scenario: 'assessed', shows: /^The plan of IA-2027-01 is on its way to \d+ auditees?/, cells: cells(['auditor']) },
  { words: 'audit checklist', text: `audit checklist ${IDS.audit}`, access: 'read', scenario: 'base', shows: /^Checklist of IA-2027-01: \d of 3 assessed/, cells: cells(CHECKLIST_READERS, ACTIVE.filter((r) => !CHECKLIST_READERS.includes(r))) },
  { words: 'audit verdict', text: `audit verdict ${IDS.audit} A.5.15 conforming`, access: 'write', scenario: 'base', shows: /^A\.5\.15 in IA-2027-01: conforming/, cells: cells(['auditor']) },
  { words: 'audit finding', text: `audit finding ${IDS.audit} A.5.15`, access: 'read', scenario: 'base', shows: { form: 'finding.record' }, cells: cells(['lead', 'auditor', 'otherAuditor']) },
  { words: 'audit document', text: `audit document ${IDS.audit} A.5.15 https://wiki.acme.example/access-policy Access policy v3`, access: 'write', scenario: 'base', shows: /^Document #\d+ recorded for A\.5\.15/, cells: cells(['auditor']) },
  { words: 'audit sample', text: `audit sample ${IDS.audit} A.5.18`, access: 'read', scenario: 'base', shows: { form: 'audit.sample' }, cells: cells(['auditor']) },
  { words: 'audit result', text: `audit result ${IDS.audit} 1 2 exception No reviewer signature`, access: 'write', scenario: 'assessed', shows: /^Item 2 of sample #1: exception/, cells: cells(['auditor']) },
  { words: 'audit redraw', text: 'audit redraw 120 10 48213', access: 'read', scenario: 'base', shows: /^Sample of 10 from 1\.\.120 with seed 48213: /, cells: cells('everyone') },
  { words: 'audit interview', text: `audit interview ${IDS.audit} A.5.15`, access: 'read', scenario: 'base', shows: { form: 'audit.interview' }, cells: cells(['auditor']) },
  { words: 'audit note', text: `audit note ${IDS.audit} A.5.15 Reviews are quarterly`, access: 'write', scenario: 'base', shows: /^Note #\d+ added to A\.5\.15/, cells: cells(['auditor']) },
  { words: 'audit meeting', text: `audit meeting ${IDS.audit} opening`, access: 'read', scenario: 'base', shows: { form: 'audit.meeting' }, cells: cells(['auditor']) },
  { words: 'audit report', text: `audit report ${IDS.audit}`, access: 'write', scenario: 'assessed', shows: /^IA-2027-01 is now in reporting/, cells: cells(['auditor']) },
  { words: 'audit reopen', text: `audit reopen ${IDS.audit} A late access review arrived`, access: 'write', scenario: 'reporting', shows: /^IA-2027-01 is back in progress/, cells: cells(['auditor']) },
  { words: 'audit conclude', text: `audit conclude ${IDS.audit}`, access: 'read', scenario: 'base', shows: { form: 'audit.conclude' }, cells: cells(['auditor']) },
  { words: 'audit close', text: `audit close ${IDS.audit}`, access: 'write', scenario: 'concluded', shows: /^IA-2027-01 is closed and its report is final/, cells: cells(['auditor']) },
  {
    words: 'audit correct',
    text: `audit correct ${IDS.audit} The closing meeting was at 16:00 because the time was typed wrong`,
    access: 'write',
    scenario: 'closed',
    shows: /^The correction to IA-2027-01 is recorded/,
    cells: cells(['lead', 'auditor']),
  },
  { words: 'audit digest', text: 'audit digest', access: 'read', scenario: 'base', shows: /^audit digest preview: /, cells: cells('everyone') },
  { words: 'audit digest preview', text: 'audit digest preview', access: 'read', scenario: 'base', shows: /^Preview: Audit digest/, cells: cells(['lead']) },
  // Issue 15.4: what the scheduled jobs will send, simulated on a copy of the data: audit leads only.
  { words: 'audit preview', text: 'audit preview 1', access: 'read', scenario: 'base', shows: /^Preview: (\d+ messages?|nothing would be sent) in the next 1 day\. Nothing was sent or changed\.$/, cells: cells(['lead']) },
  { words: 'audit digest now', text: 'audit digest now', access: 'write', scenario: 'base', shows: /^The digest is on its way/, cells: cells(['lead']) },
  { words: 'audit digest here', text: 'audit digest here', access: 'write', scenario: 'base', shows: /^From now on the weekly digest is posted in this channel/, cells: cells(['lead']), teamsChannel: true },
  { words: 'review schedule', text: 'review schedule 2027-09-15', access: 'write', scenario: 'base', shows: /^Management review MR-2027-02 is scheduled for 15 September 2027/, cells: cells(['lead']) },
  { words: 'review action done', text: 'review action done RA-2026-0001', access: 'write', scenario: 'base', shows: /^RA-2026-0001 is done/, cells: cells(['actionOwner', 'lead']) },
  { words: 'review record', text: 'review record', access: 'read', scenario: 'base', shows: { form: 'review.record' }, cells: cells(['lead', 'areaOwner']) },
  // Issue 16.5: the pack of a review is for audit leads and its chair (here the area owner).
  { words: 'review pack', text: 'review pack', access: 'read', scenario: 'base', shows: /^Management review pack MR-2027-01: /, cells: cells(['lead', 'areaOwner']) },
];

export interface ButtonRow {
  actionId: string;
  value: string;
  access: 'read' | 'write';
  scenario: Scenario;
  shows: Shows;
  cells: Cells;
}

const request = IDS.request;
const action = IDS.action;

export const BUTTON_ROWS: ButtonRow[] = [
  { actionId: 'evidence.submit', value: request, access: 'read', scenario: 'base', shows: { form: 'evidence.submit' }, cells: cells(['actionOwner'], NOT_READERS) },
  { actionId: 'evidence.snooze', value: request, access: 'read', scenario: 'base', shows: { form: 'evidence.snooze' }, cells: cells(['actionOwner'], NOT_READERS) },
  { actionId: 'evidence.not_mine', value: request, access: 'read', scenario: 'base', shows: { form: 'evidence.not_mine' }, cells: cells(['actionOwner'], NOT_READERS) },
  { actionId: 'evidence.accept', value: request, access: 'write', scenario: 'submitted', shows: /^Accepted: #3/, cells: cells(['auditor'], NOT_READERS) },
  { actionId: 'evidence.more', value: request, access: 'read', scenario: 'submitted', shows: { form: 'evidence.more' }, cells: cells(['auditor'], NOT_READERS) },
  { actionId: 'evidence.reassign', value: request, access: 'read', scenario: 'base', shows: { form: 'evidence.reassign' }, cells: cells(['lead', 'auditor'], NOT_READERS) },
  { actionId: 'action.plan', value: action, access: 'read', scenario: 'base', shows: { form: 'action.plan' }, cells: cells(['actionOwner'], NOT_READERS) },
  { actionId: 'action.implemented', value: action, access: 'read', scenario: 'planned', shows: { form: 'action.implemented' }, cells: cells(['actionOwner'], NOT_READERS) },
  { actionId: 'action.extend', value: action, access: 'read', scenario: 'base', shows: { form: 'action.extend' }, cells: cells(['actionOwner', 'lead'], NOT_READERS) },
  { actionId: 'action.verify', value: action, access: 'read', scenario: 'implemented', shows: { form: 'action.verify' }, cells: cells(['auditor', 'lead'], NOT_READERS) },
  { actionId: 'review.input', value: 'MR-2027-01:d', access: 'read', scenario: 'base', shows: { form: 'review.input' }, cells: cells(['actionOwner', 'lead']) },
  { actionId: 'review.action_done', value: 'RA-2026-0001', access: 'write', scenario: 'base', shows: /^RA-2026-0001 is done/, cells: cells(['actionOwner', 'lead']) },
  { actionId: 'action.open', value: IDS.ofi, access: 'write', scenario: 'base', shows: /^Corrective action CA-2027-0002 is open on F-2027-0002/, cells: cells(['auditor', 'actionOwner', 'lead'], NOT_READERS) },
];

export interface FormRow {
  formId: string;
  scenario: Scenario;
  /** How the form is opened: typed text or a button. */
  open: { text: string } | { actionId: string; value: string };
  /** A role allowed to open it: whose instance another person may try to submit. */
  openedBy: Role;
  /** Valid answers to the form as shown. */
  values: (form: Form) => FormValues;
  cells: Cells;
}

const initialOf = (form: Form, id: string): string => {
  const field = form.fields.find((f) => f.id === id);
  return field && (field.type === 'date' || field.type === 'text' || field.type === 'textarea') && field.initial ? field.initial : '';
};

/** The requirement each audit in progress has in scope, for the finding form. */
const IN_SCOPE: Record<string, string> = { [IDS.audit]: 'A.8.5', 'IA-2027-02': '9.2' };

export const FORM_ROWS: FormRow[] = [
  {
    formId: 'review.input',
    scenario: 'base',
    open: { actionId: 'review.input', value: 'MR-2027-01:d' },
    openedBy: 'actionOwner',
    values: () => ({ text: 'Phishing click rate down to 3%.', links: 'https://wiki.acme.example/kpi', objectives: 'MFA for all staff | met' }),
    cells: cells(['actionOwner', 'lead']),
  },
  {
    formId: 'review.record',
    scenario: 'base',
    open: { text: 'review record MR-2027-01' },
    openedBy: 'lead',
    values: () => ({ attendees: 'Bo Berg\nLena Lund', improvements: 'Self-service MFA enrolment', changes: '', resources: '', actions: `${WHO.actionOwner} | 2027-03-31 | Enforce MFA for admins` }),
    cells: cells(['lead', 'areaOwner']),
  },
  {
    formId: 'finding.record',
    scenario: 'base',
    open: { text: 'finding' },
    openedBy: 'auditor',
    values: (form) => {
      const audit = form.fields.find((f) => f.id === 'auditId');
      const auditId = audit?.type === 'select' ? (audit.options[0]?.value ?? '') : '';
      return { auditId, classification: 'minor', requirement: IN_SCOPE[auditId] ?? '', statement: 'Two admin accounts share one password.', evidence: 'Password vault audit log.', confirmOutOfScope: false };
    },
    cells: cells(['lead', 'auditor', 'otherAuditor']),
  },
  {
    formId: 'finding.amend',
    scenario: 'base',
    open: { text: `finding amend ${IDS.finding}` },
    openedBy: 'auditor',
    values: (form) => ({ classification: 'major', requirement: 'A.8.5', statement: initialOf(form, 'statement'), evidence: initialOf(form, 'evidence'), reason: 'Privileged accounts.' }),
    cells: cells(['lead', 'auditor'], NOT_READERS),
  },
  { formId: 'evidence.submit', scenario: 'base', open: { actionId: 'evidence.submit', value: request }, openedBy: 'actionOwner', values: () => ({ links: 'https://wiki.acme.example/mfa-report', note: 'Signed off by the CISO.' }), cells: cells(['actionOwner'], NOT_READERS) },
  { formId: 'evidence.snooze', scenario: 'base', open: { actionId: 'evidence.snooze', value: request }, openedBy: 'actionOwner', values: () => ({ days: '1' }), cells: cells(['actionOwner'], NOT_READERS) },
  { formId: 'evidence.not_mine', scenario: 'base', open: { actionId: 'evidence.not_mine', value: request }, openedBy: 'actionOwner', values: () => ({ reason: 'Bo Berg runs authentication.' }), cells: cells(['actionOwner'], NOT_READERS) },
  {
    formId: 'evidence.more',
    scenario: 'submitted',
    open: { actionId: 'evidence.more', value: request },
    openedBy: 'auditor',
    values: (form) => ({ comment: 'Please add the conditional access policy.', due: initialOf(form, 'due') }),
    cells: cells(['auditor'], NOT_READERS),
  },
  {
    formId: 'evidence.reassign',
    scenario: 'base',
    open: { actionId: 'evidence.reassign', value: request },
    openedBy: 'auditor',
    values: () => ({ owner: 'fay@acme.example', due: '' }),
    cells: cells(['lead', 'auditor'], NOT_READERS),
  },
  {
    formId: 'action.plan',
    scenario: 'base',
    open: { actionId: 'action.plan', value: action },
    openedBy: 'actionOwner',
    values: (form) => ({ correction: 'MFA enforced on both.', rootCause: 'No policy for admin accounts.', plan: 'Conditional access for every admin.', due: initialOf(form, 'due') }),
    cells: cells(['actionOwner'], NOT_READERS),
  },
  { formId: 'action.implemented', scenario: 'planned', open: { actionId: 'action.implemented', value: action }, openedBy: 'actionOwner', values: () => ({ links: 'https://tickets.acme.example/IAM-8' }), cells: cells(['actionOwner'], NOT_READERS) },
  {
    formId: 'action.extend',
    scenario: 'base',
    open: { actionId: 'action.extend', value: action },
    openedBy: 'actionOwner',
    values: () => ({ due: '2027-06-30', reason: 'Waiting for the vendor.' }),
    cells: cells(['actionOwner', 'lead'], NOT_READERS),
  },
  {
    formId: 'action.verify',
    scenario: 'implemented',
    open: { actionId: 'action.verify', value: action },
    openedBy: 'auditor',
    values: () => ({ effective: 'yes', reason: 'Sampled ten admin sign-ins.', due: '' }),
    cells: cells(['auditor', 'lead'], NOT_READERS),
  },
  {
    formId: 'audit.plan',
    scenario: 'base',
    open: { text: `audit plan-edit ${IDS.audit}` },
    openedBy: 'auditor',
    values: () => ({ objectives: 'Access control works in practice.', method: 'mixed', criteria: 'ISO/IEC 27001:2022\nAccess control policy v3', auditees: 'bo@acme.example', opening: '2027-01-05 09:30', interviews: '2027-01-06 10:00 Bo Berg (IAM owner)', closing: '2027-01-28 15:00' }),
    cells: cells(['auditor']),
  },
  {
    formId: 'audit.conclude',
    scenario: 'base',
    open: { text: `audit conclude ${IDS.audit}` },
    openedBy: 'auditor',
    values: () => ({ conclusion: 'conforms_with_minor_nonconformities', summary: 'MFA gaps on admin accounts only.', strengths: 'Quarterly access reviews.' }),
    cells: cells(['auditor']),
  },
  {
    formId: 'audit.meeting',
    scenario: 'base',
    open: { text: `audit meeting ${IDS.audit} opening` },
    openedBy: 'auditor',
    values: (form) => ({ date: initialOf(form, 'date'), time: '09:30', attendees: 'bo@acme.example, Pat Jones (consultant)', notes: 'Scope and schedule agreed.' }),
    cells: cells(['auditor']),
  },
  {
    formId: 'audit.sample',
    scenario: 'base',
    open: { text: `audit sample ${IDS.audit} A.5.18` },
    openedBy: 'auditor',
    values: () => ({ population: 'leavers in Q4', populationSize: '120', sampleSize: '10', method: 'random', seed: '', items: '' }),
    cells: cells(['auditor']),
  },
  {
    formId: 'audit.interview',
    scenario: 'base',
    open: { text: `audit interview ${IDS.audit} A.5.15` },
    openedBy: 'auditor',
    values: (form) => ({ who: 'bo@acme.example', role: 'Owner of IAM', when: initialOf(form, 'when'), requirements: 'A.5.15', summary: 'Walked through the access reviews.' }),
    cells: cells(['auditor']),
  },
];
