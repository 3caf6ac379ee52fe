// Prints an HTML file to PDF with headless Chromium from the machine (Debian's `chromium`
// package): no browser is downloaded, and every host name fails to resolve so the page cannot
// reach the network while it prints.
import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_MISSING = (path: string): string =>
  `Printing to PDF needs headless Chromium, and there is none at ${path}. Install Debian's "chromium" package (apt-get install -y chromium), or set AUDITBOT_CHROMIUM to a Chromium binary. "--format html" needs no browser.`;

/** The flags that work on a server without a display, a sandbox or a network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export async function chromiumAt(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs Chromium with a fresh profile; resolves with its stdout. */
export async function runChromium(chromium: string, args: string[], timeoutMs = 60_000): Promise<string> {
  if (!(await chromiumAt(chromium))) throw new Error(CHROMIUM_MISSING(chromium));
  const profile = await mkdtemp(join(tmpdir(), 'auditbot-chromium-'));
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`Chromium failed: ${err.message}${stderr ? `\n${stderr.slice(-2000)}` : ''}`));
        else resolve(stdout);
      });
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

export async function printPdf(chromium: string, htmlFile: string, pdfFile: string): Promise<void> {
  await runChromium(chromium, ['--no-pdf-header-footer', `--print-to-pdf=${pdfFile}`, pathToFileURL(htmlFile).href]);
  await access(pdfFile, constants.R_OK);
}
