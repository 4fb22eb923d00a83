// The file system's share of a first run, for bench/scale.ts: every file the first run wrote under
// locales/<lang>/ (its XLIFF and review copies) is written again, same bytes, same folders, into
// floor/ beside it, by the project's own atomic writer (temporary file, fsync, rename, one fsync
// per folder and window of 100), and nothing else. What this costs, no code of pereklad's can
// save without giving up that a kill or a power cut never leaves half a file.
//
// Usage (cwd = the bench's project): node scale-floor.js <lang>. Writes its measure as JSON to
// file descriptor 3: the writes only, not the reads that gather the bytes.
import { readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { FolderSyncs, registerProjectRoot, writeAtomic } from '../src/project/io.js';

const WINDOW = 100;
const lang = process.argv[2] ?? 'en-GB';
const from = path.resolve('locales', lang);
const to = path.resolve('floor', lang);
registerProjectRoot(path.resolve('floor'));

const files = await fg('**/*', { cwd: from, onlyFiles: true });
let wallMs = 0;
let userUs = 0;
let systemUs = 0;
let bytes = 0;
for (let at = 0; at < files.length; at += WINDOW) {
  const window = files.slice(at, at + WINDOW).map((f) => ({ file: path.join(to, f), text: readFileSync(path.join(from, f), 'utf8') }));
  const folders = new FolderSyncs();
  const before = process.resourceUsage();
  const start = performance.now();
  for (const { file, text } of window) {
    await writeAtomic(file, text, folders);
    bytes += Buffer.byteLength(text);
  }
  await folders.flush();
  wallMs += performance.now() - start;
  const after = process.resourceUsage();
  userUs += after.userCPUTime - before.userCPUTime;
  systemUs += after.systemCPUTime - before.systemCPUTime;
}
writeSync(3, JSON.stringify({ files: files.length, bytes, wallMs, userUs, systemUs }));
