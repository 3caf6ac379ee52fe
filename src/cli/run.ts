import type { OpenMode } from '../../db/connection.js';
import type { App } from '../app.js';
import type { Config } from '../config.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, groupHelp, parseCommandArgs, resolveCommand, UsageError, type CliIO, type CommandSpec } from './framework.js';

export function defaultIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    output: process.stdout,
  };
}

export type OpenAppFn = (io: CliIO, mode: OpenMode) => App;

/**
 * What running a command needs beyond its own file: configuration, the database and the error
 * types they throw. Loaded once a command is about to run, so that help costs none of it.
 */
async function loadRuntime() {
  const [{ openApp }, { ConfigError, loadConfig }, { DatabaseError }, { isAuditbotError }] = await Promise.all([
    import('../app.js'),
    import('../config.js'),
    import('../../db/connection.js'),
    import('../core/errors.js'),
  ]);
  return { openApp, ConfigError, loadConfig, DatabaseError, isAuditbotError };
}

/** Runs one CLI invocation in-process and returns its exit code (tests call this directly). */
export async function runCli(argv: string[], io: CliIO, openAppFn?: OpenAppFn): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const resolved = resolveCommand(COMMANDS, argv);
  if (!resolved) {
    const known = COMMANDS.some((c) => c.path[0] === words[0]);
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(groupHelp(COMMANDS, []));
      return 0;
    }
    if (known) {
      const prefix = words.slice(0, 1);
      const wantsHelp = argv.includes('--help') || argv.includes('-h');
      (wantsHelp ? io.stdout : io.stderr)(groupHelp(COMMANDS, prefix));
      return wantsHelp ? 0 : 2;
    }
    io.stderr(`Unknown command "${words.join(' ')}".\n\n${groupHelp(COMMANDS, [])}`);
    return 2;
  }
  const { cmd: entry, rest } = resolved;
  const cmd: CommandSpec = { ...(await entry.load()), path: entry.path, summary: entry.summary };
  let parsed: ReturnType<typeof parseCommandArgs>;
  try {
    parsed = parseCommandArgs(cmd, rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(e.message);
    return 2;
  }
  if (parsed.help) {
    io.stdout(commandHelp(cmd));
    return 0;
  }

  const runtime = await loadRuntime();
  const open: OpenAppFn =
    openAppFn ??
    ((i, mode) => {
      const config = runtime.loadConfig(i.env);
      if (cmd.service) return runtime.openApp(config, { mode });
      // A one-off command prints what it did; its log lines go to its stderr only when asked for.
      const level = i.env.LOG_LEVEL !== undefined && i.env.LOG_LEVEL !== '' ? config.logLevel : 'silent';
      return runtime.openApp(config, { mode, log: { level, destination: { write: (line: string) => i.stderr(line) } } });
    });
  let app: App | undefined;
  let config: Config | undefined;
  try {
    return await cmd.run({
      values: parsed.values,
      positionals: parsed.positionals,
      io,
      app: () => (app ??= open(io, cmd.database ?? 'write')),
      config: () => (config ??= app?.config ?? runtime.loadConfig(io.env)),
    });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(e.message);
      return 2;
    }
    if (e instanceof runtime.ConfigError) {
      io.stderr(e.message);
      return 78;
    }
    if (e instanceof runtime.DatabaseError) {
      io.stderr(e.message);
      return 1;
    }
    if (runtime.isAuditbotError(e)) {
      io.stderr(`Error [${e.code}]: ${e.message}`);
      // A configuration found invalid only when used (a port already taken) exits as one found invalid when read.
      return e.code === 'config_invalid' ? 78 : 1;
    }
    throw e;
  } finally {
    app?.close();
  }
}
