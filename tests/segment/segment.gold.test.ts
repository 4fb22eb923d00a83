// Quality on the UD gold development set (../shared/data, not in the repository because of its
// non-commercial licence). Skipped where the data is absent, unless CI is set: then it fails.

import { readFileSync } from 'node:fs';
import { GOLD_FILE, missing, titled } from '../helpers/requirements.js';
import { describe, expect, it } from 'vitest';
import { evaluate, parseGold } from '../../src/segment/evaluate.js';
import { sentenceSpans } from '../../src/segment/split.js';

const file = GOLD_FILE;
const absent = missing('gold');
const present = absent === undefined;

describe.skipIf(!present)(titled('quality on the UD Ukrainian dev set', absent), () => {
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
