import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsoleSession } from '../../../adapters/console/console-session.js';
import type { App } from '../../app.js';
import { PLATFORM_VARIABLES } from '../../config.js';
import { AuditbotError } from '../../core/errors.js';
import { importOrganisation } from '../../core/organisation/import-organisation.js';
import { onShutdownSignal, startServe } from '../../serve.js';
import type { CliIO, CommandImplementation } from '../framework.js';
import { SYSTEM_ACTOR } from '../../core/shared/actor.js';
import type { PersonRecord } from '../../core/shared/people.js';

/** The example audit lead the first run signs in as, when the example organisation has them. */
export const EXAMPLE_LEAD = 'ana@acme.example';

/**
 * A file shipped with the project, found from this module rather than the working directory
 * (`npm start` may run anywhere, and a build moves this file under dist/).
 */
export function projectFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${relative} was not found in the Auditbot project around ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function noCredentialsHint(): string {
  return [
    'No Slack or Teams credentials are set, so Auditbot runs here in the terminal.',
    'To connect a chat platform, set these variables and start again:',
    `  Slack: ${PLATFORM_VARIABLES.slack}`,
    `  Teams: ${PLATFORM_VARIABLES.teams}`,
  ].join('\n');
}

/** Imports examples/org.yaml when the database has no organisation yet; says what it did. */
function ensureOrganisation(app: App, io: CliIO): void {
  const existing = app.core.store.transaction((tx) => tx.organisation.getOrganisation());
  if (existing) {
    io.stdout(`Using the organisation already in ${app.config.db}: ${existing.name}.`);
    return;
  }
  const file = projectFile(join('examples', 'org.yaml'));
  const result = importOrganisation(app.core, { fileName: 'examples/org.yaml', text: readFileSync(file, 'utf8'), dryRun: false, actor: { email: SYSTEM_ACTOR, channel: 'system' } });
  const org = app.core.store.transaction((tx) => tx.organisation.getOrganisation());
  if (org) app.core.settings.timezone = org.timezone;
  io.stdout(`The database was empty, so the example organisation was imported from examples/org.yaml: ${result.summary}`);
  io.stdout('Import your own with: npm run auditbot -- import <org.yaml>');
}

/** The first active audit lead, the example's own if present. */
export function exampleLead(app: App): PersonRecord {
  const leads = app.core.store.transaction((tx) => tx.organisation.listPeople()).filter((p) => p.roles.includes('lead'));
  const lead = leads.find((p) => p.email === EXAMPLE_LEAD) ?? leads[0];
  if (!lead) {
    throw new AuditbotError('unknown_person', 'The organisation has no active person with the role lead, so the console has nobody to sign in as. Give someone roles: [lead] in the organisation file and import it, or run: auditbot console --as <email>');
  }
  return lead;
}

export const serveCommand: CommandImplementation = {
  database: 'create',
  service: true,
  details: [
    'Serves on HOST:PORT (default 0.0.0.0:3000): GET /healthz, plus POST /slack/events and',
    'POST /api/messages for the platforms whose credentials are set. SIGTERM or SIGINT shuts down',
    'gracefully: no new requests, scheduler stopped, deliveries in flight finished, database closed.',
    '',
    'With no Slack or Teams credentials at all it runs in the terminal instead: it lists the',
    'variables that would enable each platform, imports examples/org.yaml into an empty database,',
    'and opens the console as the example audit lead, with the HTTP server, scheduler and',
    'dispatcher running behind it. Leaving the console (exit, quit, Ctrl+D) shuts down.',
    '',
    '`npm start` runs this command.',
  ].join('\n'),
  async run({ io, app }) {
    const a = app();
    const { config, logger } = a;
    const terminal = config.slack === null && config.teams === null;
    let lead: PersonRecord | null = null;
    if (terminal) {
      // JSON log lines on the same terminal would break up the conversation.
      if (io.env.LOG_LEVEL === undefined) logger.level = 'warn';
      io.stdout(noCredentialsHint());
      ensureOrganisation(a, io);
      lead = exampleLead(a);
    }
    const serve = await startServe({ config, app: a, io });
    if (!lead) {
      // Listening for the signal before saying so: one that arrived first would end the process.
      const signalled = new Promise<void>((resolve) => onShutdownSignal((signal) => {
        logger.info({ signal }, 'signal received');
        resolve();
      }));
      io.stdout(`Auditbot is listening on ${serve.url} (health: ${serve.url}/healthz).`);
      await signalled;
      await serve.stop();
      return 0;
    }
    io.stdout(`Auditbot is listening on ${serve.url} (health: ${serve.url}/healthz).`);
    // The signal handler goes in before the prompt is printed: a SIGTERM that arrived with no
    // handler would end the process at once, without the orderly shutdown.
    let signalled = false;
    let close = () => {
      signalled = true;
    };
    const removeSignals = onShutdownSignal(() => close());
    const session = openConsoleSession({ core: a.core, email: lead.email, input: io.stdin, output: io.output, logger, reports: a.reports, registry: serve.registry });
    close = () => session.close();
    if (signalled) session.close();
    serve.console.outlet.attach(session);
    session.onCommand(() => serve.dispatcher.wake());
    await session.done;
    removeSignals();
    serve.console.outlet.attach(null);
    await serve.stop();
    io.stdout('Auditbot stopped.');
    return 0;
  },
};
