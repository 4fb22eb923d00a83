// Reading any pereklad XLIFF file: detect the version from the root and hand it to its codec.
import type { TranslatedArticle } from '../model.js';
import { BadInputError } from '../errors.js';
import { parseXml } from './xml.js';
import { readXliff12, XLIFF12_NS } from './xliff12.js';
import { readXliff20, XLIFF20_NS } from './xliff20.js';
import type { XliffCodec, XliffVersion } from './codec.js';
import { xliff12 } from './xliff12.js';
import { xliff20 } from './xliff20.js';
import { readText } from '../project/io.js';
import { XLIFF_MAX_BYTES } from '../project/limits.js';

export function codecFor(version: XliffVersion): XliffCodec {
  return version === '2.0' ? xliff20 : xliff12;
}

export function parseXliff(text: string, file: string): TranslatedArticle & { version: XliffVersion } {
  const root = parseXml(text, file);
  if (root.name !== 'xliff') throw new BadInputError(file, `is not XLIFF (root element <${root.name}>)`, root.line);
  if (root.ns === XLIFF12_NS) return { ...readXliff12(root, file), version: '1.2' };
  if (root.ns === XLIFF20_NS) return { ...readXliff20(root, file), version: '2.0' };
  throw new BadInputError(file, `has an XLIFF namespace pereklad does not read: "${root.ns}" (1.2 and 2.0 are read)`, root.line);
}

export async function readXliffFile(absPath: string, displayPath: string): Promise<TranslatedArticle & { version: XliffVersion }> {
  return parseXliff(await readText(absPath, displayPath, XLIFF_MAX_BYTES, 'an XLIFF file'), displayPath);
}
