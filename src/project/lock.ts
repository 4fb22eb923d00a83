// The project lock: every command that writes (translate, import, kit, qa, review, publish,
// tm import) holds it for its whole run, so two writers never interleave (translate loading every
// XLIFF at its start and writing its view at the end would undo an import made meanwhile; two
// translates would buy the same sentences twice). Readers (status, dry runs, tm export) never take
// it and never wait.
//
// By hand rather than with proper-lockfile: that library decides staleness by an mtime it refreshes
// on a timer, so a holder busy in a long synchronous step (segmenting a large article, writing a
// big XLIFF) can be declared dead while alive, and a dead holder blocks others for the whole stale
// period. A lock file naming its holder's pid lets the next command see at once whether the holder
// is alive (same host), and lets the message name who holds it.
//
// The lock is <locales>/.pereklad/lock, a JSON line {pid, host, command, since, token}. It is
// created complete: written to a temporary file and hard-linked into place, which fails with EEXIST
// when another holder has it (link is atomic on every local file system; O_EXCL alone would let a
// kill between create and write leave an empty lock). A lock whose pid is not running on this host
// is taken over: it is renamed away to a unique name, and only when the renamed file is the very
// one judged dead (same inode) is it dropped; else it is put back.
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { PerekladError } from '../errors.js';
import { lockPath } from './layout.js';
import { writeTemp } from './io.js';

/** Another command holds the project: one line naming it, exit 1. */
export class ProjectLockedError extends PerekladError {
  constructor(readonly holder: LockHolder, readonly display: string) {
    super(`${display} is in use by pereklad ${holder.command} (pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}, since ${holder.since}); try again when it has finished`);
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
  token: string;
}

export interface LockOptions {
  /** How long to wait for another holder, in milliseconds (default PEREKLAD_LOCK_WAIT_MS or 10 s). */
  waitMs?: number;
  /** The project folder as messages name it. */
  display?: string;
}

export interface ProjectLock {
  holder: LockHolder;
  release(): Promise<void>;
}

function isHolder(value: unknown): value is LockHolder {
  const v = value as Partial<LockHolder> | null;
  return v !== null && typeof v === 'object' && typeof v.pid === 'number' && typeof v.host === 'string' &&
    typeof v.command === 'string' && typeof v.since === 'string' && typeof v.token === 'string';
}

async function readHolder(file: string): Promise<{ holder?: LockHolder; ino: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { parsed = undefined; }
    return { ...(isHolder(parsed) ? { holder: parsed } : {}), ino: info.ino };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function alive(holder: LockHolder): boolean {
  // A lock from another host cannot be judged from here: it is respected until it is released.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `takeover` (holder, folder): a dead holder's lock was taken over, for the CLI to say so (its
 *  command was killed: whatever it left half done, the next command finishes or undoes). */
export const lockEvents = new EventEmitter<{ takeover: [holder: LockHolder, folder: string] }>();

/** Drop a dead holder's lock, unless someone replaced it meanwhile (then it is put back). */
async function takeOver(file: string, judgedIno: number): Promise<void> {
  const aside = path.join(path.dirname(file), `.lock-${randomBytes(4).toString('hex')}.stale`);
  try {
    await rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await stat(aside);
  if (moved.ino !== judgedIno) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
}

// One process may run several writing steps on one project (translate runs QA): the lock is
// re-entrant within a process.
const held = new Map<string, { lock: ProjectLock; depth: number }>();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function defaultLockWaitMs(): number {
  const env = Number(process.env.PEREKLAD_LOCK_WAIT_MS);
  return Number.isFinite(env) && env >= 0 && process.env.PEREKLAD_LOCK_WAIT_MS !== undefined && process.env.PEREKLAD_LOCK_WAIT_MS !== '' ? env : 10_000;
}

/** Take the project lock of a locales folder, waiting up to `waitMs` for another holder. */
export async function acquireLock(localesDir: string, command: string, options: LockOptions = {}): Promise<ProjectLock> {
  const file = lockPath(localesDir);
  const mine = held.get(file);
  if (mine) {
    mine.depth++;
    return mine.lock;
  }
  const waitMs = options.waitMs ?? defaultLockWaitMs();
  const deadline = Date.now() + waitMs;
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z'), token: randomBytes(8).toString('hex') };
  await mkdir(path.dirname(file), { recursive: true });
  const content = `${JSON.stringify(holder)}\n`;
  let temp = await writeTemp(file, content);
  let pause = 25;
  try {
    for (;;) {
      try {
        await link(temp, file);
        break;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The holder's start-up cleanup removes temporary files, ours included: write it again.
        if (code === 'ENOENT') { temp = await writeTemp(file, content); continue; }
        if (code !== 'EEXIST') throw err;
      }
      const other = await readHolder(file);
      if (other === undefined) continue;
      // A lock file without a complete holder cannot come from link(); treat it as left by a crash.
      if (!other.holder || !alive(other.holder)) {
        await takeOver(file, other.ino);
        if (other.holder) lockEvents.emit('takeover', other.holder, options.display ?? localesDir);
        continue;
      }
      if (Date.now() >= deadline) throw new ProjectLockedError(other.holder, options.display ?? localesDir);
      await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
      pause = Math.min(pause * 2, 250);
    }
  } finally {
    await rm(temp, { force: true });
  }
  const lock: ProjectLock = {
    holder,
    release: async () => {
      const entry = held.get(file);
      if (!entry) return;
      if (--entry.depth > 0) return;
      held.delete(file);
      const current = await readHolder(file);
      if (current?.holder?.token === holder.token) await rm(file, { force: true });
    },
  };
  held.set(file, { lock, depth: 1 });
  return lock;
}
