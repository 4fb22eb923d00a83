// A test engine that "translates" by returning the source: with it, a reassembled article must
// equal its source byte for byte.
import type { Engine, EngineResult, EngineSegment, TranslateOptions } from '../../src/mt/engine.js';

export class IdentityEngine implements Engine {
  readonly name = 'identity';
  readonly paid = false;
  readonly pseudo = false;
  calls = 0;
  async translate(segments: EngineSegment[], _source: string, _target: string, options: TranslateOptions = {}): Promise<EngineResult[]> {
    this.calls++;
    const results = segments.map((s): EngineResult => ({ content: s.content.map((f) => (typeof f === 'string' ? f : { ...f })) }));
    await options.onBatch?.(results.map((result, index) => ({ index, result })));
    return results;
  }
}
