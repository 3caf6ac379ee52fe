// `npm run teams:package`: builds adapters/teams/appPackage/auditbot-teams.zip, the file to
// upload in Teams (Apps → Manage your apps → Upload an app) or the Teams admin centre.
// Placeholders in the manifest (`${{MICROSOFT_APP_ID}}`, …) are filled from the environment.
import { readFileSync, writeFileSync } from 'node:fs';
import { APP_PACKAGE_DIR, buildAppPackage, PACKAGE_FILE, PackageError } from '../adapters/teams/package/build.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

try {
  const { manifest, zip } = buildAppPackage(process.env, { APP_VERSION: pkg.version });
  const out = `${APP_PACKAGE_DIR}${PACKAGE_FILE}`;
  writeFileSync(out, zip);
  const bots = manifest.bots as { botId: string }[];
  process.stdout.write(`Wrote ${out} (${zip.length} bytes): app ${String(manifest.id)} version ${String(manifest.version)}, bot ${bots[0]?.botId ?? '?'}\n`);
} catch (e) {
  if (e instanceof PackageError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
