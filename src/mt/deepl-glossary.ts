// DeepL glossaries from the repository's glossary files: created once, found again by a name that
// carries the hash of their entries (so an unchanged file reuses the glossary across jobs and
// machines), and replaced — the old one deleted — when the file changes.
import * as deepl from 'deepl-node';
import type { Glossary, GlossarySet } from '../glossary/glossary.js';

const NAME_PREFIX = 'pereklad';

export function glossaryName(glossary: Glossary): string {
  return `${NAME_PREFIX} ${glossary.sourceLang}-${glossary.targetLang} ${glossary.hash}`;
}

export class DeepLGlossaries {
  private readonly ids = new Map<string, Promise<string | undefined>>();

  constructor(private readonly translator: deepl.Translator, private readonly glossaries: GlossarySet) {}

  covers(targetLang: string): boolean {
    return this.glossaries.forTarget(targetLang) !== undefined;
  }

  /** The DeepL glossary id for this pair, creating the glossary if needed; undefined without a file. */
  idFor(sourceLang: string, targetLang: string): Promise<string | undefined> {
    const glossary = this.glossaries.forTarget(targetLang);
    if (!glossary || glossary.sourceLang !== sourceLang || glossary.entries.length === 0) return Promise.resolve(undefined);
    const name = glossaryName(glossary);
    let id = this.ids.get(name);
    if (!id) {
      id = this.ensure(glossary, name);
      // A failure is not cached: the next language or job may try again.
      id.catch(() => this.ids.delete(name));
      this.ids.set(name, id);
    }
    return id;
  }

  private async ensure(glossary: Glossary, name: string): Promise<string> {
    const pairPrefix = `${NAME_PREFIX} ${glossary.sourceLang}-${glossary.targetLang} `;
    const existing = await this.translator.listGlossaries();
    const current = existing.find((g) => g.name === name && g.ready);
    for (const old of existing) {
      if (old.name.startsWith(pairPrefix) && old.glossaryId !== current?.glossaryId) await this.translator.deleteGlossary(old.glossaryId);
    }
    if (current) return current.glossaryId;
    const entries = new deepl.GlossaryEntries({ entries: Object.fromEntries(glossary.entries.map((e) => [e.source, e.target])) });
    const created = await this.translator.createGlossary(name, glossary.sourceLang as deepl.LanguageCode, glossary.targetLang as deepl.LanguageCode, entries);
    return created.glossaryId;
  }
}
