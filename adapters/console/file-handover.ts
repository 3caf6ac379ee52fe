// How the console hands out a file: it writes it to disk, in a folder of its own that only this
// user can open (the pack holds the organisation's audit results), and says where.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileHandover } from '../../src/chat/types.js';

/** Files go into `dir` when given, else into a new private folder under the system's temp folder. */
export function consoleFileHandover(dir?: string): FileHandover {
  return {
    async giveReviewPack(_ctx, file) {
      const folder = dir ?? (await mkdtemp(join(tmpdir(), 'auditbot-')));
      const path = join(folder, file.name);
      await writeFile(path, await file.html(), { encoding: 'utf8', mode: 0o600 });
      return [{ type: 'text', text: `The pack is written to ${path}: one self-contained page to open in a browser, print to PDF or send to the board.` }];
    },
  };
}
