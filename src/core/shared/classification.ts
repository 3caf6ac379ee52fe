// How a finding is classified (ISO/IEC 27001:2022 clause 10.2 and ISO 19011): the words every
// capability uses for findings, their corrective actions and the reports on both.

export const CLASSIFICATIONS = ['major', 'minor', 'ofi', 'observation'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** How each classification reads in a sentence ("a minor nonconformity was recorded"). */
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  major: 'major nonconformity',
  minor: 'minor nonconformity',
  ofi: 'opportunity for improvement',
  observation: 'observation',
};

/** Nonconformities need a corrective action (clause 10.2); OFIs and observations do not. */
export const isNonconformity = (c: Classification): boolean => c === 'major' || c === 'minor';
