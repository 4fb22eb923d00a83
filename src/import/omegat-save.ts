// An OmegaT project coming back: OmegaT keeps a translator's work in omegat/project_save.tmx and
// writes target/ only on "Create Translated Documents". So the project file is the truth about what
// the translator did: a segment it holds was translated (or confirmed unchanged) in OmegaT, which
// is how an import tells "read and left as it was" from "never opened". When project_save.tmx is
// newer than everything in target/ (work saved, not exported), the translations are read from it,
// through the kit's own source/ files, and the import says so instead of skipping the work.
import path from 'node:path';
import { filesUnder, infoOf, readBytes } from '../project/io.js';
import type { Content, InlineCode } from '../model.js';
import { BadInputError } from '../errors.js';
import { childElements, parseXml, textOf } from '../xliff/xml.js';
import { blankDoctype, toOmegatNotation } from '../memory/tmx.js';
import { decodeXml, IMPORT_MAX_BYTES, loadXml } from './load.js';
import { readReturned, type ReturnedContent, type ReturnedFile, type ReturnedUnit } from './returned.js';

export const PROJECT_SAVE = 'omegat/project_save.tmx';

/** Source → target, both in OmegaT's tag notation, as project_save.tmx holds them. */
export type ProjectSave = Map<string, string>;

export async function readProjectSave(file: string, display: string, maxBytes = IMPORT_MAX_BYTES): Promise<ProjectSave> {
  // OmegaT writes <!DOCTYPE tmx SYSTEM "tmx11.dtd">: blanked (never fetched), as for any TMX.
  const root = parseXml(blankDoctype(decodeXml(await readBytes(file, display, maxBytes, 'an imported file'), display).replace(/^\uFEFF/u, '')), display, maxBytes);
  if (root.name !== 'tmx') throw new BadInputError(display, `is not TMX (root element <${root.name}>)`, root.line);
  const body = childElements(root, 'body')[0];
  const save: ProjectSave = new Map();
  for (const tu of body ? childElements(body, 'tu') : []) {
    const tuvs = childElements(tu, 'tuv').map((tuv) => ({ lang: (tuv.attrs['xml:lang'] ?? tuv.attrs.lang ?? '').toLowerCase(), seg: childElements(tuv, 'seg')[0] }));
    const source = tuvs.find((t) => t.lang.split(/[-_]/u)[0] === 'uk' && t.seg);
    const target = tuvs.find((t) => t !== source && t.seg);
    if (!source?.seg || !target?.seg) continue;
    const key = textOf(source.seg);
    // A default translation (written first by OmegaT) wins over an alternative one.
    if (!save.has(key)) save.set(key, textOf(target.seg));
  }
  return save;
}

/** Returned content as pereklad content: codes numbered by their place ("0", "1", …). */
function asContent(c: ReturnedContent): { content: Content; codes: InlineCode[] } {
  return { content: c.content, codes: c.codes.map((code, i) => ({ id: String(i), kind: code.kind, text: code.text })) };
}

/** The key OmegaT files a segment under: its source in tag notation, edge codes left out. */
export function saveKey(source: ReturnedContent): string {
  const { content, codes } = asContent(source);
  return toOmegatNotation(content, content, codes).source;
}

const TAG = /<\/?\p{L}\d+\/?>/gu;

/** A project_save.tmx translation back as returned content with the source's codes: the i-th tag
 *  of the source's notation is its i-th inner code; edge codes, which OmegaT leaves out, are put
 *  back where the source has them; a tag the source lacks is dropped. */
export function fromSaveTarget(notation: string, source: ReturnedContent): ReturnedContent {
  const sourceNotation = saveKey(source);
  const codeIndexes = source.content.flatMap((f) => (typeof f === 'string' ? [] : [Number(f.code)]));
  const isEdge = (f: Content[number] | undefined): boolean => f !== undefined && (typeof f !== 'string' || f.trim() === '');
  let lead = 0;
  while (lead < source.content.length && isEdge(source.content[lead])) lead++;
  let trail = source.content.length;
  while (trail > lead && isEdge(source.content[trail - 1])) trail--;
  const leading = source.content.slice(0, lead).filter((f) => typeof f !== 'string');
  const trailing = source.content.slice(trail).filter((f) => typeof f !== 'string');
  const innerIds = codeIndexes.slice(leading.length, codeIndexes.length - trailing.length);
  const names = new Map<string, number>();
  [...sourceNotation.matchAll(TAG)].forEach((m, i) => {
    const id = innerIds[i];
    if (id !== undefined) names.set(m[0], id);
  });
  const content: Content = [...leading];
  let cursor = 0;
  const text = (t: string): void => {
    if (t !== '') content.push(t);
  };
  for (const m of notation.matchAll(TAG)) {
    text(notation.slice(cursor, m.index));
    const id = names.get(m[0]);
    if (id !== undefined) content.push({ code: String(id) });
    cursor = m.index + m[0].length;
  }
  text(notation.slice(cursor));
  content.push(...trailing);
  return { content, codes: source.codes };
}

async function xlfUnder(dir: string): Promise<Array<{ file: string; mtimeMs: number }>> {
  const files = await filesUnder(dir, (name) => name.endsWith('.xlf'));
  return Promise.all(files.map(async (file) => ({ file, mtimeMs: (await infoOf(file))?.mtimeMs ?? 0 })));
}

export interface OmegatReturn {
  files: ReturnedFile[];
  /** Paths read, for the summary. */
  read: string[];
  warnings: string[];
}

/** What an OmegaT project folder brings back: its target/ files, each unit marked `confirmed` when
 *  project_save.tmx holds it; or, when project_save.tmx is newer than target/, the kit's source/
 *  files with their targets from project_save.tmx. */
export async function omegatReturned(projectDir: string, rel: (p: string) => string, maxBytes?: number): Promise<OmegatReturn> {
  const saveFile = path.join(projectDir, PROJECT_SAVE);
  const saveTime = (await infoOf(saveFile))?.mtimeMs;
  const targets = await xlfUnder(path.join(projectDir, 'target'));
  const save = saveTime !== undefined ? await readProjectSave(saveFile, rel(saveFile), maxBytes) : new Map<string, string>();
  const newest = Math.max(-Infinity, ...targets.map((t) => t.mtimeMs));
  const warnings: string[] = [];
  const fromSave = saveTime !== undefined && saveTime > newest;
  if (fromSave) {
    warnings.push(`${rel(projectDir)}: ${PROJECT_SAVE} is newer than ${targets.length > 0 ? 'every file in target/' : 'target/, which is empty'} (work saved in OmegaT but not exported with "Create Translated Documents"); the translations were read from ${PROJECT_SAVE}`);
  }
  const chosen = fromSave ? await xlfUnder(path.join(projectDir, 'source')) : targets;
  const files: ReturnedFile[] = [];
  for (const { file } of chosen) {
    for (const returned of readReturned(await loadXml(file, rel(file), maxBytes), rel(file))) {
      const units = returned.units.map((unit): ReturnedUnit => {
        const key = saveKey(unit.source);
        const saved = save.get(key);
        if (saved === undefined) return fromSave ? withoutTarget(unit) : unit;
        const target = fromSave ? fromSaveTarget(saved, unit.source) : unit.target;
        return { ...withoutTarget(unit), ...(target && target.content.length > 0 ? { target } : {}), confirmed: true };
      });
      files.push({ ...returned, units });
    }
  }
  return { files, read: chosen.map((c) => c.file), warnings };
}

function withoutTarget(unit: ReturnedUnit): ReturnedUnit {
  const { target: _dropped, ...rest } = unit;
  void _dropped;
  return rest;
}
