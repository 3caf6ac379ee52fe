// Issue 5, acceptance 2 (manifest), and the app package: the manifest validates against the
// Teams manifest schema once its placeholders are filled, lists only commands the bot knows,
// and `npm run teams:package` produces a zip Teams can read, with the two icons it requires.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, buildAppPackage, fillManifest, PACKAGE_FILE, PackageError } from '../../adapters/teams/package/build.js';
import { drawColorIcon, drawOutlineIcon } from '../../adapters/teams/package/icons.js';
import { encodePng, pngSize } from '../../adapters/teams/package/png.js';
import { crc32, createZip } from '../../adapters/teams/package/zip.js';
import { findCommand } from '../helpers/chat.js';
import { teamsManifestValidator } from './schemas.js';

const root = resolve(import.meta.dirname, '../..');
const ENV = { MICROSOFT_APP_ID: '6d3a1f0e-8c2b-4f7a-9e51-0b9c4d2e7a13', TEAMS_WEBSITE_URL: 'https://isms.acme.example/auditbot' };

/** Reads a ZIP by its central directory, checking each entry's CRC; what an unzip tool does. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const offset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Decodes an 8-bit RGBA PNG written with filter 0 (as encodePng writes). */
function decodeRgba(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const { width, height, colourType } = pngSize(png);
  expect(colourType).toBe(6);
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length; ) {
    const length = png.readUInt32BE(p);
    const type = png.toString('ascii', p + 4, p + 8);
    expect(crc32(png.subarray(p + 4, p + 8 + length))).toBe(png.readUInt32BE(p + 8 + length));
    if (type === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('Teams app package', () => {
  it('the filled manifest validates against the Teams manifest schema (test/schemas)', () => {
    const { manifest } = buildAppPackage(ENV, { APP_VERSION: '0.1.0' });
    expect(teamsManifestValidator()(manifest)).toEqual([]);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.25);
    expect(manifest).toMatchObject({ id: ENV.MICROSOFT_APP_ID, version: '0.1.0', bots: [{ botId: ENV.MICROSOFT_APP_ID, scopes: ['personal', 'team'] }] });
  });

  it('a manifest that breaks the schema is refused by the same check', () => {
    const { manifest } = buildAppPackage(ENV, { APP_VERSION: '0.1.0' });
    expect(teamsManifestValidator()({ ...manifest, accentColor: 'blue' })).not.toEqual([]);
  });

  it('lists only commands the bot understands, in the personal and the team scope', () => {
    const { manifest } = buildAppPackage(ENV, { APP_VERSION: '0.1.0' });
    const lists = (manifest.bots as { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[])[0]!.commandLists;
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team']]);
    const titles = lists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toEqual(expect.arrayContaining(['help', 'finding', 'audit mine', 'programme']));
    for (const title of titles) {
      if (title === 'help') continue;
      expect({ title, words: findCommand(title)?.command.words.join(' ') }).toEqual({ title, words: title });
    }
    for (const l of lists) expect(l.commands.length).toBeLessThanOrEqual(10);
  });

  it('fills placeholders from the environment (JSON-escaped) and reports every missing or malformed value at once', () => {
    const filled = fillManifest('{"a":"${{TEAMS_DEVELOPER_NAME}}","b":"${{ TEAMS_WEBSITE_URL }}"}', { TEAMS_DEVELOPER_NAME: 'Acme "ISMS"', TEAMS_WEBSITE_URL: 'https://x.example' });
    expect(filled).toEqual({ a: 'Acme "ISMS"', b: 'https://x.example' });
    const template = readFileSync(`${APP_PACKAGE_DIR}manifest.json`, 'utf8');
    let error: unknown;
    try {
      fillManifest(template, { MICROSOFT_APP_ID: 'not-a-guid', TEAMS_WEBSITE_URL: 'http://plain.example' }, { APP_VERSION: '0.1.0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackageError);
    expect((error as PackageError).problems).toEqual([
      // Defaults taken from a bad value (TEAMS_APP_ID, the privacy and terms URLs) are not reported twice.
      'MICROSOFT_APP_ID: expected the bot registration app id (a GUID); got "not-a-guid"',
      'TEAMS_WEBSITE_URL: expected an https URL about the app, e.g. your ISMS intranet page; got "http://plain.example"',
    ]);
    expect(() => fillManifest(template, { ...ENV, TEAMS_PRIVACY_URL: 'ftp://x' }, { APP_VERSION: '1.2' })).toThrow(
      /APP_VERSION: expected the app version \(x\.y\.z\); defaults to package\.json; got "1\.2"\n.*TEAMS_PRIVACY_URL: expected an https URL/s,
    );
    expect(() => fillManifest('{"a":"${{SOMETHING_ELSE}}"}', {})).toThrow(/SOMETHING_ELSE: the manifest uses it but the package script does not know it/);
  });

  it('npm run teams:package writes a zip with the manifest and both icons at its root', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts'], { cwd: root, env: { ...process.env, ...ENV }, encoding: 'utf8' });
    expect(out).toMatch(/auditbot-teams\.zip/);
    const files = readZip(readFileSync(`${APP_PACKAGE_DIR}${PACKAGE_FILE}`));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest.id).toBe(ENV.MICROSOFT_APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(files.get('color.png')!.equals(readFileSync(`${APP_PACKAGE_DIR}color.png`))).toBe(true);
    const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['teams:package']).toBe('tsx scripts/teams-package.ts');
  });

  it('icons: colour 192×192, outline 32×32 white on transparent, as generated from their geometry', () => {
    const color = readFileSync(`${APP_PACKAGE_DIR}color.png`);
    const outline = readFileSync(`${APP_PACKAGE_DIR}outline.png`);
    expect(decodeRgba(color)).toMatchObject({ width: 192, height: 192 });
    const o = decodeRgba(outline);
    expect(o).toMatchObject({ width: 32, height: 32 });
    const alphas = new Set<number>();
    for (let i = 0; i < o.pixels.length; i += 4) {
      expect([o.pixels[i], o.pixels[i + 1], o.pixels[i + 2]]).toEqual([255, 255, 255]);
      alphas.add(o.pixels[i + 3]!);
    }
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
    // The committed files are what the generator draws (regenerate: npx tsx scripts/teams-icons.ts).
    expect(color.equals(encodePng(drawColorIcon(192)))).toBe(true);
    expect(outline.equals(encodePng(drawOutlineIcon(32)))).toBe(true);
  });

  it('zip writer: stored and deflated entries, CRC-32 of the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const big = Buffer.from('abc'.repeat(1000));
    const tiny = Buffer.from('x');
    const files = readZip(createZip([{ name: 'big.txt', data: big }, { name: 'dir/tiny.txt', data: tiny }, { name: 'empty', data: Buffer.alloc(0) }]));
    expect(files.get('big.txt')!.equals(big)).toBe(true);
    expect(files.get('dir/tiny.txt')!.equals(tiny)).toBe(true);
    expect(files.get('empty')!.length).toBe(0);
    expect(() => createZip([{ name: 'a', data: tiny }, { name: 'a', data: tiny }])).toThrow(/duplicate/);
  });
});
