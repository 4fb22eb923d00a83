// Sentence segmentation benchmark: boundary F1 / precision / recall, paragraph accuracy and
// per-treebank F1 on the UD Ukrainian gold dev set, and throughput, for pereklad and the tools
// it is measured against, side by side in one run.
//
//   npx tsc -p tsconfig.json && node dist/bench/segment.js      (from the repository root)

import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluate, parseGold, type GoldParagraph, type Scores } from '../src/segment/evaluate.js';
import { contenders, type Contender } from './segment-contenders.js';

const dataFile = '../shared/data/ud-uk-sentences.dev.jsonl';

export class MissingGoldDataError extends Error {
  constructor(readonly path: string) {
    super(`gold data not found at ${path}; run from the repository root with ../shared/data beside it`);
    this.name = 'MissingGoldDataError';
  }
}

function loadGold(): GoldParagraph[] {
  const path = resolve(process.cwd(), dataFile);
  if (!existsSync(path)) throw new MissingGoldDataError(path);
  return parseGold(readFileSync(path, 'utf8'), path);
}

interface Row {
  contender: Contender;
  all: Scores;
  iu: Scores;
  parlamint: Scores;
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

export function main(): void {
  const paragraphs = loadGold();
  const iuParagraphs = paragraphs.filter((p) => p.id.startsWith('IU:'));
  const parlamintParagraphs = paragraphs.filter((p) => p.id.startsWith('ParlaMint:'));
  const throughput = measureThroughput(paragraphs);
  const rows: Row[] = contenders.map((contender) => ({
    contender,
    all: evaluate(paragraphs, contender.spans),
    iu: evaluate(iuParagraphs, contender.spans),
    parlamint: evaluate(parlamintParagraphs, contender.spans),
    charsPerSecond: throughput.get(contender.name) ?? 0,
  }));

  const first = rows[0]?.all;
  const goldBoundaries = first === undefined ? 0 : first.truePositives + first.falseNegatives;
  console.log(`# Sentence segmentation — ${dataFile}`);
  console.log(
    `${paragraphs.length} paragraphs (IU ${iuParagraphs.length}, ParlaMint ${parlamintParagraphs.length}), ` +
      `${goldBoundaries} gold boundaries; ` +
      `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`,
  );
  console.log('');
  console.log('| segmenter | F1 | precision | recall | paragraph acc. | F1 IU | F1 ParlaMint | chars/s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.contender.name} | ${pct(r.all.f1)} | ${pct(r.all.precision)} | ${pct(r.all.recall)} | ` +
        `${pct(r.all.paragraphAccuracy)} | ${pct(r.iu.f1)} | ${pct(r.parlamint.f1)} | ` +
        `${(r.charsPerSecond / 1e6).toFixed(1)} M |`,
    );
  }
  console.log('');
  for (const r of rows) console.log(`- ${r.contender.name}: ${r.contender.note}`);
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
