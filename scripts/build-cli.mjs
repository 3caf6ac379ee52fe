// Compiles the command line with esbuild into one file, dist/cli/auditbot.cjs, that
// bin/auditbot.mjs runs. `npm ci` runs this (the `prepare` script), and the launcher runs it again
// whenever a source file has changed since, so compiled output is never stale. Plain JavaScript:
// it runs before anything is compiled. bench/cli.bench.ts measures what this buys.
//
// - One CommonJS file: on Node 20, loading a few dozen ES modules costs more than all of a
//   command's own work, and one file is replaced atomically, so a process that is running keeps
//   the build it started with.
// - zod, drizzle-orm and yaml are compiled in. Every other package stays in node_modules and is
//   loaded only when used: Bolt and botbuilder when `serve` starts that platform, pino when
//   something logs. A command's own modules are initialised only when that command runs.
// - `import.meta.url` in project sources becomes the URL of the source file itself, as under
//   tsx, so db/connection.ts finds db/migrations and serve finds examples/org.yaml.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli');
/** The compiled CLI. */
export const BUNDLE = join(OUT, 'auditbot.cjs');
/** What the bundle was built from: each input's size and modification time. */
export const STAMP = join(OUT, 'auditbot.json');
const ENTRY = 'src/cli/main.ts';

/** Dependencies compiled into the bundle; every other package is loaded from node_modules. */
const BUNDLED = new Set(['zod', 'drizzle-orm', 'yaml']);
/** Files the build depends on beside the sources esbuild reads. */
const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'];

const posix = (path) => path.split('\\').join('/');

/** `[path relative to the project, size, mtime in ms]`, or null when the file is gone. */
function fileState(path) {
  try {
    const s = statSync(join(ROOT, path));
    return [path, s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/** Whether the bundle exists and every file it was built from is as it was then. */
export function isFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    statSync(BUNDLE);
  } catch {
    return false;
  }
  if (!Array.isArray(stamp.inputs) || stamp.inputs.length === 0) return false;
  for (const [path, size, mtimeMs] of stamp.inputs) {
    const now = fileState(path);
    if (!now || now[1] !== size || now[2] !== mtimeMs) return false;
  }
  return true;
}

/** Records each project source as esbuild reads it, and points its `import.meta.url` at itself. */
function sourcesPlugin(seen) {
  return {
    name: 'auditbot-sources',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        const path = posix(relative(ROOT, args.path));
        if (path.startsWith('node_modules/') || path.startsWith('..')) return undefined;
        // Before reading: a file saved while the build runs then differs from its record.
        seen.set(path, fileState(path));
        const text = readFileSync(args.path, 'utf8');
        const url = `new URL(${JSON.stringify(posix(relative(OUT, args.path)))}, require('node:url').pathToFileURL(__filename)).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('ts') ? 'ts' : 'js' };
      });
    },
  };
}

/** Compiles the CLI into BUNDLE and writes STAMP; returns the number of project files compiled. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => !BUNDLED.has(d));
  const seen = new Map();
  for (const path of EXTRA_INPUTS) seen.set(path, fileState(path));
  mkdirSync(OUT, { recursive: true });
  const unique = `${process.pid}-${Date.now()}`;
  const tmp = join(OUT, `.auditbot-${unique}.cjs`);
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      outfile: tmp,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external,
      // Less to parse; names are kept, so a stack trace still says which function failed.
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'silent',
      plugins: [sourcesPlugin(seen)],
    });
    // Two launchers may build at once: each rename is atomic, and either result is complete.
    renameSync(tmp, BUNDLE);
  } finally {
    rmSync(tmp, { force: true });
  }
  const inputs = [...seen.values()].filter((s) => s !== null).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const stampTmp = join(OUT, `.auditbot-${unique}.json`);
  writeFileSync(stampTmp, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs })}\n`);
  renameSync(stampTmp, STAMP);
  return inputs.length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = Date.now();
  const files = await buildCli();
  console.log(`Compiled the CLI (${files} files) into ${posix(relative(ROOT, BUNDLE))} in ${Date.now() - t0} ms.`);
}
