// The job journal: every answer a paid engine returns is appended (and fsynced) here as soon as
// it arrives, before any XLIFF is written. A job killed between the MT answer and the XLIFF write
// finds the paid translation here on the next run and does not buy it again.
//
// Format: JSON lines in <locales>/.pereklad/journal.jsonl, one per translated request:
//   {"v":1,"lang":"de","engine":"deepl","key":"<contentKey of the request>","content":[…],"flags":[…]}
// (`flags`, the engine's own remarks on the answer, only when there are some; `failed`, with
// `content` empty, when the answer held no usable translation: it is not asked for again.)
// A line is trusted only when it is complete (newline-terminated, valid JSON): a kill during an
// append leaves at most one torn last line, which is ignored. When every XLIFF of a language has
// been written, that language's entries are dropped (the XLIFF holds them now) by rewriting the
// journal atomically, or removing it when nothing is left.
import path from 'node:path';
import { closeSync, openSync, readSync } from 'node:fs';
import { appendFile, mkdir, open, rm } from 'node:fs/promises';
import type { Content } from '../model.js';
import type { EngineSegment, TranslateOptions } from '../mt/engine.js';
import { contentKey } from '../mt/engine.js';
import { crashPoint, exists, syncDir, writeAtomic, writeFully } from './io.js';
import { SlotTable, type Slot } from './slot-table.js';

export const JOURNAL_FILE = path.join('.pereklad', 'journal.jsonl');

interface JournalLine {
  v: 1;
  lang: string;
  engine: string;
  key: string;
  content: Content;
  flags?: string[];
  failed?: string;
}

/** What a run paid for: the engine's answer and its remarks on it, or why it held no translation. */
export interface JournaledAnswer {
  content: Content;
  flags: string[];
  failed?: string;
  /** Journaled by this job (an earlier window of it), not by an interrupted one. */
  thisRun: boolean;
}

function isJournalLine(value: unknown): value is JournalLine {
  const v = value as Partial<JournalLine> | null;
  return v !== null && typeof v === 'object' && v.v === 1 && typeof v.lang === 'string' && typeof v.engine === 'string' &&
    typeof v.key === 'string' && Array.isArray(v.content) && (v.flags === undefined || Array.isArray(v.flags)) && (v.failed === undefined || typeof v.failed === 'string');
}

const indexKey = SlotTable.hashOf;

export class Journal {
  /** Bytes of complete lines: where the next append goes (a torn last line is cut there first). */
  private size: number;
  private torn: boolean;
  private fd: number | undefined;

  private constructor(readonly file: string, private readonly slots: SlotTable, readonly damaged: number[], size: number, torn: boolean) {
    this.size = size;
    this.torn = torn;
  }

  /** Read the journal of a locales folder; `damaged` lists line numbers that could not be used. */
  static async open(localesDir: string): Promise<Journal> {
    const file = path.join(localesDir, JOURNAL_FILE);
    const damaged: number[] = [];
    // Where the newest line for each language, engine and request is: the process keeps these, not
    // the answers (a run of 50,000 articles journals hundreds of thousands of them; each is read
    // back from the file when it is asked for). The file is read in chunks, not whole: an
    // interrupted first run of such an archive leaves one of some 200 MB.
    const slots = new SlotTable();
    let lineNo = 0;
    const complete = await eachLine(file, (line, at) => {
      lineNo++;
      const text = line.toString('utf8');
      if (text.trim() === '') return;
      try {
        const parsed: unknown = JSON.parse(text);
        if (isJournalLine(parsed)) slots.set(indexKey(parsed.lang, parsed.engine, parsed.key), { at, length: line.length, lang: parsed.lang, fresh: false });
        else damaged.push(lineNo);
      } catch {
        damaged.push(lineNo);
      }
    });
    // What follows the last newline is a torn append from a killed run, expected and ignored.
    return new Journal(file, slots, damaged, complete.size, complete.torn);
  }

  private line(slot: Slot): JournalLine {
    this.fd ??= openSync(this.file, 'r');
    const buffer = Buffer.alloc(slot.length);
    readSync(this.fd, buffer, 0, slot.length, slot.at);
    return JSON.parse(buffer.toString('utf8')) as JournalLine;
  }

  /** Let go of the file (a later lookup opens it again). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The journaled answer for a request (by its content key), if a run already paid for it. */
  lookup(lang: string, engine: string, key: string): JournaledAnswer | undefined {
    const slot = this.slots.get(indexKey(lang, engine, key));
    if (!slot) return undefined;
    const line = this.line(slot);
    // The table knows a line by a prefix of its hash: the line itself says whose answer it is.
    if (line.key !== key || line.lang !== lang || line.engine !== engine) return undefined;
    return { content: line.content, flags: line.flags ?? [], ...(line.failed !== undefined ? { failed: line.failed } : {}), thisRun: slot.fresh };
  }

