// Sentence segmentation benchmark: boundary F1 / precision / recall, paragraph accuracy and
// throughput, for pereklad and the tools it is measured against, side by side in one run, on
// two gold sets: the UD Ukrainian dev set (with per-treebank F1) and our own hand-annotated
// news text (tests/fixtures/segment/news-uk.jsonl), which the rules were not tuned on first.
//
//   npx tsc -p tsconfig.json && node dist/bench/segment.js      (from the repository root)

import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluate, parseGold, type GoldParagraph, type Scores } from '../src/segment/evaluate.js';
import { contenders, type Contender } from './segment-contenders.js';

const devFile = '../shared/data/ud-uk-sentences.dev.jsonl';
const newsFile = 'tests/fixtures/segment/news-uk.jsonl';

export class MissingGoldDataError extends Error {
  constructor(readonly path: string) {
    super(`gold data not found at ${path}; run from the repository root with ../shared/data beside it`);
    this.name = 'MissingGoldDataError';
  }
}

function loadGold(file: string): GoldParagraph[] {
  const path = resolve(process.cwd(), file);
  if (!existsSync(path)) throw new MissingGoldDataError(path);
  return parseGold(readFileSync(path, 'utf8'), path);
}

/** A named slice of a gold set that gets its own F1 column (e.g. one treebank). */
interface Part {
  name: string;
  paragraphs: GoldParagraph[];
}

interface Row {
  contender: Contender;
  all: Scores;
  parts: Scores[];
  charsPerSecond: number;
}

/**
 * Characters per second over all paragraphs, best of several rounds. Contenders are timed in
 * turn inside each round, so a slow spell of the machine hits all of them alike.
 */
function measureThroughput(paragraphs: GoldParagraph[], rounds = 7, minRoundMs = 300): Map<string, number> {
  const chars = paragraphs.reduce((sum, p) => sum + p.text.length, 0);
  const best = new Map<string, number>();
  let sink = 0;
  for (const c of contenders) for (const p of paragraphs) sink += c.spans(p.text).length; // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const c of contenders) {
      let passes = 0;
      const start = process.hrtime.bigint();
      let elapsed = 0;
      do {
        for (const p of paragraphs) sink += c.spans(p.text).length;
        passes++;
        elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      } while (elapsed < minRoundMs);
      const rate = (chars * passes) / (elapsed / 1000);
      best.set(c.name, Math.max(best.get(c.name) ?? 0, rate));
    }
  }
  if (sink < 0) console.log(sink); // keep the work observable
  return best;
}

const pct = (x: number): string => x.toFixed(3);

function report(file: string, paragraphs: GoldParagraph[], parts: Part[]): void {
  const throughput = measureThroughput(paragraphs);
  const rows: Row[] = contenders.map((contender) => ({
    contender,
    all: evaluate(paragraphs, contender.spans),
    parts: parts.map((part) => evaluate(part.paragraphs, contender.spans)),
    charsPerSecond: throughput.get(contender.name) ?? 0,
  }));

  const first = rows[0]?.all;
  const goldBoundaries = first === undefined ? 0 : first.truePositives + first.falseNegatives;
  const breakdown = parts.length === 0 ? '' : ` (${parts.map((p) => `${p.name} ${p.paragraphs.length}`).join(', ')})`;
  console.log(`# Sentence segmentation — ${file}`);
  console.log(
    `${paragraphs.length} paragraphs${breakdown}, ${goldBoundaries} gold boundaries; ` +
      `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`,
  );
  console.log('');
  const partHeads = parts.map((p) => ` F1 ${p.name} |`).join('');
  console.log(`| segmenter | F1 | precision | recall | paragraph acc. |${partHeads} chars/s |`);
  console.log(`|---|---|---|---|---|${parts.map(() => '---|').join('')}---|`);
  for (const r of rows) {
    console.log(
      `| ${r.contender.name} | ${pct(r.all.f1)} | ${pct(r.all.precision)} | ${pct(r.all.recall)} | ` +
        `${pct(r.all.paragraphAccuracy)} |${r.parts.map((s) => ` ${pct(s.f1)} |`).join('')} ` +
        `${(r.charsPerSecond / 1e6).toFixed(1)} M |`,
    );
  }
  console.log('');
}

export function main(): void {
  const dev = loadGold(devFile);
  report(devFile, dev, [
    { name: 'IU', paragraphs: dev.filter((p) => p.id.startsWith('IU:')) },
    { name: 'ParlaMint', paragraphs: dev.filter((p) => p.id.startsWith('ParlaMint:')) },
  ]);
  report(newsFile, loadGold(newsFile), []);
  for (const c of contenders) console.log(`- ${c.name}: ${c.note}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    if (e instanceof MissingGoldDataError) {
      console.error(e.message);
      process.exitCode = 2;
    } else throw e;
  }
}
