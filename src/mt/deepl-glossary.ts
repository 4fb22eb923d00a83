// The project's DeepL glossary, on DeepL's v3 (multilingual) endpoints through deepl-node's
// DeepLClient: ONE glossary per project, named `pereklad <projectId>` (the id comes from the
// config), holding one dictionary per language pair. A changed glossary file replaces its
// dictionary in place (PUT), so the glossary id never changes under a concurrent job, and another
// project's glossary on the same account — another name — is never read, changed or deleted.
import type * as deepl from 'deepl-node';
import { deeplNode } from './deepl-node.js';
import type { Glossary, GlossarySet } from '../glossary/glossary.js';
import { EngineError } from '../errors.js';

const NAME_PREFIX = 'pereklad';
/** Used when the config names no project: still this account's own, but shared by every such project. */
export const DEFAULT_PROJECT_ID = 'default';

export function glossaryName(projectId: string): string {
  return `${NAME_PREFIX} ${projectId}`;
}

export class DeepLGlossaries {
  /** The glossary id, found or created once per engine. */
  private glossary: Promise<string> | undefined;
  /** Per language pair, the dictionary made current once per engine. */
  private readonly pairs = new Map<string, Promise<string | undefined>>();
  readonly name: string;

  constructor(private readonly client: deepl.DeepLClient, private readonly glossaries: GlossarySet, projectId = DEFAULT_PROJECT_ID) {
    this.name = glossaryName(projectId);
  }

  covers(targetLang: string): boolean {
    return (this.glossaries.forTarget(targetLang)?.entries.length ?? 0) > 0;
  }

  /** The project glossary's id with this pair's dictionary current; undefined without a file. */
  idFor(sourceLang: string, targetLang: string): Promise<string | undefined> {
    const glossary = this.glossaries.forTarget(targetLang);
    if (!glossary || glossary.sourceLang !== sourceLang || glossary.entries.length === 0) return Promise.resolve(undefined);
    const key = `${glossary.sourceLang}-${glossary.targetLang}`;
    let id = this.pairs.get(key);
    if (!id) {
      id = this.ensure(glossary);
      // A failure is not cached: the next language or job may try again.
      id.catch(() => this.pairs.delete(key));
      this.pairs.set(key, id);
    }
    return id;
  }

  private async ensure(glossary: Glossary): Promise<string> {
    const entries = entriesOf(glossary);
    const dictionary: deepl.MultilingualGlossaryDictionaryEntries = { sourceLangCode: glossary.sourceLang, targetLangCode: glossary.targetLang, entries };
    let created = false;
    if (!this.glossary) {
      this.glossary = this.findOrCreate(dictionary).then((r) => { created = r.created; return r.id; });
      this.glossary.catch(() => { this.glossary = undefined; });
    }
    const id = await this.glossary;
    if (created) return id;
    const current = await this.currentEntries(id, glossary);
    if (current !== undefined && sameEntries(current, entries.entries())) return id;
    try {
      await this.client.replaceMultilingualGlossaryDictionary(id, dictionary);
    } catch (err) {
      throw refused(glossary, err);
    }
    return id;
  }

  private async findOrCreate(dictionary: deepl.MultilingualGlossaryDictionaryEntries): Promise<{ id: string; created: boolean }> {
    // The oldest glossary of this name: two jobs that both created one at once settle on the same.
    const mine = (await this.client.listMultilingualGlossaries()).filter((g) => g.name === this.name)
      .sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime());
    if (mine[0]) return { id: mine[0].glossaryId, created: false };
    try {
      const made = await this.client.createMultilingualGlossary(this.name, [dictionary]);
      return { id: made.glossaryId, created: true };
    } catch (err) {
      throw refused(this.glossaries.forTarget(dictionary.targetLangCode)!, err);
    }
  }

  private async currentEntries(id: string, glossary: Glossary): Promise<Record<string, string> | undefined> {
    try {
      const found = await this.client.getMultilingualGlossaryDictionaryEntries(id, glossary.sourceLang, glossary.targetLang);
      return found.entries.entries();
    } catch (err) {
      // No dictionary for this pair yet: it is added by the replace.
      if (err instanceof deeplNode().GlossaryNotFoundError || (err instanceof deeplNode().DeepLError && /not found/iu.test(err.message))) return undefined;
      throw err;
    }
  }
}

/** The entries as DeepL takes them; a term DeepL would refuse is named with its file and line. */
function entriesOf(glossary: Glossary): deepl.GlossaryEntries {
  for (const entry of glossary.entries) {
    for (const term of [entry.source, entry.target]) {
      try {
        deeplNode().GlossaryEntries.validateGlossaryTerm(term);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new EngineError(`${glossary.file}${entry.line !== undefined ? `:${entry.line}` : ''}: DeepL would refuse this glossary term (${why}); fix the line and run again`);
      }
    }
  }
  return new (deeplNode()).GlossaryEntries({ entries: Object.fromEntries(glossary.entries.map((e) => [e.source, e.target])) });
}

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function refused(glossary: Glossary, err: unknown): Error {
  if (!(err instanceof deeplNode().DeepLError) || err instanceof deeplNode().AuthorizationError || err instanceof deeplNode().QuotaExceededError) return err instanceof Error ? err : new Error(String(err));
  const message = err.message.replace(/\s+/gu, ' ').replace(/, content: .*$/u, '');
  // DeepL names the term it refused, not the line: find the line that holds it.
  const line = glossary.entries.find((e) => message.includes(`'${e.source}'`) || message.includes(`"${e.source}"`))?.line;
  return new EngineError(`${glossary.file}${line !== undefined ? `:${line}` : ''}: DeepL refused the glossary (${message}); fix the file and run again`);
}
