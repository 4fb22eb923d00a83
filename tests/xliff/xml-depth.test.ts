// Nesting far deeper than XLIFF ever needs is refused while parsing, with the file and line: it
// neither hangs the parser nor overflows the stack of the tree walks after it.
import { describe, it, expect } from 'vitest';
import { parseXml, MAX_XML_DEPTH } from '../../src/xliff/xml.js';
import { parseXliff } from '../../src/xliff/read.js';
import { BadInputError } from '../../src/errors.js';

describe('deeply nested XML', () => {
  it('is a bad file, found at the level past the limit', () => {
    const depth = 200_000;
    const xml = `<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file><body>${'<g>'.repeat(depth)}x${'</g>'.repeat(depth)}</body></file></xliff>`;
    expect(() => parseXliff(xml, 'deep.xlf')).toThrow(BadInputError);
    expect(() => parseXliff(xml, 'deep.xlf')).toThrow(/deep\.xlf:2:\d+: elements nested deeper than/u);
  });

  it('reads nesting up to the limit', () => {
    const depth = MAX_XML_DEPTH - 1;
    expect(parseXml(`<a>${'<b>'.repeat(depth - 1)}${'</b>'.repeat(depth - 1)}</a>`, 'ok.xml').name).toBe('a');
  });
});
