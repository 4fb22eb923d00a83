// Glossary files: one per language pair in the repository (glossaries/uk-en.tsv), in the format
// DeepL accepts (TSV: source<TAB>target per line; CSV: source,target with optional quoting), read
// into entries with a content hash that decides when a DeepL glossary must be replaced.
import { sha256 } from '../project/digest.js';
import path from 'node:path';
import { BadInputError } from '../errors.js';
import { namesIn, readText } from '../project/io.js';
import { SOURCE_MAX_BYTES } from '../project/limits.js';
import { baseLanguage } from '../model.js';

export interface GlossaryEntry {
  source: string;
  target: string;
  /** A term whose target is its source (Reuters → Reuters): kept as it stands by every engine. */
  doNotTranslate: boolean;
  /** Line in the glossary file, for messages that must name it (a term DeepL refuses). */
  line?: number;
}

export interface Glossary {
  sourceLang: string;
  /** The target language without region, as DeepL glossaries name it: `en` serves en-GB and en-US. */
  targetLang: string;
  /** Path as shown to the user. */
  file: string;
  entries: GlossaryEntry[];
  /** sha256 of the entries (order-independent), first 16 hex digits. */
  hash: string;
}

/** The glossaries of a job, found by target language. */
export class GlossarySet {
  constructor(readonly glossaries: readonly Glossary[] = []) {}

  forTarget(targetLang: string): Glossary | undefined {
    const base = baseLanguage(targetLang);
    return this.glossaries.find((g) => g.targetLang === base);
  }
}

const FILE_NAME = /^([a-z]{2,3})-([a-z]{2,3})\.(tsv|csv)$/u;

export function parseGlossary(text: string, file: string, format: 'tsv' | 'csv', sourceLang: string, targetLang: string): Glossary {
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, number>();
  text.replace(/^\uFEFF/u, '').split(/\r?\n/u).forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = format === 'tsv' ? line.split('\t') : parseCsvLine(line, file, i + 1);
    if (fields.length < 2 || (format === 'tsv' && fields.length !== 2)) {
      throw new BadInputError(file, format === 'tsv' ? 'each line must be a source term, a tab, and a target term' : 'each line must hold a source term and a target term', i + 1);
    }
    const source = fields[0]!.trim();
    const target = fields[1]!.trim();
    if (source === '' || target === '') throw new BadInputError(file, 'a term is empty', i + 1);
    const earlier = seen.get(source);
    if (earlier !== undefined) throw new BadInputError(file, `"${source}" is already defined on line ${earlier}`, i + 1);
    seen.set(source, i + 1);
    entries.push({ source, target, doNotTranslate: source === target, line: i + 1 });
  });
  const canonical = entries.map((e) => `${e.source}\t${e.target}`).sort().join('\n');
  const hash = sha256(canonical).slice(0, 16);
  return { sourceLang, targetLang, file, entries, hash };
}

function parseCsvLine(line: string, file: string, lineNo: number): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; } else field += ch;
  }
  if (quoted) throw new BadInputError(file, 'a quoted term is not closed', lineNo);
  fields.push(field);
  return fields;
}

/** Every `<source>-<target>.tsv|csv` in the folder; a missing folder is no glossary. */
export async function loadGlossaries(dir: string, display: (p: string) => string = (p) => p): Promise<GlossarySet> {
  const names = await namesIn(dir);
  if (names === undefined) return new GlossarySet();
  const glossaries: Glossary[] = [];
  for (const name of names) {
    const m = FILE_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    glossaries.push(parseGlossary(await readText(file, display(file), SOURCE_MAX_BYTES, 'a glossary'), display(file), m[3] as 'tsv' | 'csv', m[1]!, m[2]!));
  }
  return new GlossarySet(glossaries);
}
