// Import into a namespace's XLIFF: the namespace's current model comes from its Ukrainian file
// (as an article's comes from source-texts/), and the target resource file is rebuilt with the
// XLIFF. The source path comes from the XLIFF's skeleton, so it is checked to be a resource file
// inside the project before it is read.
import path from 'node:path';
import type { TranslatedArticle } from '../../model.js';
import { allSegments } from '../../model.js';
import { BadInputError } from '../../errors.js';
import { carryOver } from '../../memory/reuse.js';
import { namespaceArticle } from './article.js';
import { readResource, resourceOptions, type StringsConfig } from './project.js';
import type { Resource } from './resource.js';

export async function currentNamespace(previous: TranslatedArticle, cwd: string, strings: StringsConfig): Promise<{ doc: TranslatedArticle; resource?: Resource }> {
  const meta = previous.article.metadata.i18next;
  if (!meta) return { doc: previous };
  const rel = meta.source.replace(/\\/g, '/');
  if (path.isAbsolute(rel) || rel.split('/').includes('..') || !rel.endsWith('.json')) {
    throw new BadInputError(previous.article.path, `names "${meta.source}" as its i18next source, which is not a resource file inside the project`);
  }
  let resource: Resource;
  try {
    resource = await readResource({ namespace: meta.namespace, relPath: rel, absPath: path.resolve(cwd, rel) });
  } catch (err) {
    // A namespace no longer in the source: its XLIFF is all there is to import into.
    if (err instanceof BadInputError && /ENOENT/u.test(err.problem)) return { doc: previous };
    throw err;
  }
  const article = namespaceArticle(resource, previous.targetLang, resourceOptions(strings));
  const same = JSON.stringify([...allSegments(article)].map((s) => [s.id, s.text])) === JSON.stringify([...allSegments(previous.article)].map((s) => [s.id, s.text]));
  return { doc: same ? previous : { ...previous, article, targets: carryOver(article, previous, null) }, resource };
}
