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
import { appendFile, mkdir, open, rm } from 'node:fs/promises';
import type { Content } from '../model.js';
import type { EngineSegment, TranslateOptions } from '../mt/engine.js';
import { contentKey } from '../mt/engine.js';
import { crashPoint, readIfExists, writeAtomic } from './io.js';

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

const indexKey = (lang: string, engine: string, key: string): string => `${lang}\u0000${engine}\u0000${key}`;

export class Journal {
  private readonly lines: JournalLine[];
  /** The newest line for each language, engine and request. */
  private readonly index = new Map<string, JournalLine>();
  /** Bytes up to the last complete line, when the file ends in a torn one (cut before appending). */
  private torn: number | undefined;
  /** Lines this process appended: a job's later windows reuse them (not "resumed"). */
  private readonly fresh = new Set<JournalLine>();

  private constructor(readonly file: string, lines: JournalLine[], readonly damaged: number[], torn: number | undefined) {
    this.lines = lines;
    this.torn = torn;
    for (const line of lines) this.index.set(indexKey(line.lang, line.engine, line.key), line);
  }

  /** Read the journal of a locales folder; `damaged` lists line numbers that could not be used. */
  static async open(localesDir: string): Promise<Journal> {
    const file = path.join(localesDir, JOURNAL_FILE);
    const text = (await readIfExists(file)) ?? '';
    const lines: JournalLine[] = [];
    const damaged: number[] = [];
    const raw = text.split('\n');
    raw.forEach((line, i) => {
      // The last piece has no newline: a torn append from a killed run, expected and ignored.
      if (i === raw.length - 1 || line.trim() === '') return;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isJournalLine(parsed)) lines.push(parsed);
        else damaged.push(i + 1);
      } catch {
        damaged.push(i + 1);
      }
    });
    const torn = text !== '' && !text.endsWith('\n') ? Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1), 'utf8') : undefined;
    return new Journal(file, lines, damaged, torn);
  }

  /** The journaled answer for a request (by its content key), if a run already paid for it. */
  lookup(lang: string, engine: string, key: string): JournaledAnswer | undefined {
    const line = this.index.get(indexKey(lang, engine, key));
    if (!line) return undefined;
    return { content: line.content, flags: line.flags ?? [], ...(line.failed !== undefined ? { failed: line.failed } : {}), thisRun: this.fresh.has(line) };
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
      await this.append(added);
      // One push per line: spreading a batch of 150,000 answers into push() overflows the stack.
      for (const line of added) this.lines.push(line);
      for (const line of added) this.index.set(indexKey(line.lang, line.engine, line.key), line);
      for (const line of added) this.fresh.add(line);
      crashPoint('journal');
    };
  }

  private async append(lines: JournalLine[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    if (this.torn !== undefined) {
      const cut = await open(this.file, 'r+');
      try {
        await cut.truncate(this.torn);
      } finally {
        await cut.close();
      }
    }
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    await appendFile(this.file, text, 'utf8');
    const handle = await open(this.file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.torn = undefined;
  }

  /** Drop a language's entries once its XLIFF files hold them. */
  async settle(lang: string): Promise<void> {
    const rest = this.lines.filter((l) => l.lang !== lang);
    if (rest.length === this.lines.length && this.damaged.length === 0 && this.torn === undefined) return;
    crashPoint('settle');
    if (rest.length === 0) await rm(this.file, { force: true });
    else await writeAtomic(this.file, rest.map((l) => JSON.stringify(l)).join('\n') + '\n');
    for (const line of this.lines) if (line.lang === lang) this.fresh.delete(line);
    this.lines.length = 0;
    for (const line of rest) this.lines.push(line);
    for (const key of [...this.index.keys()]) if (key.startsWith(`${lang}\u0000`)) this.index.delete(key);
    this.damaged.splice(0);
    this.torn = undefined;
  }
}
