import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashEvent } from '../../src/core/trail/trail-hash.js';
import { verifyTrail } from '../../src/core/trail/verify-trail.js';
import { cli, tempDir } from '../helpers/cli.js';
import { makeTestCore } from '../helpers/core.js';
import type { TrailEventInput } from '../../src/core/ports.js';

/** The chain hashes whatever it is given: these tests are about storage and hashing, not about the kinds of event. */
const anyEvent = (e: { actor: string; action: string; subject: string; before?: unknown; after?: unknown; channel: 'cli' }): TrailEventInput => e as unknown as TrailEventInput;

const COLUMNS = ['seq', 'at', 'actor', 'action', 'subject', 'before', 'after', 'channel', 'prev_hash', 'hash'] as const;

function seedTrail(file: string, n: number): void {
  const { core, clock, db } = makeTestCore('2027-01-04T10:00:00Z', { file });
  for (let i = 1; i <= n; i++) {
    clock.advance(60_000);
    core.store.transaction((tx) =>
      tx.trail.append(anyEvent({ actor: `p${i}@acme.example`, action: 'test.changed', subject: `thing:${i}`, before: { v: i - 1 }, after: { v: i, note: 'ünïcödé, "quoted"' }, channel: 'cli' })),
    );
  }
  db.$client.close();
}

/** Flips one character of a stored value the way someone editing the file would. */
function tamper(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  const s = String(value ?? '');
  if (s === '') return 'x';
  const c = s.charCodeAt(s.length - 1);
  return s.slice(0, -1) + String.fromCharCode(c === 0x30 ? 0x31 : c ^ 1);
}

