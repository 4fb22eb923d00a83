// Reading a source file: bytes to text, refusing what is not a UTF-8 text article with a message
// that names the file and the line.
import { readBytes } from '../project/io.js';
import { SOURCE_MAX_BYTES } from '../project/limits.js';
import { firstNonXmlChar } from '../project/validate.js';
import { BadInputError } from '../errors.js';

/** Where the first invalid UTF-8 sequence starts, or -1. TextDecoder says only "invalid", not where. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

// C0 controls other than tab, LF and CR (and DEL) mark a binary file, and XML cannot carry them.
function firstControl(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return i;
    if (b === 0x7f) return i;
  }
  return -1;
}

export function decodeArticle(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new BadInputError(file, 'is empty');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new BadInputError(file, 'holds a NUL byte: not a text file', lineAt(bytes, nul));
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new BadInputError(file, 'is not valid UTF-8 (save it as UTF-8)', lineAt(bytes, bad));
  const control = firstControl(bytes);
  if (control >= 0) {
    throw new BadInputError(file, `holds control character 0x${bytes[control]!.toString(16).padStart(2, '0')}: not a text file`, lineAt(bytes, control));
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  if (text.trim() === '') throw new BadInputError(file, 'holds only whitespace');
  // Valid UTF-8 that XML 1.0 cannot carry (U+FFFE, U+FFFF): its XLIFF could never be read back.
  const notXml = firstNonXmlChar(text);
  if (notXml) throw new BadInputError(file, `holds ${notXml.char}, which XML cannot carry; remove it`, text.slice(0, notXml.offset).split('\n').length);
  return text;
}

export async function readArticleText(absPath: string, displayPath: string): Promise<string> {
  // Refused from its size before a byte is read and before any MT is paid (src/project/limits.ts).
  return decodeArticle(await readBytes(absPath, displayPath, SOURCE_MAX_BYTES, 'a source article'), displayPath);
}
