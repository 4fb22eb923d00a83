// Apertium (`--engine apertium`): offline rule-based MT, Ukrainian → Russian only (Debian
// apertium-rus-ukr). Segments go in batches through its command-line pipeline, one per
// blank-line-separated paragraph. Its tagger can crash on some input while the `apertium` script
// still exits 0 with the output cut short, so every batch's segment count is compared; a batch
// that comes back short is halved until the failing segments are found, and those are left for
// translators.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Engine, EngineResult, EngineSegment, EngineStats, TranslateOptions } from './engine.js';
import { contentToTaggedXml, taggedXmlToContent } from './tags.js';
import { EngineError } from '../errors.js';
import { baseLanguage } from '../model.js';

export interface ApertiumEngineOptions {
  /** The apertium command (default `apertium` on PATH). */
  command?: string;
  batchSize?: number;
  concurrency?: number;
  timeoutMs?: number;
}

export const APERTIUM_MODE = 'ukr-rus';

/** Whether the apertium binary and the ukr-rus pair are installed (null) or why not. */
export function apertiumMissing(command = 'apertium'): string | null {
  const listed = spawnSync(command, ['-l'], { encoding: 'utf8', timeout: 10_000 });
  if (listed.error) return `${command} is not installed (apt-get install apertium apertium-rus-ukr)`;
  if (!listed.stdout.split(/\s+/u).includes(APERTIUM_MODE)) return `the apertium ${APERTIUM_MODE} pair is not installed (apt-get install apertium-rus-ukr)`;
  return null;
}

export function apertiumServes(targetLang: string): boolean {
  return baseLanguage(targetLang) === 'ru';
}

export class ApertiumEngine implements Engine {
  readonly name = 'apertium';
  readonly paid = false;
  readonly pseudo = false;
  readonly stats: EngineStats = { requests: 0, billedCharacters: 0, tokens: 0 };
  private readonly command: string;

  constructor(private readonly options: ApertiumEngineOptions = {}) {
    this.command = options.command ?? 'apertium';
  }

  estimate(segments: EngineSegment[]): { requests: number; billedCharacters: number } {
    return { requests: Math.ceil(segments.length / (this.options.batchSize ?? 40)), billedCharacters: 0 };
  }

  async translate(segments: EngineSegment[], _sourceLang: string, targetLang: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    if (!apertiumServes(targetLang)) throw new EngineError(`apertium translates Ukrainian into Russian only, not ${targetLang}`);
    const size = this.options.batchSize ?? 40;
    const results: EngineResult[] = new Array<EngineResult>(segments.length);
    const limit = pLimit(this.options.concurrency ?? 2);
    const batches: number[][] = [];
    for (let i = 0; i < segments.length; i += size) batches.push(segments.slice(i, i + size).map((_, k) => i + k));
    await Promise.all(batches.map((batch) => limit(async () => {
      const done: Array<{ index: number; result: EngineResult }> = [];
      for (const [index, result] of await this.translateBatch(batch, segments)) {
        results[index] = result;
        done.push({ index, result });
      }
      await options.onBatch?.(done);
    })));
    return results;
  }

  private async translateBatch(batch: number[], segments: readonly EngineSegment[]): Promise<Array<[number, EngineResult]>> {
    // Paragraph breaks separate segments; a line break inside one would not survive as such.
    const texts = batch.map((i) => contentToTaggedXml(segments[i]!.content).replace(/\s*\n\s*/gu, ' '));
    const output = await this.run(`${texts.join('\n\n')}\n`);
    const parts = output.split(/\n[ \t]*\n/u).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length === batch.length) return batch.map((index, k) => [index, { content: taggedXmlToContent(parts[k]!) }]);
    if (batch.length === 1) {
      return [[batch[0]!, { content: [], failed: 'its pipeline crashed on this sentence' }]];
    }
    const half = Math.ceil(batch.length / 2);
    return [...await this.translateBatch(batch.slice(0, half), segments), ...await this.translateBatch(batch.slice(half), segments)];
  }

  // The input goes in a file: the apertium script reads stdin through /dev/stdin, which cannot be
  // opened on the socket Node gives a child as its stdin.
  private async run(input: string): Promise<string> {
    this.stats.requests++;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-apertium-'));
    try {
      const file = path.join(dir, 'in.txt');
      await writeFile(file, input);
      return await this.spawnOn(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private spawnOn(file: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, ['-u', APERTIUM_MODE, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.timeoutMs ?? 60_000);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.resume();
      child.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new EngineError(err.code === 'ENOENT' ? `${this.command} is not installed (apt-get install apertium apertium-rus-ukr)` : `apertium could not run: ${err.message}`));
      });
      // A non-zero exit or a kill is judged like a crash: by the segments that came back.
      child.on('close', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(out).toString('utf8'));
      });
    });
  }
}
