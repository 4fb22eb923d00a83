// The sample article as an editor meets it mid-review: pseudo-translated by the job, then some
// sentences translated and reviewed by people, one with a QA flag — written back to the XLIFF on
// disk, as a CAT tool would, so pages are built from files exactly as in real use.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Provenance, SegmentState, TargetSegment, TranslatedArticle } from '../../src/model.js';
import { codecFor, parseXliff } from '../../src/xliff/read.js';

export const SAMPLE_ID = '2025-06/lukashenko-kellogg-minsk';

export interface Edit { state: SegmentState; text: string; provenance?: Provenance }

/** People's work on the English copy: reviewed, final, translated but not reviewed, and one that
 *  drops the source's numbers, which the QA checks catch. */
export const SAMPLE_EDITS: Record<string, Edit> = {
  'p1-1': { state: 'reviewed', text: 'The self-proclaimed president of Belarus, Alexander Lukashenko, met US President Donald Trump\'s special envoy Keith Kellogg in Minsk.' },
  'p2-1': { state: 'reviewed', text: 'This was reported by the Telegram channel "Pul Pervogo", which is close to Lukashenko, writes "Yevropeiska Pravda".' },
  'p3-1': { state: 'final', text: 'The meeting took place at the Palace of Independence in Minsk.' },
  'p3-2': { state: 'reviewed', text: 'Delegations from both sides – Belarusian and American – took part in the talks.' },
  'p7-1': { state: 'translated', text: 'The Belarusian state outlet BELTA reported that the agenda of the talks between Lukashenko and Kellogg covered international issues and the world situation in general, regional topics and Belarusian-American relations.' },
  'p10-1': {
    state: 'translated',
    text: 'During Trump\'s first term, Secretary of State Mike Pompeo visited Belarus, the highest-level visit by a US official to the country in years.',
  },
};

export function applyEdits(doc: TranslatedArticle, edits: Record<string, Edit>): void {
  for (const [segmentId, edit] of Object.entries(edits)) {
    const target: TargetSegment = { segmentId, state: edit.state, content: [edit.text], provenance: edit.provenance ?? { origin: 'human', date: '2025-06-23T09:30:00.000Z' }, flags: [] };
    doc.targets.set(segmentId, target);
  }
}

/** Apply the edits to the XLIFF file of a language in a workspace, in the file's own version. */
export async function editSampleXliff(localesDir: string, lang: string, edits: Record<string, Edit> = SAMPLE_EDITS): Promise<void> {
  const file = path.join(localesDir, lang, `${SAMPLE_ID}.xlf`);
  const doc = parseXliff(await readFile(file, 'utf8'), file);
  applyEdits(doc, edits);
  await writeFile(file, codecFor(doc.version).write(doc));
}
