// Quality on the UD gold development set (../shared/data, not in the repository because of its
// non-commercial licence). Skipped, with the reason printed, where the data is absent.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseGold } from '../../src/segment/evaluate.js';
import { sentenceSpans } from '../../src/segment/split.js';

const file = resolve(process.cwd(), '../shared/data/ud-uk-sentences.dev.jsonl');
const present = existsSync(file);
if (!present) console.warn(`segment.gold: skipped — ${file} not found (gold data lives outside the repo)`);

describe.skipIf(!present)('quality on the UD Ukrainian dev set', () => {
  const paragraphs = present ? parseGold(readFileSync(file, 'utf8'), file) : [];
  const overall = evaluate(paragraphs, (t) => sentenceSpans(t));
  const iu = evaluate(paragraphs.filter((p) => p.id.startsWith('IU:')), (t) => sentenceSpans(t));

  it('reaches boundary F1 ≥ 0.99 overall', () => {
    expect(overall.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('reaches boundary F1 ≥ 0.98 on the UD-IU part', () => {
    expect(iu.f1).toBeGreaterThanOrEqual(0.98);
  });

  it('gets every boundary of ≥ 96 % of paragraphs right', () => {
    expect(overall.paragraphAccuracy).toBeGreaterThanOrEqual(0.96);
  });
});
