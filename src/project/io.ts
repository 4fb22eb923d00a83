// Reading and writing the project's files: the one UTF-8 decoder, reads with a size limit, and the
// one atomic writer (temporary file beside the target, fsync, rename, fsync of the folder). A
// crash (even kill -9) leaves either the old file or the new one, never half a file. Done here
// rather than with write-file-atomic so that the crash tests can stop a command between the fsync
// and the rename (see `crashPoint`), and so that temporary names are ours: short and of fixed
// length (a legal 250-byte file name must not become an illegal 281-byte temporary name), and
// recognisable, so that the next command removes what a killed one left (`removeTemps`).
//
// The calls below are the synchronous ones of node:fs behind async signatures. Every caller awaits
// one file operation after the other (none runs two at once), so nothing waits longer; but an async
// call costs a trip through libuv's thread pool (a thread woken, a promise settled) for each system
// call, and a first run makes some forty of them per article: that was most of its CPU beyond
// pereklad's own work. The same steps in the same order, and the same errors (a sync call throws
// the error its promise would reject with); only an absent file is now told by stat (`isAbsent`)
// rather than by the exception of a failed open. The event loop waits out each call (an fsync
// included): nothing else runs meanwhile in the CLI's jobs, and the review server (`review --serve`)
// is held only for the milliseconds of a save.
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { BadInputError } from '../errors.js';

// The folders of the project a command reads and writes (locales/, kits/, publish/), registered by
// `withProject` (src/project/store.ts). A path under one of them must stay inside it once symbolic
// links are resolved: a link in locales/ to a folder elsewhere would otherwise let translate and
// import write (and read) outside the project.
const roots = new Set<string>();

export function registerProjectRoot(dir: string): void {
  roots.add(path.resolve(dir));
}

/** Refuse a path under a project folder that a symbolic link leads outside it. */
export async function assertInsideProject(file: string): Promise<void> {
  const abs = path.resolve(file);
  for (const root of roots) {
    if (abs !== root && !abs.startsWith(root + path.sep)) continue;
    const realRoot = realOrUndefined(root) ?? root;
    // The nearest existing folder on the way to the file: what a write would go through.
    let probe = path.dirname(abs);
    let real: string | undefined;
    while (real === undefined) {
      real = realOrUndefined(probe);
      if (real === undefined) {
        if (probe === root || path.dirname(probe) === probe) return;
        probe = path.dirname(probe);
      }
    }
    const rest = path.relative(probe, path.dirname(abs));
    const resolved = path.join(real, rest);
    if (resolved !== realRoot && !resolved.startsWith(realRoot + path.sep)) {
      throw new BadInputError(path.relative(process.cwd(), abs) || abs, `leads outside the project (through a symbolic link to ${real}); not read or written`);
    }
    const info = statOrUndefined(abs);
    if (info) {
      const realFile = realpathSync.native(abs);
      if (!realFile.startsWith(realRoot + path.sep)) throw new BadInputError(path.relative(process.cwd(), abs) || abs, `is a symbolic link to ${realFile}, outside the project; not read or written`);
    }
  }
}

