import { explainAssignment } from '../../core/programme/explain-assignment.js';
import { explanationLines } from '../../core/programme/programme-messages.js';
import { roleName } from '../../core/programme/programme-notifications.js';
import { overrideAssignment } from '../../core/programme/override-assignment.js';
import { STATUS_LABEL, transitionAudit } from '../../core/programme/transition-audit.js';
import { cliActor } from '../acting-person.js';
import { choice, requiredString, UsageError, type CommandImplementation } from '../framework.js';
import { toJson } from '../format.js';

const auditIdArg = (positionals: string[], usage: string): string => {
  const id = positionals[0];
  if (positionals.length !== 1 || !id) throw new UsageError(`Usage: ${usage}`);
  return id;
};

const asOption = { as: { type: 'string' as const, description: 'the audit lead acting (default: the only lead)', placeholder: '<email>' } };

export const auditStartCommand: CommandImplementation = {
  args: ['<audit id>'],
  options: { ...asOption, early: { type: 'boolean' as const, description: 'start it before its window opens' } },
  details: 'Lifecycle: planned → in progress → reporting → closed. Only an audit lead may start an audit, and only one with a lead auditor; before its window opens, only with --early.',
  run({ positionals, values, io, app }) {
    const auditId = auditIdArg(positionals, 'auditbot audit start <audit id>   (e.g. auditbot audit start IA-2027-07)');
    const { core } = app();
    const r = transitionAudit(core, { auditId, to: 'in_progress', early: values.early === true }, cliActor(core, values.as));
    io.stdout(`${r.auditId} is now ${STATUS_LABEL[r.to]} (was ${STATUS_LABEL[r.from]}). Its auditors have been told.`);
    return 0;
  },
};

export const auditAssignCommand: CommandImplementation = {
  args: ['<audit id>'],
  options: {
    to: { type: 'string', description: 'e-mail of the auditor', placeholder: '<email>' },
    justification: { type: 'string', description: 'why (recorded, and shown to the certification auditor)', placeholder: '<text>' },
    role: { type: 'string', description: 'lead or second', default: 'lead', placeholder: '<lead|second>' },
    ...asOption,
  },
  details: 'Example: auditbot audit assign IA-2027-07 --to eve@partner.example --justification "Only the platform team knows this system; an external auditor starts next year"',
  run({ positionals, values, io, app }) {
    const auditId = auditIdArg(positionals, 'auditbot audit assign <audit id> --to <email> --justification "<why>"');
    const email = requiredString(values.to, 'to');
    const justification = requiredString(values.justification, 'justification');
    const role = choice(values.role, 'role', ['lead', 'second'] as const, 'lead');
    const { core } = app();
    const r = overrideAssignment(core, { auditId, email, role, justification }, cliActor(core, values.as));
    io.stdout(`${r.email} is now the ${roleName(r.role)} of ${r.auditId}${r.previous ? ` instead of ${r.previous}` : ''}. ${r.previous ? 'Both have' : 'They have'} been told.`);
    if (r.exception) {
      io.stdout(`INDEPENDENCE EXCEPTION recorded (by ${r.exception.by} at ${r.exception.at}): ${r.violations.join('; ')}.`);
      io.stdout(`Justification: ${r.exception.justification}`);
    } else {
      io.stdout(`${r.email} is independent of ${r.auditId}: no exception needed.`);
    }
    return 0;
  },
};

export const auditExplainCommand: CommandImplementation = {
  args: ['<audit id>'],
  options: { format: { type: 'string', description: 'text or json', default: 'text', placeholder: '<text|json>' } },
  run({ positionals, values, io, app }) {
    const auditId = auditIdArg(positionals, 'auditbot audit explain <audit id>');
    const format = choice(values.format, 'format', ['text', 'json'] as const, 'text');
    const { core } = app();
    const e = explainAssignment(core, { auditId });
    if (format === 'json') {
      io.stdout(toJson(e));
      return 0;
    }
    const l = explanationLines(e, core.settings.timezone);
    const out = [l.heading, '', ...l.auditors, '', `Excluded (${e.excluded.length}), with the rule that excluded them:`];
    out.push(...(l.excluded.length > 0 ? l.excluded.map((x) => `  ${x}`) : ['  nobody']));
    if (l.footer.length > 0) out.push('', ...l.footer);
    io.stdout(out.join('\n'));
    return 0;
  },
};
