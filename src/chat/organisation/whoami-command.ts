import { describePerson, type OwnedRequirement } from '../../core/organisation/describe-person.js';
import type { Block } from '../../core/message.js';
import type { ChatCommand } from '../types.js';

const requirementLine = (r: OwnedRequirement): string => `${r.id} ${r.title} (area ${r.areas.join(', ')})`;

export const whoamiCommand: ChatCommand = {
  words: ['whoami'],
  usage: 'whoami',
  summary: 'who Auditbot thinks you are: team, roles, manager, time zone and what you own',
  run(ctx) {
    const me = describePerson(ctx.core, { email: ctx.actor.email });
    const blocks: Block[] = [
      {
        type: 'fields',
        fields: [
          { label: 'Name', value: me.name },
          { label: 'E-mail', value: me.email },
          { label: 'Team', value: me.team ? `${me.team.name} (${me.team.key})` : 'none (independent of every area)' },
          { label: 'Roles', value: me.roles.length > 0 ? me.roles.join(', ') : 'none' },
          { label: 'Manager', value: me.manager ? `${me.manager.name} <${me.manager.email}>` : 'none' },
          { label: 'Time zone', value: me.timezoneIsOrganisationDefault ? `${me.timezone} (the organisation's)` : me.timezone },
        ],
      },
      me.areasOwned.length > 0
        ? { type: 'list', title: 'Areas you own', items: me.areasOwned.map((a) => `${a.name} (${a.key}, ${a.risk} risk)`) }
        : { type: 'text', text: 'You own no area of the ISMS.' },
    ];
    if (me.clausesOwned.length > 0) blocks.push({ type: 'list', title: 'Clauses you own', items: me.clausesOwned.map(requirementLine) });
    if (me.controlsOwned.length > 0) blocks.push({ type: 'list', title: 'Annex A controls you own', items: me.controlsOwned.map(requirementLine) });
    if (me.clausesOwned.length === 0 && me.controlsOwned.length === 0) {
      blocks.push({ type: 'text', text: 'You own no clause or control, so you will not be asked for evidence.' });
    } else {
      blocks.push({ type: 'context', text: 'As owner you are asked for evidence on these when an audit covers them.' });
    }
    const owns = me.controlsOwned.length + me.clausesOwned.length;
    return {
      kind: 'message',
      visibility: 'private',
      message: {
        summary: `You are ${me.name} <${me.email}>${me.team ? `, ${me.team.name}` : ''}; roles: ${me.roles.join(', ') || 'none'}; you own ${me.areasOwned.length} area(s) and ${owns} requirement(s).`,
        title: `${me.name} <${me.email}>`,
        blocks,
      },
    };
  },
};
