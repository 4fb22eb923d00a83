// The project's hashes are the same on every Node 20: the one-shot `crypto.hash` (20.12 and later)
// and the Hash object of older releases give the same digest, so an index or a journal written by
// one Node is read by another.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { digest, digestByObject, sha256, type Algorithm } from '../../src/project/digest.js';

describe('digest', () => {
  it('gives the digest a Hash object gives, for any text or bytes, in every encoding', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b))),
      fc.constantFrom<Algorithm>('sha1', 'sha256'), (data, algorithm) => {
        expect(digest(algorithm, data, 'hex')).toBe(digestByObject(algorithm, data, 'hex'));
        expect(digest(algorithm, data, 'base64')).toBe(digestByObject(algorithm, data, 'base64'));
        expect(digest(algorithm, data, 'buffer').equals(digestByObject(algorithm, data, 'buffer'))).toBe(true);
      }), { numRuns: 200 });
  });

  it('hashes text as its UTF-8 bytes', () => {
    const text = 'Келлог — «Мінськ» 🇺🇦';
    expect(sha256(text)).toBe(sha256(Buffer.from(text, 'utf8')));
    expect(sha256(text)).toMatch(/^[0-9a-f]{64}$/u);
    expect(sha256(text)).not.toBe(sha256(`${text} `));
  });
});
