// What an auditor looks for on each checklist item, in our own words (never the standard's
// text): the evidence hint owners see with their requests, then questions that test whether the
// requirement works in practice rather than only on paper.
import { requirementKind } from '../catalogue/requirement-references.js';
import { evidenceHint } from '../evidence/evidence-hints.js';

const CLAUSE_PROMPTS = [
  'Is it documented where the organisation says it is, current and approved?',
  'Do the people who run it know it and can they show a recent example?',
  'Is it reviewed or measured, and were the results acted on?',
];

const CONTROL_PROMPTS = [
  'Is the control described (policy, procedure or standard) and does someone own it?',
  'Pick a sample from the period: does each item show the control operating?',
  'Are exceptions recorded, approved and followed up?',
];

export function checklistPrompts(requirement: string): string[] {
  return [`Look for: ${evidenceHint(requirement)}.`, ...(requirementKind(requirement) === 'control' ? CONTROL_PROMPTS : CLAUSE_PROMPTS)];
}
