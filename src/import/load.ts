// Reading a file that came back from a CAT tool, without trusting it: its size is checked before
// a byte is read, its bytes must be the encoding it declares (UTF-8, or UTF-16 with a BOM), and
// the XML reader refuses DTDs (no entity expansion, no external entities).
import { readBytes } from '../project/io.js';
import { BadInputError } from '../errors.js';
import { firstInvalidUtf8 } from '../source/read.js';
import { parseXml, type XmlElement } from '../xliff/xml.js';

/** A news article's XLIFF is a few hundred KiB; 32 MiB leaves room for any real file. */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  // Columns count characters, not bytes: continuation bytes are not characters.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}

const DECLARATION = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/u;

/** The text of an XML file in UTF-8 or UTF-16, checked against its declaration. */
export function decodeXml(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new BadInputError(file, 'is empty');
  let text: string;
  let actual: 'utf-8' | 'utf-16';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    actual = 'utf-16';
    try {
      text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
    } catch {
      throw new BadInputError(file, 'is not valid UTF-16 although it starts with a UTF-16 byte-order mark');
    }
  } else {
    actual = 'utf-8';
    const bad = firstInvalidUtf8(bytes);
    const declared = DECLARATION.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)))?.[1];
    if (declared !== undefined && !/^utf-?8$/iu.test(declared)) {
      throw new BadInputError(file, `declares encoding "${declared}"; XLIFF from CAT tools is read in UTF-8 or UTF-16 only: save it as UTF-8`, 1, 1);
    }
    if (bad >= 0) {
      const { line, column } = position(bytes, bad);
      throw new BadInputError(file, 'is not valid UTF-8 (was it saved in another encoding?)', line, column);
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  }
  const declared = DECLARATION.exec(text)?.[1];
  if (declared !== undefined && actual === 'utf-16' && !/^utf-?16/iu.test(declared)) {
    throw new BadInputError(file, `declares encoding "${declared}" but is UTF-16`, 1, 1);
  }
  return text;
}

/** Read and parse an XML file safely; `maxBytes` is enforced from the file's size before reading. */
export async function loadXml(absPath: string, display: string, maxBytes = IMPORT_MAX_BYTES): Promise<XmlElement> {
  const bytes = await readBytes(absPath, display, maxBytes, 'an imported XLIFF file');
  return parseXml(decodeXml(bytes, display).replace(/^\uFEFF/u, ''), display, maxBytes);
}
