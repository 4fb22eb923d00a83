// Write checks before paying: before the first MT request of a language, prove that the journal and
// the language's folder can be written and that the disk has room for the answers, so that a full
// disk or a read-only folder costs one line and nothing is bought (and bought again on every retry).
import path from 'node:path';
import { mkdir, rm, statfs } from 'node:fs/promises';
import { BadInputError, PerekladError } from '../errors.js';
import { describeFault, isSystemError } from './faults.js';
import { writeTemp } from './io.js';
import { journalPath } from './layout.js';

export class WriteCheckError extends PerekladError {}

/** Throws WriteCheckError (one line, naming the folder and the cause) when `lang` cannot be written. */
export async function checkWritable(localesDir: string, lang: string, expectedBytes: number, rel: (p: string) => string): Promise<void> {
  for (const dir of [path.dirname(journalPath(localesDir)), path.join(localesDir, lang)]) {
    try {
      await mkdir(dir, { recursive: true });
      // A real write, fsynced: permissions, read-only mounts and quotas all show here.
      await rm(await writeTemp(path.join(dir, 'probe'), 'x'.repeat(4096)), { force: true });
      const fs = await statfs(dir);
      const room = fs.bavail * fs.bsize;
      if (room < expectedBytes) throw new WriteCheckError(`${rel(dir)}: ${Math.floor(room / 1024)} KiB free, the answers need about ${Math.ceil(expectedBytes / 1024)} KiB; nothing was sent`);
    } catch (err) {
      if (err instanceof WriteCheckError) throw err;
      // A folder that leads outside the project (src/project/io.ts).
      if (err instanceof BadInputError) throw new WriteCheckError(`${rel(dir)}: ${err.problem}; nothing was sent for ${lang}`);
      // Named by the folder, not by the probe file inside it.
      if (isSystemError(err)) throw new WriteCheckError(`${describeFault(Object.assign(err, { path: dir }), rel)}; nothing was sent for ${lang}`);
      throw err;
    }
  }
}
