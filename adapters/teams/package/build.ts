// Builds the Teams app package: the manifest with its `${{NAME}}` placeholders filled from the
// environment, and the two icons, zipped flat as Teams expects. Every missing or malformed
// value is reported at once, naming the variable.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createZip } from './zip.js';

export const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));
export const PACKAGE_FILE = 'auditbot-teams.zip';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HTTPS = /^https:\/\/[^\s]+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

interface Variable {
  describe: string;
  valid: (v: string) => boolean;
  /** Used when the variable is not set; may depend on the values already resolved. */
  fallback?: (resolved: Record<string, string>) => string | undefined;
}

/** What each placeholder of the manifest accepts, and its default. */
export const PACKAGE_VARIABLES: Record<string, Variable> = {
  MICROSOFT_APP_ID: { describe: 'the bot registration app id (a GUID)', valid: (v) => GUID.test(v) },
  TEAMS_APP_ID: { describe: 'the Teams app id (a GUID); defaults to MICROSOFT_APP_ID', valid: (v) => GUID.test(v), fallback: (r) => r.MICROSOFT_APP_ID },
  APP_VERSION: { describe: 'the app version (x.y.z); defaults to package.json', valid: (v) => SEMVER.test(v) },
  TEAMS_DEVELOPER_NAME: { describe: 'who publishes the app, at most 32 characters', valid: (v) => v.length >= 1 && v.length <= 32, fallback: () => 'Auditbot' },
  TEAMS_WEBSITE_URL: { describe: 'an https URL about the app, e.g. your ISMS intranet page', valid: (v) => HTTPS.test(v) },
  TEAMS_PRIVACY_URL: { describe: 'an https URL of the privacy statement; defaults to TEAMS_WEBSITE_URL', valid: (v) => HTTPS.test(v), fallback: (r) => r.TEAMS_WEBSITE_URL },
  TEAMS_TERMS_URL: { describe: 'an https URL of the terms of use; defaults to TEAMS_WEBSITE_URL', valid: (v) => HTTPS.test(v), fallback: (r) => r.TEAMS_WEBSITE_URL },
};

export class PackageError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
    this.problems = problems;
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

export const placeholdersOf = (template: string): string[] => [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];

/** The manifest with every placeholder replaced (JSON-escaped), parsed. */
export function fillManifest(template: string, env: Record<string, string | undefined>, defaults: Record<string, string> = {}): Record<string, unknown> {
  const used = new Set(placeholdersOf(template));
  const problems = [...used].filter((n) => !(n in PACKAGE_VARIABLES)).map((n) => `${n}: the manifest uses it but the package script does not know it`);
  const resolved: Record<string, string> = {};
  // In declaration order, so a default can use a variable resolved before it.
  for (const [name, spec] of Object.entries(PACKAGE_VARIABLES)) {
    const value = env[name]?.trim() || defaults[name] || spec.fallback?.(resolved);
    if (value && spec.valid(value)) resolved[name] = value;
    // A default that is missing because its source is missing is not reported twice.
    else if (used.has(name) && (value || !spec.fallback)) problems.push(`${name}: expected ${spec.describe}; got ${value ? JSON.stringify(value) : 'not set'}`);
  }
  if (problems.length > 0) throw new PackageError(problems);
  const text = template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(resolved[name] ?? '').slice(1, -1));
  return JSON.parse(text) as Record<string, unknown>;
}

export interface AppPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
}

/** Reads the template and icons from `dir` and returns the filled manifest and the zip. */
export function buildAppPackage(env: Record<string, string | undefined>, defaults: Record<string, string> = {}, dir = APP_PACKAGE_DIR): AppPackage {
  const manifest = fillManifest(readFileSync(`${dir}manifest.json`, 'utf8'), env, defaults);
  const icons = manifest.icons as { color: string; outline: string };
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: icons.color, data: readFileSync(`${dir}${icons.color}`) },
    { name: icons.outline, data: readFileSync(`${dir}${icons.outline}`) },
  ]);
  return { manifest, zip };
}
