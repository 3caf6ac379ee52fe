// What someone hears when they use the bot but are not an active person in the organisation
// file: who can add them, and nothing else (they must not learn anything about the audit).
import type { Core } from '../context.js';
import type { Message } from '../message.js';

const joinNames = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;

export function outsiderAnswer(core: Core): Message {
  const { organisation, leads, admins } = core.store.transaction((tx) => {
    const people = tx.organisation.listPeople();
    return {
      organisation: tx.organisation.getOrganisation(),
      leads: people.filter((p) => p.roles.includes('lead')).map((p) => p.name),
      admins: people.filter((p) => p.roles.includes('admin')).map((p) => p.name),
    };
  });
  const who =
    leads.length > 0
      ? `Ask an audit lead (${joinNames(leads)}) to add you.`
      : admins.length > 0
        ? `Ask an admin (${joinNames(admins)}) to add you.`
        : 'Ask whoever looks after the organisation file to add you.';
  const text = `Auditbot only works for people in ${organisation ? `${organisation.name}'s` : 'the'} organisation file, and you are not in it yet. ${who}`;
  return { summary: text, blocks: [{ type: 'text', text }] };
}
