// A translated project for kit and import tests: a workspace with articles, machine-translated by
// a deterministic engine that transliterates (so inline codes stay where they were, as with DeepL).
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine, EngineResult, EngineSegment } from '../../src/mt/engine.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';
import { makeWorkspace, SAMPLE_ARTICLE, type Workspace } from '../helpers/workspace.js';

const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};

export function transliterate(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const mapped = LATIN[lower];
    out += mapped === undefined ? ch : lower === ch ? mapped : mapped.charAt(0).toUpperCase() + mapped.slice(1);
  }
  return out;
}

/** Stands in for DeepL: every text run transliterated, codes kept in place. */
export class TransliterationEngine implements Engine {
  readonly name = 'translit';
  readonly paid = false;
  readonly pseudo = false;
  async translate(segments: EngineSegment[]): Promise<EngineResult[]> {
    return segments.map((s) => ({ content: s.content.map((f) => (typeof f === 'string' ? transliterate(f) : { ...f })) }));
  }
}

export const LINKS_ARTICLE = 'Деталі: https://example.org/a?b=1&c=2 та @handle, #теґ 🇺🇦 тут. Друге речення "у лапках".\n\nФото: https://example.org/photo.jpg\n\nЗустріч відбулася 21 червня 2025 року. Її провів Майк Помпео.\n';

export async function translatedProject(options: { version?: '1.2' | '2.0'; targets?: string[] } = {}): Promise<Workspace> {
  const ws = await makeWorkspace();
  await mkdir(path.join(ws.dir, 'source-texts/2025-06'), { recursive: true });
  await copyFile(SAMPLE_ARTICLE, path.join(ws.dir, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt'));
  await ws.write('source-texts/links.txt', LINKS_ARTICLE);
  const summary = await runTranslateJob({
    cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: options.targets ?? ['en-GB'],
    engine: new TransliterationEngine(), xliffVersion: options.version ?? '1.2', dryRun: false, reporter: collectingReporter(),
  });
  if (summary.errors.length > 0) throw new Error(summary.errors.join('\n'));
  return ws;
}

/** Every file under a folder with its content, to show that nothing changed. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries.filter((x) => x.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(e.parentPath, e.name);
    files.set(path.relative(dir, file), await readFile(file, 'utf8'));
  }
  return files;
}
