import { openConsoleSession } from '../../../adapters/console/console-session.js';
import { createConsoleAdapter } from '../../adapters.js';
import { createDispatcher } from '../../outbox/dispatcher.js';
import { DISPATCH_INTERVAL_MS, onShutdownSignal } from '../../serve.js';
import { requiredString, type CommandImplementation } from '../framework.js';

export const consoleCommand: CommandImplementation = {
  database: 'create',
  service: true,
  options: {
    as: { type: 'string', description: "the e-mail of an active person in the organisation file", placeholder: '<email>' },
  },
  details: [
    'Type the same commands as in Slack or Teams; forms are asked one question at a time and',
    'buttons are pressed with `do <n>`. Notifications for that person print between prompts.',
    'Type help for the commands, exit (or Ctrl+D) to leave.',
    '',
    'Only the console runs here: no HTTP server and no scheduled jobs (that is `auditbot serve`).',
    '',
    'Example: auditbot console --as ana@acme.example',
  ].join('\n'),
  async run({ values, io, app }) {
    const email = requiredString(values.as, 'as');
    const { core, config, logger, reports } = app();
    // JSON log lines on the same terminal would break up the conversation.
    if (io.env.LOG_LEVEL === undefined) logger.level = 'warn';
    const adapter = createConsoleAdapter(io.output);
    const session = openConsoleSession({ core, email, input: io.stdin, output: io.output, logger, reports, registry: (await import('../../chat/default-registry.js')).defaultRegistry });
    const dispatcher = createDispatcher({
      store: core.store,
      clock: core.clock,
      deliverers: [adapter.deliverer],
      maxAttempts: config.outboxMaxAttempts,
      logger: logger.child({ component: 'dispatcher' }),
    });
    adapter.outlet.attach(session);
    session.onCommand(() => dispatcher.wake());
    dispatcher.start(DISPATCH_INTERVAL_MS);
    const removeSignals = onShutdownSignal(() => session.close());
    await session.done;
    removeSignals();
    adapter.outlet.attach(null);
    await dispatcher.stop();
    return 0;
  },
};