  /** An `onBatch` for engine.translate that journals each batch (fsynced) before returning; a
   *  failure that may pass (`transient`) is not journaled, so the next run asks again. */
  recorder(lang: string, engine: string, requests: readonly EngineSegment[]): NonNullable<TranslateOptions['onBatch']> {
    return async (done) => {
      const added: JournalLine[] = [];
      for (const { index, result } of done) {
        const request = requests[index];
        if (!request || result.transient) continue;
        added.push({
          v: 1, lang, engine, key: contentKey(request.content), content: result.failed !== undefined ? [] : result.content,
          ...(result.flags && result.flags.length > 0 ? { flags: result.flags } : {}),
          ...(result.failed !== undefined ? { failed: result.failed } : {}),
        });
      }
      if (added.length === 0) return;
      const texts = added.map((l) => JSON.stringify(l));
      const at = await this.append(texts);
      // One set per line: a batch may hold 150,000 answers.
      let offset = at;
      added.forEach((line, i) => {
        const length = Buffer.byteLength(texts[i]!, 'utf8');
        this.slots.set(indexKey(line.lang, line.engine, line.key), { at: offset, length, lang, fresh: true });
        offset += length + 1;
      });
      crashPoint('journal');
    };
  }

  /** Appends one after the other: an engine answers several requests at once, and each line's
   *  place in the file must be known. */
  private appending: Promise<unknown> = Promise.resolve();

  /** Append complete lines (fsynced), after any append under way; returns where the first starts. */
  private append(texts: string[]): Promise<number> {
    const done = this.appending.then(() => this.appendNow(texts));
    this.appending = done.catch(() => undefined);
    return done;
  }

  private async appendNow(texts: string[]): Promise<number> {
    await mkdir(path.dirname(this.file), { recursive: true });
    if (this.torn) {
      const cut = await open(this.file, 'r+');
      try {
        await cut.truncate(this.size);
      } finally {
        await cut.close();
      }
      this.torn = false;
    }
    const text = texts.join('\n') + '\n';
    const at = this.size;
    const created = at === 0 && !(await exists(this.file));
    await appendFile(this.file, text, 'utf8');
    const handle = await open(this.file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A new journal's name is durable only once its folder is fsynced: without it, a power cut
    // could lose the whole file, and with it answers already paid for.
    if (created) await syncDir(path.dirname(this.file));
    this.size += Buffer.byteLength(text, 'utf8');
    return at;
  }

  /** Drop a language's entries once its XLIFF files hold them. */
  async settle(lang: string): Promise<void> {
    const kept = this.slots.bucketsExcept(lang);
    if (kept.length === this.slots.size && this.damaged.length === 0 && !this.torn) return this.close();
    crashPoint('settle');
    if (kept.length === 0) {
      this.close();
      await rm(this.file, { force: true });
      this.size = 0;
    } else {
      // The other languages' lines, in their order, copied as they are into a new file (their
      // places move), through a buffer rather than as one string of the whole journal.
      const places = new Float64Array(kept.length);
      const source = (this.fd ??= openSync(this.file, 'r'));
      let size = 0;
      await writeAtomic(this.file, (fd) => {
        const out = Buffer.alloc(COPY_BUFFER);
        let used = 0;
        kept.forEach((bucket, i) => {
          const { length, at } = this.slots.placeOf(bucket);
          if (used + length + 1 > out.length) {
            writeFully(fd, out.subarray(0, used));
            used = 0;
          }
          if (length + 1 > out.length) {
            // A line longer than the buffer goes on its own.
            const line = Buffer.alloc(length + 1);
            readSync(source, line, 0, length, at);
            line[length] = 0x0a;
            writeFully(fd, line);
          } else {
            readSync(source, out, used, length, at);
            out[used + length] = 0x0a;
            used += length + 1;
          }
          places[i] = size;
          size += length + 1;
        });
        if (used > 0) writeFully(fd, out.subarray(0, used));
      });
      this.close();
      kept.forEach((bucket, i) => this.slots.moveTo(bucket, places[i]!));
      this.size = size;
    }
    this.slots.dropLanguage(lang);
    this.damaged.splice(0);
    this.torn = false;
  }
}

/** Bytes copied at a time when the journal is rewritten or read. */
const COPY_BUFFER = 1 << 20;

/** Each complete line of `file` (without its newline) with where it starts, read a chunk at a time;
 *  returns the bytes of complete lines and whether a torn line follows them. A missing file has none. */
async function eachLine(file: string, each: (line: Buffer, at: number) => void): Promise<{ size: number; torn: boolean }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, torn: false };
    throw err;
  }
  try {
    let pending = Buffer.alloc(0);
    let start = 0;
    let position = 0;
    for (;;) {
      const chunk = Buffer.alloc(COPY_BUFFER);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      let from = 0;
      for (let end = bytes.indexOf(0x0a); end >= 0; from = end + 1, end = bytes.indexOf(0x0a, from)) {
        each(bytes.subarray(from, end), start);
        start += end - from + 1;
      }
      // A line longer than a chunk is carried into the next.
      pending = Buffer.from(bytes.subarray(from));
    }
    return { size: start, torn: pending.length > 0 };
  } finally {
    await handle.close();
  }
}
