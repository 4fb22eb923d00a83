// The bases a kit recorded: what each unit's target was when the kit was made (pereklad-kit.json,
// written by src/kit/kit.ts). Import compares a returned target with its base (src/project/transition.ts).
import path from 'node:path';
import type { Content } from '../model.js';
import { readIfExists } from '../project/io.js';

export const KIT_MANIFEST_NAME = 'pereklad-kit.json';

interface Manifest {
  targetLang?: unknown;
  bases?: Record<string, Record<string, Content | null>>;
}

async function manifestIn(dir: string): Promise<Manifest | null> {
  let manifest: Manifest | null = null;
  const text = await readIfExists(path.join(dir, KIT_MANIFEST_NAME)).catch(() => undefined);
  if (text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object') manifest = parsed as Manifest;
    } catch {
      manifest = null;
    }
  }
  return manifest;
}

function isContent(value: unknown): value is Content {
  return Array.isArray(value) && value.every((f) => typeof f === 'string' || (f !== null && typeof f === 'object' && typeof (f as { code?: unknown }).code === 'string'));
}

/** The bases for one article, from the manifest of the kit a returned file lies in (a few folders up). */
export async function kitBases(file: string, stopAt: string, lang: string, articleId: string): Promise<Map<string, Content | null> | undefined> {
  let dir = path.dirname(file);
  for (let up = 0; up < 4; up++) {
    const manifest = await manifestIn(dir);
    if (manifest) {
      if (manifest.targetLang !== lang) return undefined;
      const article = manifest.bases?.[articleId];
      if (!article || typeof article !== 'object') return undefined;
      const bases = new Map<string, Content | null>();
      for (const [id, value] of Object.entries(article)) if (value === null || isContent(value)) bases.set(id, value);
      return bases;
    }
    if (dir === stopAt || path.dirname(dir) === dir) break;
    dir = path.dirname(dir);
  }
  return undefined;
}
