import { DatabaseError, type OpenMode } from '../../db/connection.js';
import { openApp, type App } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { isAuditbotError } from '../core/errors.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, groupHelp, parseCommandArgs, resolveCommand, UsageError, type CliIO } from './framework.js';

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

/** Runs one CLI invocation in-process and returns its exit code (tests call this directly). */
export async function runCli(argv: string[], io: CliIO, openAppFn: (io: CliIO, mode: OpenMode) => App = (i, mode) => openApp(loadConfig(i.env), { mode })): Promise<number> {
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
  const { cmd, rest } = resolved;
  let app: App | undefined;
  let config: Config | undefined;
  try {
    const parsed = parseCommandArgs(cmd, rest);
    if (parsed.help) {
      io.stdout(commandHelp(cmd));
      return 0;
    }
    return await cmd.run({
      values: parsed.values,
      positionals: parsed.positionals,
      io,
      app: () => (app ??= openAppFn(io, cmd.database ?? 'write')),
      config: () => (config ??= app?.config ?? loadConfig(io.env)),
    });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(e.message);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.stderr(e.message);
      return 78;
    }
    if (e instanceof DatabaseError) {
      io.stderr(e.message);
      return 1;
    }
    if (isAuditbotError(e)) {
      io.stderr(`Error [${e.code}]: ${e.message}`);
      // A configuration found invalid only when used (a port already taken) exits as one found invalid when read.
      return e.code === 'config_invalid' ? 78 : 1;
    }
    throw e;
  } finally {
    app?.close();
  }
}
