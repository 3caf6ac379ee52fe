#!/usr/bin/env node
// `npm run auditbot -- <command>` and `npm start`: runs the compiled CLI, dist/cli/auditbot.cjs
// (scripts/build-cli.mjs; `npm ci` builds it). If any file it was compiled from has changed
// since, it is compiled again first (about a second), so an edit to the sources is never run stale.
import { BUNDLE, buildCli, isFresh } from '../scripts/build-cli.mjs';
import { createRequire } from 'node:module';

if (!isFresh()) {
  try {
    await buildCli();
  } catch (e) {
    // esbuild's message names the file, the line and the problem.
    process.stderr.write(`Auditbot could not be compiled: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(70);
  }
}
createRequire(import.meta.url)(BUNDLE);
