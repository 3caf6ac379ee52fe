#!/usr/bin/env node
import { redactSecrets } from '../logger.js';
import { defaultIO, runCli } from './run.js';

// `auditbot export findings | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

runCli(process.argv.slice(2), defaultIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Unexpected error: ${redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    process.exitCode = 70;
  },
);
