// Conducting an audit (ISO/IEC 27001:2022 clause 9.2, ISO 19011 6.4–6.6): its checklist of
// requirements in scope with a verdict each, the working papers behind a verdict, the opening and
// closing meetings, the plan, and the lead auditor's conclusion.

export const VERDICTS = ['unassessed', 'conforming', 'nonconformity', 'ofi', 'not_audited'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABEL: Record<Verdict, string> = {
  unassessed: 'not yet assessed',
  conforming: 'conforming',
  nonconformity: 'nonconformity',
  ofi: 'opportunity for improvement',
  not_audited: 'not audited',
};

export const CONCLUSIONS = ['conforms', 'conforms_with_minor_nonconformities', 'does_not_conform'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

export const CONCLUSION_LABEL: Record<Conclusion, string> = {
  conforms: 'Conforms',
  conforms_with_minor_nonconformities: 'Conforms, with minor nonconformities',
  does_not_conform: 'Does not conform',
};

export interface ChecklistVerdictRecord {
  auditId: string;
  requirement: string;
  verdict: Verdict;
  reason: string | null;
  notes: string | null;
  updatedBy: string;
  updatedAt: string;
}

export const PAPER_KINDS = ['document', 'sample', 'interview', 'note'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export const SAMPLE_METHODS = ['random', 'judgemental', 'all'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

export interface DocumentPaper {
  kind: 'document';
  link: string;
  title: string;
}

export interface SampleResult {
  item: number;
  result: 'ok' | 'exception';
  note: string;
}

export interface SamplePaper {
  kind: 'sample';
  population: string;
  populationSize: number;
  sampleSize: number;
  method: SampleMethod;
  /** For `random`: the seed the items were drawn with, so anyone can redraw them. */
  seed: number | null;
  /** The items drawn, numbered 1..populationSize. */
  items: number[];
  results: SampleResult[];
}

export interface InterviewPaper {
  kind: 'interview';
  /** A person of the organisation (their e-mail) or a named outsider. */
  who: string;
  role: string;
  /** Local date `YYYY-MM-DD`. */
  when: string;
  requirements: string[];
  summary: string;
}

export interface NotePaper {
  kind: 'note';
  text: string;
}

export type PaperBody = DocumentPaper | SamplePaper | InterviewPaper | NotePaper;

export interface WorkingPaperRecord {
  id: number;
  auditId: string;
  requirement: string;
  body: PaperBody;
  recordedBy: string;
  recordedAt: string;
}

export const MEETING_KINDS = ['opening', 'closing'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface MeetingRecord {
  auditId: string;
  kind: MeetingKind;
  heldAt: string;
  attendees: string[];
  notes: string;
  findingsPresented: string[];
  acknowledgement: 'acknowledged' | 'disagreed' | null;
  auditeeStatement: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface ConclusionRecord {
  auditId: string;
  conclusion: Conclusion;
  summary: string;
  strengths: string;
  recordedBy: string;
  recordedAt: string;
}

export const AUDIT_METHODS = ['remote', 'on_site', 'mixed'] as const;
export type AuditMethod = (typeof AUDIT_METHODS)[number];

export interface PlanRecord {
  auditId: string;
  objectives: string;
  method: AuditMethod;
  criteria: string[];
  auditees: string[];
  schedule: { what: string; at: string }[];
  sharedAt: string | null;
  updatedBy: string;
  updatedAt: string;
}
