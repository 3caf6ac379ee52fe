// A small organisation file for import tests. Line numbers matter: the malformed-file table
// edits single lines of it and expects errors on them, so keep the layout when changing it.
import type { Db } from '../../db/connection.js';

export const ORG_YAML = `organisation: { name: Acme Ltd, timezone: Europe/London }
teams:
  - { key: platform, name: Platform Engineering }
  - { key: isms, name: Information Security }
  - { key: finance, name: Finance }
people:
  - email: ceo@acme.example
    name: Cara Okafor
    team: finance
  - email: Ana@Acme.example
    name: Ana Ruiz
    team: isms
    manager: ceo@acme.example
    timezone: Europe/Madrid
    roles: [lead, auditor]
    slack: U0ANA0001
  - email: bo@acme.example
    name: Bo Berg
    team: platform
    manager: ana@acme.example
    roles: [auditor]
  - email: dee@acme.example
    name: Dee Diaz
    team: platform
    manager: bo@acme.example
    teams: 6F1C2D3E-0000-4000-8000-5A1B2C3D4E5F
  - email: ext@audit.example
    name: Eve External
    roles: [auditor, external]
areas:
  - key: iam
    name: Identity and access management
    team: platform
    owner: bo@acme.example
    risk: high
    criteria: ["Access control policy v3"]
    clauses: ["9.2", { id: "9.3", owner: ana@acme.example }]
    controls:
      - { id: "5.15", owner: dee@acme.example }
      - "A.8.5"
      - 5.10
  - key: isms
    name: ISMS
    team: isms
    owner: ana@acme.example
    risk: medium
    clauses: ["4.1", "10.2"]
    controls: ["5.1"]
applicability:
  - { control: "7.5", applicable: false, justification: "No data centre of our own" }
`;

/** Replaces line `n` (1-based) of the fixture; fails loudly if the line is not what the test expects. */
export function withLine(n: number, expected: string, replacement: string, text = ORG_YAML): string {
  const lines = text.split('\n');
  if (lines[n - 1]?.trim() !== expected.trim()) throw new Error(`fixture line ${n} is ${JSON.stringify(lines[n - 1])}, not ${JSON.stringify(expected)}`);
  lines[n - 1] = replacement;
  return lines.join('\n');
}

/** Every row of every table: what "the database is unchanged" means. */
export function dumpDatabase(db: Db): Record<string, unknown[]> {
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, db.$client.prepare(`SELECT * FROM "${t.name}"`).raw().all()]));
}
