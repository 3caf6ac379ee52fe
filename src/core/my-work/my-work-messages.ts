// "My work" as messages: `mine` shows the person's audits and corrective actions (in every
// chat); the App Home shows every part, section by section, under its own header.
import { myActionsBlocks } from '../corrective-actions/action-messages.js';
import type { FindingView } from '../findings/list-findings.js';
import type { Block, Message } from '../message.js';
import { myAuditsMessage } from '../programme/programme-messages.js';
import { CLASSIFICATION_LABELS } from '../shared/classification.js';
import type { MyWork } from './list-my-work.js';
import { disputesSection } from '../findings/finding-change-messages.js';

/** Findings listed per section before "… and N more". */
const FINDINGS_LISTED = 15;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The person's audits followed by their corrective actions, if any. */
function auditsAndActions(work: MyWork, timeZone: string): Message {
  const audits = myAuditsMessage(work.audits, timeZone);
  const { owned, toVerify, today } = work.actions;
  const blocks = myActionsBlocks(owned, toVerify, today);
  if (blocks.length === 0) return audits;
  const parts = [owned.length > 0 ? plural(owned.length, 'open corrective action') : '', toVerify.length > 0 ? `${toVerify.length} to verify` : ''].filter(Boolean);
  return { ...audits, summary: `${audits.summary} Corrective actions: ${parts.join(', ')}.`, blocks: [...audits.blocks, { type: 'divider' }, ...blocks] };
}

/**
 * `mine`: everything that waits on the person (issue 14.9): the audits they audit, the evidence
 * they owe or must review, the actions they own or must verify. A section with nothing in it is
 * left out, so a control owner with evidence due is not told "You are not on any audit".
 */
export function mineMessage(work: MyWork, timeZone: string): Message {
  const sections: Message[] = [];
  if (work.audits.length > 0) sections.push(myAuditsMessage(work.audits, timeZone));
  const evidence = work.evidence;
  if (evidence.mine.some((r) => r.status !== 'accepted' && r.status !== 'withdrawn') || evidence.toReview.length > 0) sections.push(evidence.message);
  const { owned, toVerify, today } = work.actions;
  const actionBlocks = myActionsBlocks(owned, toVerify, today);
  if (actionBlocks.length > 0) {
    const parts = [owned.length > 0 ? plural(owned.length, 'open corrective action') : '', toVerify.length > 0 ? `${toVerify.length} to verify` : ''].filter(Boolean);
    sections.push({ summary: `Corrective actions: ${parts.join(', ')}.`, blocks: actionBlocks });
  }
  if (work.disputes.length > 0) sections.push(disputesSection(work.disputes));
  if (sections.length === 0) {
    const text = 'You are not on any audit, and nothing else is waiting on you: no evidence, corrective action, verification or decision is asked of you. When the lead plans the programme, you will be told which audits are yours.';
    return { summary: text, blocks: [{ type: 'text', text }] };
  }
  const blocks: Block[] = [];
  sections.forEach((section, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    if (section.title) blocks.push({ type: 'text', text: section.title });
    blocks.push(...section.blocks);
  });
  return { summary: sections.map((x) => x.summary).join(' '), title: 'Your work', blocks };
}

const findingLine = (f: FindingView, who: 'owner' | 'raisedBy'): string =>
  `${f.id} · ${CLASSIFICATION_LABELS[f.classification]} against ${f.requirement} (${f.auditId})${who === 'owner' ? `, owner ${f.owner}` : `, raised by ${f.raisedBy}`}`;

function findingsList(title: string, list: FindingView[], who: 'owner' | 'raisedBy', none: string): Block {
  if (list.length === 0) return { type: 'context', text: `${title}: ${none}` };
  const latest = [...list].reverse();
  return {
    type: 'list',
    title,
    items: latest.slice(0, FINDINGS_LISTED).map((f) => findingLine(f, who)),
    more: Math.max(0, latest.length - FINDINGS_LISTED),
    moreHint: 'Ask your audit lead for the findings register.',
  };
}

/** Every part of the person's work, each under its header: audits and actions, evidence, findings. */
export function myWorkBlocks(work: MyWork, timeZone: string): Block[] {
  const blocks: Block[] = [];
  for (const section of [auditsAndActions(work, timeZone), work.evidence.message]) {
    if (section.title) blocks.push({ type: 'text', text: section.title });
    blocks.push(...section.blocks, { type: 'divider' });
  }
  blocks.push(findingsList('Findings you raised', work.findings.raised, 'owner', 'none yet.'));
  blocks.push(findingsList('Findings on what you own', work.findings.owned, 'raisedBy', 'none.'));
  return blocks;
}
