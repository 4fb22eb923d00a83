// Apertium (ukr-rus) through its real command-line pipeline; skipped only when it is not installed, never under CI.
import { describe, it, expect } from 'vitest';
import { ApertiumEngine } from '../../src/mt/apertium.js';
import { missing, titled } from '../helpers/requirements.js';
import { protectSpans } from '../../src/protect/protect.js';
import type { EngineSegment } from '../../src/mt/engine.js';

const absent = missing('apertium');
const segment = (text: string): EngineSegment => protectSpans(text);

describe.skipIf(absent !== undefined)(titled('Apertium ukr-rus', absent), () => {
  it('translates a batch, one result per segment, keeping protected spans as tags', async () => {
    const engine = new ApertiumEngine();
    const results = await engine.translate([segment('Привіт, світ.'), segment('Зустріч відбулася у Мінську https://example.org/a сьогодні.')], 'uk', 'ru');
    expect(results).toHaveLength(2);
    expect(results[0]!.content.join('')).toMatch(/Привет/u);
    expect(results[1]!.content).toContainEqual({ code: '1' });
    expect(engine.stats.requests).toBe(1);
  });

  it('finds the sentence its pipeline crashes on (exit 0, output cut short) and leaves only that one', async () => {
    // apertium-tagger crashes on this sentence, and the apertium script still exits 0.
    const crashing = 'Лукашенко зустрівся.';
    const heard: number[] = [];
    const results = await new ApertiumEngine().translate(
      [segment('Привіт, світ.'), segment(crashing), segment('Зустріч відбулася у Мінську.')], 'uk', 'ru',
      { onBatch: (done) => { heard.push(...done.map((d) => d.index)); } },
    );
    expect(results[1]!.failed).toMatch(/pipeline crashed/u);
    expect(results[0]!.failed).toBeUndefined();
    expect(results[2]!.content.join('')).toMatch(/Встреча/u);
    expect(heard.sort()).toEqual([0, 1, 2]);
  });
});
