// The translate job's view of the site's strings: every Ukrainian namespace, read and turned into
// the pipeline's model once per target language (plural groups differ per language), and the
// target resource file rebuilt from the namespace's XLIFF as written.
import path from 'node:path';
import type { Article, TranslatedArticle } from '../../model.js';
import { PerekladError } from '../../errors.js';
import { namespaceArticle, targetResourceJson, translatedValues } from './article.js';
import { discoverResources, readResource, resourceOptions, targetResourcePath, type StringsConfig } from './project.js';
import type { Resource } from './resource.js';

export interface PlannedNamespace {
  id: string;
  relPath: string;
  absPath: string;
  resource: Resource;
  /** The namespace's model per target language. */
  articles: Map<string, Article>;
}

/** Every namespace to translate; a file that cannot be read is one error line, the others go on. */
export async function planNamespaces(options: { cwd: string; localesDir: string; strings: StringsConfig; exclude: readonly string[]; targets: readonly string[]; articleIds: ReadonlySet<string> }): Promise<{ namespaces: PlannedNamespace[]; errors: string[] }> {
  const errors: string[] = [];
  const namespaces: PlannedNamespace[] = [];
  for (const file of await discoverResources(options.cwd, options.localesDir, options.strings, options.exclude)) {
    // Both would be locales/<lang>/<id>.xlf: one would overwrite the other's work.
    if (options.articleIds.has(file.namespace)) {
      errors.push(`${file.relPath}: namespace "${file.namespace}" has the same name as an article; rename one`);
      continue;
    }
    try {
      const resource = await readResource(file);
      const articles = new Map(options.targets.map((lang) => [lang, namespaceArticle(resource, lang, resourceOptions(options.strings))]));
      namespaces.push({ id: file.namespace, relPath: file.relPath, absPath: file.absPath, resource, articles });
    } catch (err) {
      if (!(err instanceof PerekladError)) throw err;
      errors.push(err.message);
    }
  }
  return { namespaces, errors };
}

/** The MT context of a namespace's strings (the engines' "headline"): what they are, not an article. */
export function namespaceContext(namespace: string): string {
  return `User-interface strings of a news website (i18next namespace "${namespace}"): menu items, buttons, labels and short messages.`;
}

/** The target resource file and its content, from the namespace's XLIFF as stored, holding what
 *  passes `strings.minState`; `unreviewed`: how many of its strings are not yet reviewed. */
export function targetResource(cwd: string, localesDir: string, strings: StringsConfig, resource: Resource, stored: TranslatedArticle): { file: string; text: string; unreviewed: number } {
  const { values, unreviewed } = translatedValues(stored, strings.minState);
  return {
    file: targetResourcePath(cwd, path.relative(cwd, localesDir) || '.', strings, stored.targetLang, resource.namespace),
    text: targetResourceJson(resource, stored.targetLang, values, resourceOptions(strings)),
    unreviewed,
  };
}

/** The line that says a target resource file holds strings nobody reviewed yet (the site shows them). */
export function unreviewedLine(file: string, unreviewed: number): string | undefined {
  if (unreviewed === 0) return undefined;
  return `i18next: ${file} holds ${unreviewed} string${unreviewed === 1 ? '' : 's'} not yet reviewed (machine translation or a translator's draft); "strings": {"minState": "reviewed"} in pereklad.config.json keeps ${unreviewed === 1 ? 'it' : 'them'} out`;
}
