// Validators for what the Teams adapter emits, from the public schemas copied into test/schemas
// (its README names their sources and how each loads into ajv 8).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';

export const SCHEMA_DIR = resolve(import.meta.dirname, '../schemas');
export const CARD_SCHEMA = resolve(SCHEMA_DIR, 'adaptive-card.schema.json');
export const MANIFEST_SCHEMA = resolve(SCHEMA_DIR, 'teams-manifest.schema.json');

export type Validate = (value: unknown) => string[];

const describeErrors = (errors: ErrorObject[] | null | undefined): string[] => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);

/** Adaptive Cards 1.5: `$schema` removed, top-level `id` renamed `$id`, Teams' `msteams` key stripped. */
export function adaptiveCardValidator(): Validate {
  const schema = JSON.parse(readFileSync(CARD_SCHEMA, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return (card) => {
    const copy = structuredClone(card) as Record<string, unknown>;
    delete copy.msteams;
    return validate(copy) ? [] : describeErrors(validate.errors);
  };
}

/** The Teams app manifest (v1.29): `$schema` removed; formats are not checked (no ajv-formats). */
export function teamsManifestValidator(): Validate {
  const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return (manifest) => (validate(manifest) ? [] : describeErrors(validate.errors));
}
