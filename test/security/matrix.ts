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
  { words: 'programme', text: 'programme', access: 'read', scenario: 'base', shows: /^Audit programme 2027:/, cells: cells('everyone') },
  { words: 'audit', text: `audit ${IDS.audit}`, access: 'read', scenario: 'base', shows: /^IA-2027-01 \(iam\): in progress/, cells: cells('everyone') },
  { words: 'mine', text: 'mine', access: 'read', scenario: 'base', shows: /^You are (on|not on any audit)/, cells: cells('everyone') },
  { words: 'audit mine', text: 'audit mine', access: 'read', scenario: 'base', shows: /^You are (on|not on any audit)/, cells: cells('everyone') },
  { words: 'audit plan', text: 'audit plan 2028 2028-01-01', access: 'write', scenario: 'base', shows: /^Programme 2028 planned/, cells: cells(['lead']) },
  {
    words: 'audit assign',
    text: `audit assign ${IDS.plannedAudit} ${WHO.lead} Lena audits suppliers this year`,
    access: 'write',
    scenario: 'base',
    shows: /is now the lead auditor of IA-2027-03/,
    cells: cells(['lead']),
  },
  { words: 'audit start', text: `audit start ${IDS.plannedAudit}`, access: 'write', scenario: 'base', shows: /^IA-2027-03 is now in progress/, cells: cells(['lead']) },
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
    shows: /^CA-2027-0001 is now due Wednesday 30 June 2027/,
    cells: cells(['actionOwner', 'lead'], NOT_READERS),
  },
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
  { words: 'audit digest', text: 'audit digest', access: 'read', scenario: 'base', shows: /^audit digest preview: /, cells: cells('everyone') },
  { words: 'audit digest preview', text: 'audit digest preview', access: 'read', scenario: 'base', shows: /^Preview: Audit digest/, cells: cells(['lead']) },
  { words: 'audit digest now', text: 'audit digest now', access: 'write', scenario: 'base', shows: /^The digest is on its way/, cells: cells(['lead']) },
  { words: 'audit digest here', text: 'audit digest here', access: 'write', scenario: 'base', shows: /^From now on the weekly digest is posted in this channel/, cells: cells(['lead']), teamsChannel: true },
  { words: 'review schedule', text: 'review schedule 2027-09-15', access: 'write', scenario: 'base', shows: /^Management review MR-2027-02 is scheduled for 15 September 2027/, cells: cells(['lead']) },
  { words: 'review action done', text: 'review action done RA-2026-0001', access: 'write', scenario: 'base', shows: /^RA-2026-0001 is done/, cells: cells(['actionOwner', 'lead']) },
  { words: 'review record', text: 'review record', access: 'read', scenario: 'base', shows: { form: 'review.record' }, cells: cells(['lead', 'areaOwner']) },
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
];
