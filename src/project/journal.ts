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
import { appendFile, mkdir, open, readFile, rm } from 'node:fs/promises';
import type { Content } from '../model.js';
import type { EngineSegment, TranslateOptions } from '../mt/engine.js';
import { contentKey } from '../mt/engine.js';
import { crashPoint, writeAtomic } from './io.js';
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
    const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return Buffer.alloc(0);
      throw err;
    });
    const damaged: number[] = [];
    let start = 0;
    let lineNo = 0;
    // Where the newest line for each language, engine and request is: the process keeps these, not
    // the answers (a run of 50,000 articles journals hundreds of thousands of them; each is read
    // back from the file when it is asked for).
    const slots = new SlotTable();
    for (let end = bytes.indexOf(0x0a); end >= 0; start = end + 1, end = bytes.indexOf(0x0a, start)) {
      lineNo++;
      const text = bytes.toString('utf8', start, end);
      if (text.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(text);
        if (isJournalLine(parsed)) slots.set(indexKey(parsed.lang, parsed.engine, parsed.key), { at: start, length: end - start, lang: parsed.lang, fresh: false });
        else damaged.push(lineNo);
      } catch {
        damaged.push(lineNo);
      }
    }
    // What follows the last newline is a torn append from a killed run, expected and ignored.
    return new Journal(file, slots, damaged, start, start < bytes.length);
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
    await appendFile(this.file, text, 'utf8');
    const handle = await open(this.file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.size += Buffer.byteLength(text, 'utf8');
    return at;
  }

  /** Drop a language's entries once its XLIFF files hold them. */
  async settle(lang: string): Promise<void> {
    const rest = [...this.slots.entries()].filter(({ slot }) => slot.lang !== lang);
    if (rest.length === this.slots.size && this.damaged.length === 0 && !this.torn) return this.close();
    crashPoint('settle');
    if (rest.length === 0) {
      this.close();
      await rm(this.file, { force: true });
      this.size = 0;
    } else {
      // The other languages' lines, in their order, into a new file (their places move).
      rest.sort((a, b) => a.slot.at - b.slot.at);
      const lines = rest.map(({ slot }) => JSON.stringify(this.line(slot)));
      this.close();
      await writeAtomic(this.file, lines.join('\n') + '\n');
      let at = 0;
      rest.forEach(({ move }, i) => {
        const length = Buffer.byteLength(lines[i]!, 'utf8');
        move(at, length);
        at += length + 1;
      });
      this.size = at;
    }
    this.slots.dropLanguage(lang);
    this.damaged.splice(0);
    this.torn = false;
  }
}