// `realpathSync.native` is the call fs/promises' realpath makes (libuv's, i.e. realpath(3)).
function realOrUndefined(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function statOrUndefined(p: string): Stats | undefined {
  try {
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** True only when `file` is certainly not there: no entry, in a parent that is a folder. Asked
 *  without the exception a failed open or lstat raises (costly, and a first run would raise one
 *  for every file it writes); false when there is something there or when unsure, and the caller
 *  then goes its usual way (and meets the usual error, if any). */
function isAbsent(file: string): boolean {
  try {
    if (statSync(file, { throwIfNoEntry: false }) !== undefined) return false;
    return statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

export async function readIfExists(file: string): Promise<string | undefined> {
  if (isAbsent(file)) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw atPath(err, file);
  }
}

/** A system error names the project file it concerns (Node leaves `path` out of some, e.g. EISDIR
 *  on a read, and names the temporary file on a rename), so its one line says which file it was. */
function atPath(err: unknown, file: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (err instanceof Error && typeof e.code === 'string' && (e.path === undefined || isTempName(path.basename(e.path)))) e.path = file;
  return err;
}

/** Decode UTF-8 strictly; a bad byte is reported on its line. */
export function decodeUtf8(bytes: Uint8Array, display: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const line = at < 0 ? undefined : lossy.slice(0, at).split('\n').length;
    throw new BadInputError(display, 'is not valid UTF-8', line);
  }
}

/** The bytes of a file, refused from its size before a byte is read when over `maxBytes`; at most
 *  the limit is read (plus one byte, to notice a file that grew since its size was taken). */
export async function readBytes(abs: string, display: string, maxBytes: number, what = 'file'): Promise<Buffer> {
  await assertInsideProject(abs);
  try {
    const info = statSync(abs);
    if (!info.isFile()) throw new BadInputError(display, info.isDirectory() ? 'is a folder, not a file' : 'is not a file');
    if (info.size > maxBytes) throw new BadInputError(display, `is ${mib(info.size)}, over the ${mib(maxBytes)} limit for ${what}; it was not read`);
    const fd = openSync(abs, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      for (;;) {
        const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
        if (filled === buffer.length) break;
      }
      if (filled > maxBytes) throw new BadInputError(display, `grew over the ${mib(maxBytes)} limit for ${what} while being read`);
      return buffer.subarray(0, filled);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof BadInputError) throw err;
    throw new BadInputError(display, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** What the file system says of a path, or undefined when there is nothing there (or it cannot be seen). */
export async function infoOf(file: string): Promise<Stats | undefined> {
  return statOrUndefined(file);
}

export async function exists(file: string): Promise<boolean> {
  return (await infoOf(file)) !== undefined;
}

/** A stamp of a file as it stands (size, modification time in ns, inode): equal stamps mean the
 *  file was not rewritten, so its content need not be read again. */
export async function fileStamp(file: string): Promise<{ size: number; mtimeNs: string; ino: string } | undefined> {
  try {
    const st = statSync(file, { bigint: true });
    return { size: Number(st.size), mtimeNs: st.mtimeNs.toString(), ino: st.ino.toString() };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw atPath(err, file);
  }
}

/** The names in a folder, sorted; undefined when it does not exist. */
export async function namesIn(dir: string): Promise<string[] | undefined> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw atPath(err, dir);
  }
}

/** Every file under `dir` (any depth) whose name passes `wanted`, as sorted absolute paths; none
 *  when the folder cannot be read. Symbolic links are not followed. */
export async function filesUnder(dir: string, wanted: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && wanted(e.name)).map((e) => path.join(e.parentPath, e.name)).sort();
}

export async function removeFile(file: string): Promise<void> {
  await assertInsideProject(file);
  if (isAbsent(file)) return;
  try {
    rmSync(file, { force: true });
  } catch (err) {
    throw atPath(err, file);
  }
}

export async function makeFolder(dir: string): Promise<void> {
  await assertInsideProject(path.join(dir, '_')); // the folder itself is what a link could lead out
  mkdirSync(dir, { recursive: true });
}

/** A UTF-8 text file of the project, with a size limit. */
export async function readText(abs: string, display: string, maxBytes: number, what?: string): Promise<string> {
  return decodeUtf8(await readBytes(abs, display, maxBytes, what), display);
}

export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MiB`;
}

// `.pk-` + 8 hex + `.tmp`: 16 bytes whatever the target's name, and a dot file, which no listing
// of the project takes for one of its files.
const TEMP_NAME = /^\.pk-[0-9a-f]{8}\.tmp$/u;

export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.pk-${randomBytes(4).toString('hex')}.tmp`);
}

export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/** Remove the temporary files and folders killed commands left under `dirs` (called under the project lock). */
export async function removeTemps(dirs: readonly string[]): Promise<number> {
  let removed = 0;
  for (const dir of dirs) {
    let entries;
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      // A folder is a kit being built (src/project/commit.ts `commitFolder`).
      if (!(e.isFile() || e.isDirectory()) || !isTempName(e.name)) continue;
      await rm(path.join(e.parentPath, e.name), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** What a file is written from: its text, or a function that writes it to the open file (a file
 *  too large to hold as one string: the journal's rewrite). */
export type FileContent = string | ((fd: number) => void);

/** Write `content` to a new temporary file beside `file`, fsynced; returns its path. */
export async function writeTemp(file: string, content: FileContent, temp = tempPathFor(file)): Promise<string> {
  await assertInsideProject(file);
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  try {
    const fd = openSync(temp, 'wx');
    try {
      if (typeof content === 'string') writeFileSync(fd, content, 'utf8');
      else content(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmSync(temp, { force: true });
    // The fault names the file the user knows, not our temporary name for it.
    if (err instanceof Error && 'path' in err) (err as NodeJS.ErrnoException).path = file;
    throw err;
  }
  return temp;
}

/** Write a new file into a folder being staged (a kit before its commit, src/project/commit.ts):
 *  fsynced, no rename of its own — the folder is put in place whole. */
export async function writeNew(file: string, content: string): Promise<void> {
  await writeTemp(file, content, file);
}

/** fsync a folder, so that a rename in it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  syncDirNow(dir);
}

function syncDirNow(dir: string): void {
  const folder = openSync(dir, 'r');
  try {
    fsyncSync(folder);
  } catch {
    // Some file systems cannot fsync a directory; the rename is then as durable as they allow.
  } finally {
    closeSync(folder);
  }
}

/** Folder fsyncs put off until something depends on the renames in those folders. A job that
 *  writes hundreds of files into one folder needs one fsync of that folder, not one per file:
 *  each file is itself fsynced before its rename, so a kill (even kill -9) at any point leaves the
 *  old file or the new one, whole, exactly as with an fsync per rename; what the folder fsync adds
 *  is that the rename survives a power cut. Until `flush`, a power cut may undo some renames (the
 *  old file, whole, comes back), so whoever records that those files were written — the
 *  incremental index, the journal's settle — calls `flush` first (src/job/translate.ts): nothing
 *  durable ever claims a rename that could still be undone. */
export class FolderSyncs {
  private readonly dirs = new Set<string>();

  add(dir: string): void {
    this.dirs.add(dir);
  }

  /** fsync every folder a rename went into since the last flush; throws (after trying every
   *  folder) the first failure to open one, so that nothing is committed over it. */
  async flush(): Promise<void> {
    let failure: unknown;
    for (const dir of this.dirs) {
      try {
        syncDirNow(dir);
      } catch (err) {
        failure ??= atPath(err, dir);
      }
    }
    this.dirs.clear();
    if (failure !== undefined) throw failure;
  }
}

/** Write atomically: temporary file in the same folder, fsync, rename, fsync the folder (or, with
 *  `folders`, leave the folder's fsync to the caller's `FolderSyncs.flush`). */
export async function writeAtomic(file: string, content: FileContent, folders?: FolderSyncs): Promise<void> {
  putInPlace(await writeTemp(file, content), file, folders);
}

/** Rename a fsynced temporary file over `file`, then fsync the folder (or leave that to `folders`). */
function putInPlace(temp: string, file: string, folders: FolderSyncs | undefined): void {
  try {
    crashPoint('rename');
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw atPath(err, file);
  }
  if (folders) folders.add(path.dirname(file));
  else syncDirNow(path.dirname(file));
}

/** Write all of `bytes` at the file's current position (a write may take fewer bytes than given). */
export function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Write atomically from pieces, a megabyte at a time, without joining them into one string (the
 *  review index of 50,000 articles is 25 MB of HTML). */
export async function writeAtomicParts(file: string, parts: Iterable<string>, folders?: FolderSyncs): Promise<void> {
  const out = await StreamedFile.open(file);
  try {
    for (const part of parts) out.write(part);
  } catch (err) {
    out.abort();
    throw err;
  }
  await out.commit(folders, { always: true });
}

/** The last `bytes` bytes of a file as text (a footer to compare) and the file's size, or undefined
 *  when it is absent. */
export async function readTail(file: string, bytes: number): Promise<{ text: string; size: number } | undefined> {
  if (isAbsent(file)) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw atPath(err, file);
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    return { text: buffer.toString('utf8'), size };
  } finally {
    closeSync(fd);
  }
}

/** A file written a piece at a time into its temporary file, then put in place as `writeIfChanged`
 *  does: atomically, and only when its bytes differ from the file's (which is then left as it was,
 *  untouched). For what is too large to hold as one string (publish's i18next resource of 50,000
 *  articles); a kill before `commit` leaves only a temporary file, which the next command removes. */
export class StreamedFile {
  private readonly hash = createHash('sha256');
  private batch: string[] = [];
  private batched = 0;
  private size = 0;

  private constructor(readonly file: string, private readonly temp: string, private fd: number | undefined) {}

  static async open(file: string): Promise<StreamedFile> {
    await assertInsideProject(file);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = tempPathFor(file);
    try {
      return new StreamedFile(file, temp, openSync(temp, 'wx'));
    } catch (err) {
      throw atPath(err, file);
    }
  }

  write(text: string): void {
    this.batch.push(text);
    this.batched += text.length;
    if (this.batched >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined) throw new Error(`${this.file}: written after commit or abort`);
    const bytes = Buffer.from(this.batch.join(''), 'utf8');
    this.batch = [];
    this.batched = 0;
    this.hash.update(bytes);
    this.size += bytes.length;
    try {
      writeFully(this.fd, bytes);
    } catch (err) {
      this.abort();
      throw atPath(err, this.file);
    }
  }

  /** Put the file in place unless it already holds these bytes (or `always`); true when it was written. */
  async commit(folders?: FolderSyncs, { always = false } = {}): Promise<boolean> {
    this.flush();
    const fd = this.fd!;
    try {
      fsyncSync(fd);
    } catch (err) {
      this.abort();
      throw atPath(err, this.file);
    }
    closeSync(fd);
    this.fd = undefined;
    let same: boolean;
    try {
      same = !always && sameBytes(this.file, this.size, this.hash.digest('hex'));
    } catch (err) {
      // The old file could not be read to compare: say so, and leave no temporary file.
      rmSync(this.temp, { force: true });
      throw atPath(err, this.file);
    }
    if (same) {
      rmSync(this.temp, { force: true });
      return false;
    }
    putInPlace(this.temp, this.file, folders);
    return true;
  }

  /** Drop what was written; the file stays as it was. */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.temp, { force: true });
  }
}

/** Whether `file` holds exactly `size` bytes with this sha256 (read a megabyte at a time). */
function sameBytes(file: string, size: number, sha256: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    if (fstatSync(fd).size !== size) return false;
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
    return hash.digest('hex') === sha256;
  } finally {
    closeSync(fd);
  }
}

/** Write atomically; returns false (and touches nothing) when the content was already there. */
export async function writeIfChanged(file: string, content: string, folders?: FolderSyncs): Promise<boolean> {
  if ((await readIfExists(file)) === content) return false;
  await writeAtomic(file, content, folders);
  return true;
}

// Test hook for the crash tests (tests/job/crash.test.ts, tests/project/*): PEREKLAD_CRASH_AT=<point>:<n>
// kills the process with SIGKILL the n-th time a command reaches the named point, exactly as kill -9
// would. Unset in normal use: then this does nothing.
const crashAt = parseCrashAt(process.env.PEREKLAD_CRASH_AT);
const reached = new Map<string, number>();

function parseCrashAt(value: string | undefined): { point: string; n: number } | undefined {
  const m = value?.match(/^([a-z-]+):(\d+)$/u);
  return m ? { point: m[1]!, n: Number(m[2]) } : undefined;
}

export function crashPoint(point: string): void {
  if (!crashAt || crashAt.point !== point) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  if (count === crashAt.n) process.kill(process.pid, 'SIGKILL');
}
