import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openDatabase } from '../../db/connection.js';
import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const tempDir = (prefix = 'auditbot-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A new database with the schema and nothing in it (commands other than serve, console and import need one). */
export function emptyDatabase(name = 'auditbot.db'): string {
  const file = join(tempDir(), name);
  openDatabase(file).$client.close();
  return file;
}

/** Runs the CLI in-process with its own environment; output is captured. */
export async function cli(argv: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t.endsWith('\n') ? t : `${t}\n`;
    },
    stderr: (t) => {
      stderr += t.endsWith('\n') ? t : `${t}\n`;
    },
    env: { LOG_LEVEL: 'silent', ...env },
    cwd: process.cwd(),
    stdin: new PassThrough(),
    output: new PassThrough(),
  });
  return { code, stdout, stderr };
}