describe('hash-chained audit trail', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('verifies an intact trail with its count', async () => {
    const dir = tempDir();
    seedTrail(`${dir}/a.db`, 5);
    const res = await cli(['trail', 'verify'], { AUDITBOT_DB: `${dir}/a.db` });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^OK: 5 events/);
  });

  it('refuses UPDATE and DELETE on events at the database level', () => {
    const dir = tempDir();
    seedTrail(`${dir}/a.db`, 2);
    const raw = new Database(`${dir}/a.db`);
    expect(() => raw.prepare("UPDATE trail_events SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM trail_events WHERE seq = 1').run()).toThrow(/append-only/);
    raw.close();
  });

  it('names the changed event when any column of any event row is altered in the file', async () => {
    const dir = tempDir();
    const file = `${dir}/a.db`;
    seedTrail(file, 4);
    const raw = new Database(file);
    // Someone with write access to the file can drop the triggers; the chain must still tell.
    raw.exec('DROP TRIGGER trail_events_no_update; DROP TRIGGER trail_events_no_delete;');
    const rows = raw.prepare('SELECT * FROM trail_events ORDER BY seq').all() as Record<string, unknown>[];
    let checked = 0;
    for (const row of rows) {
      const seq = row.seq as number;
      for (const column of COLUMNS) {
        const original = row[column];
        const changed = tamper(original);
        if (column === 'seq') {
          // Renumbering an event: move it to an unused number and back.
          raw.prepare('UPDATE trail_events SET seq = ? WHERE seq = ?').run(1000 + seq, seq);
        } else {
          raw.prepare(`UPDATE trail_events SET ${column} = ? WHERE seq = ?`).run(changed, seq);
        }
        const verdict = verifyTrail(
          raw.prepare('SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq').all() as never[],
        );
        expect(verdict.ok, `${column} of event #${seq}`).toBe(false);
        if (!verdict.ok) expect(verdict.seq, `${column} of event #${seq}`).toBe(seq);
        if (column === 'seq') raw.prepare('UPDATE trail_events SET seq = ? WHERE seq = ?').run(seq, 1000 + seq);
        else raw.prepare(`UPDATE trail_events SET ${column} = ? WHERE seq = ?`).run(original, seq);
        checked++;
      }
    }
    expect(checked).toBe(rows.length * COLUMNS.length);

    // Through the CLI, as an operator would see it.
    raw.prepare("UPDATE trail_events SET after = replace(after, 'ünïcödé', 'unicode') WHERE seq = 3").run();
    raw.close();
    const res = await cli(['trail', 'verify'], { AUDITBOT_DB: file });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/FAILED at event #3: its content does not match its hash/);
  });

  it('names a removed event', () => {
    const dir = tempDir();
    const file = `${dir}/a.db`;
    seedTrail(file, 4);
    const raw = new Database(file);
    raw.exec('DROP TRIGGER trail_events_no_delete;');
    raw.prepare('DELETE FROM trail_events WHERE seq = 2').run();
    const verdict = verifyTrail(raw.prepare('SELECT seq, at, actor, action, subject, before, after, channel, prev_hash AS prevHash, hash FROM trail_events ORDER BY seq').all() as never[]);
    raw.close();
    expect(verdict).toMatchObject({ ok: false, seq: 2, reason: expect.stringMatching(/missing or renumbered/) });
  });

  describe('the trail head as an external witness (trail verify --head)', () => {
    const head = (file: string) => {
      const raw = new Database(file, { readonly: true });
      const last = raw.prepare('SELECT seq, hash FROM trail_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      raw.close();
      return last;
    };

    it('catches the newest events deleted after the trigger was dropped, which the chain alone cannot', async () => {
      const file = `${tempDir()}/a.db`;
      seedTrail(file, 5);
      const witnessed = head(file);
      const witness = `${witnessed.seq}:${witnessed.hash.slice(0, 8)}`;
      expect((await cli(['trail', 'verify', '--head', witness], { AUDITBOT_DB: file })).stdout).toBe(
        `OK: 5 events, chain intact (last hash ${witnessed.hash.slice(0, 16)}…); it reaches the witnessed head #5 · ${witnessed.hash.slice(0, 8)}\n`,
      );
      const raw = new Database(file);
      raw.exec('DROP TRIGGER trail_events_no_delete;');
      raw.prepare('DELETE FROM trail_events WHERE seq >= 4').run();
      raw.close();
      // The shortened chain is intact…
      const plain = await cli(['trail', 'verify'], { AUDITBOT_DB: file });
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^OK: 3 events, chain intact/);
      // …but it no longer reaches what the digest or a backup witnessed.
      const res = await cli(['trail', 'verify', '--head', witness], { AUDITBOT_DB: file });
      expect(res).toMatchObject({ code: 1, stdout: '' });
      expect(res.stderr).toBe(
        'FAILED at event #5: it is missing: the trail ends at event #3, but event #5 was witnessed (the newest events were removed). The trail has been altered from that event on; restore it from a backup and investigate.\n',
      );
    });

    it('catches a chain rewritten from an earlier event, with every hash recomputed', async () => {
      const file = `${tempDir()}/a.db`;
      seedTrail(file, 5);
      const witnessed = head(file);
      const raw = new Database(file);
      raw.exec('DROP TRIGGER trail_events_no_update;');
      raw.prepare("UPDATE trail_events SET actor = 'someone-else@acme.example' WHERE seq = 2").run();
      // A careful forger recomputes every later link and hash, so the chain verifies again.
      let prev = (raw.prepare('SELECT hash FROM trail_events WHERE seq = 1').get() as { hash: string }).hash;
      for (const e of raw.prepare('SELECT seq, at, actor, action, subject, before, after, channel FROM trail_events WHERE seq >= 2 ORDER BY seq').all() as Parameters<typeof hashEvent>[1][]) {
        const hash = hashEvent(prev, e);
        raw.prepare('UPDATE trail_events SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, e.seq);
        prev = hash;
      }
      raw.close();
      expect((await cli(['trail', 'verify'], { AUDITBOT_DB: file })).code).toBe(0);
      const res = await cli(['trail', 'verify', '--head', `5:${witnessed.hash.slice(0, 12).toUpperCase()}`], { AUDITBOT_DB: file });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(new RegExp(`^FAILED at event #5: its hash begins [0-9a-f]{12}, not ${witnessed.hash.slice(0, 12)} as witnessed \\(the trail was rewritten`));
    });

    it('accepts a witnessed head the trail has since grown past, and refuses a head it cannot check', async () => {
      const file = `${tempDir()}/a.db`;
      seedTrail(file, 2);
      const early = head(file);
      const { core, clock, db } = makeTestCore('2027-01-05T10:00:00Z', { file });
      clock.advance(1);
      core.store.transaction((tx) => tx.trail.append(anyEvent({ actor: 'p3@acme.example', action: 'test.changed', subject: 'thing:3', channel: 'cli' })));
      db.$client.close();
      expect((await cli(['trail', 'verify', '--head', `#${early.seq}:${early.hash.slice(0, 8)}`], { AUDITBOT_DB: file })).code).toBe(0);
      for (const bad of ['2', '2:abc', '2:a1b2c3d', '0:a1b2c3d4', 'two:a1b2c3d4', '2:xyzxyzxy']) {
        const res = await cli(['trail', 'verify', '--head', bad], { AUDITBOT_DB: file });
        expect({ bad, code: res.code }).toEqual({ bad, code: 2 });
        expect(res.stderr).toContain('--head must be <seq>:<hash>, the event number and at least 8 hex characters of its hash, e.g. 1234:a1b2c3d4');
      }
      expect(verifyTrail([], { head: { seq: 1, hashPrefix: 'a1b2c3d4' } })).toMatchObject({ ok: false, seq: 1, reason: expect.stringMatching(/trail ends at event #0/) });
    });
  });

  it('exports the trail as JSON and CSV', async () => {
    const dir = tempDir();
    seedTrail(`${dir}/a.db`, 2);
    const json = await cli(['export', 'trail', '--format', 'json'], { AUDITBOT_DB: `${dir}/a.db` });
    const events = JSON.parse(json.stdout) as { seq: number; actor: string; after: { v: number } }[];
    expect(events.map((e) => [e.seq, e.actor, e.after.v])).toEqual([
      [1, 'p1@acme.example', 1],
      [2, 'p2@acme.example', 2],
    ]);
    const csv = await cli(['export', 'trail', '--format', 'csv'], { AUDITBOT_DB: `${dir}/a.db` });
    expect(csv.stdout.split('\r\n')[0]).toBe('seq,at,actor,action,subject,channel,before,after,prevHash,hash');
  });
});
