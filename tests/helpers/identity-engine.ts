// A test engine that "translates" by returning the source: with it, a reassembled article must
// equal its source byte for byte.
import type { Engine, EngineResult, EngineSegment } from '../../src/mt/engine.js';

export class IdentityEngine implements Engine {
  readonly name = 'identity';
  readonly paid = false;
  readonly pseudo = false;
  calls = 0;
  async translate(segments: EngineSegment[]): Promise<EngineResult[]> {
    this.calls++;
    return segments.map((s) => ({ content: s.content.map((f) => (typeof f === 'string' ? f : { ...f })) }));
  }
}
