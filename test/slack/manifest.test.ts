// manifest.json is the complete Slack app manifest: it validates against the community JSON
// Schema (test/schemas) and the `Manifest` type of @slack/web-api, and says exactly what
// the adapter implements: its commands, events, endpoint and the smallest set of scopes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { webApi } from '@slack/bolt';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/app.js';
import { BOT_EVENTS, BOT_SCOPES } from '../../adapters/slack/scopes.js';
import manifestJson from '../../manifest.json' with { type: 'json' };

type Manifest = webApi.AppsManifestCreateArguments['manifest'];
type BotScope = NonNullable<NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>['bot']>[number];
type BotEvent = NonNullable<NonNullable<NonNullable<Manifest['settings']>['event_subscriptions']>['bot_events']>[number];

const root = resolve(import.meta.dirname, '../..');
const schemaFile = resolve(root, 'test/schemas/slack-manifest.schema.json');

// The type checker checks the file against the Web API's own manifest type. JSON imports widen
// strings, so scopes and events are typed through the adapter's justified lists (whose names
// the type checker checks against the Web API's unions); a name in the file outside those lists
// fails here.
const justifiedScopes: BotScope[] = Object.keys(BOT_SCOPES) as (keyof typeof BOT_SCOPES)[];
const justifiedEvents: BotEvent[] = Object.keys(BOT_EVENTS) as (keyof typeof BOT_EVENTS)[];
function typed<T extends string>(names: string[], known: T[], what: string): T[] {
  return names.map((n) => {
    const k = known.find((x) => x === n);
    if (!k) throw new Error(`manifest.json lists ${what} ${n}, which adapters/slack/scopes.ts does not justify`);
    return k;
  });
}
const manifest: Manifest = {
  ...manifestJson,
  oauth_config: { scopes: { bot: typed(manifestJson.oauth_config.scopes.bot, justifiedScopes, 'the scope') } },
  settings: {
    ...manifestJson.settings,
    event_subscriptions: { ...manifestJson.settings.event_subscriptions, bot_events: typed(manifestJson.settings.event_subscriptions.bot_events, justifiedEvents, 'the event') },
  },
};

describe('manifest.json', () => {
  it('validates against the Slack app manifest schema (test/schemas)', () => {
    // The schema is draft-04 (`id`, a draft-04 `$schema`); it uses nothing else draft-04-only,
    // so ajv 8 reads it once the id is renamed and the meta-schema reference dropped.
    const { $schema: _draft, id, ...rest } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile({ ...rest, $id: String(id) });
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // And the schema does catch mistakes, so the pass above means something.
    expect(validate({ ...manifest, display_information: { name: 'x'.repeat(36) } })).toBe(false);
    expect(validate({ ...manifest, features: { ...manifest.features, slash_commands: [{ command: 'finding' }] } })).toBe(false);
  });

  it('declares both slash commands, with descriptions and usage hints, at the events endpoint', () => {
    const commands = manifest.features?.slash_commands ?? [];
    expect(commands.map((c) => c.command)).toEqual(['/finding', '/audit']);
    for (const c of commands) {
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.usage_hint?.length ?? 0).toBeGreaterThan(5);
      expect(new URL(c.url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect(commands.find((c) => c.command === '/audit')?.usage_hint).toMatch(/help.*mine.*status.*plan.*assign.*start.*explain/);
  });

  it('has the App Home with home and messages tabs, a bot user, interactivity with the options-load URL', () => {
    expect(manifest.features?.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.features?.bot_user?.display_name).toBe('auditbot');
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(new URL(manifest.settings?.interactivity?.request_url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    expect(new URL(manifest.settings?.interactivity?.message_menu_options_url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    expect(new URL(manifest.settings?.event_subscriptions?.request_url ?? '').pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.display_information.name).toBe('Auditbot');
    expect((manifest.display_information.long_description ?? '').length).toBeGreaterThanOrEqual(175);
  });

  it('asks for exactly the justified bot scopes and events, and no user scopes', () => {
    expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual(Object.keys(BOT_SCOPES).sort());
    expect(manifest.oauth_config?.scopes?.user).toBeUndefined();
    expect([...(manifest.settings?.event_subscriptions?.bot_events ?? [])].sort()).toEqual(Object.keys(BOT_EVENTS).sort());
  });

  it('lists the commands the adapter registers, and no other', () => {
    const registered = new Set<string>();
    const dir = resolve(root, 'adapters/slack/listeners/commands');
    for (const file of ['finding.ts', 'audit.ts']) {
      for (const m of readFileSync(resolve(dir, file), 'utf8').matchAll(/app\.command\(\s*'([^']+)'/g)) registered.add(m[1] as string);
    }
    expect([...registered].sort()).toEqual((manifest.features?.slash_commands ?? []).map((c) => c.command).sort());
  });
});
