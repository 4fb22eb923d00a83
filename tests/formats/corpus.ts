// The Markdown and HTML corpus of the format tests: Ukrainian articles written for them.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Article, TargetSegment, TranslatedArticle } from '../../src/model.js';
import { allSegments } from '../../src/model.js';
import { REPO_ROOT } from '../helpers/workspace.js';

export const CORPUS = path.join(REPO_ROOT, 'tests/fixtures/formats');
export const corpusFiles = readdirSync(CORPUS).filter((f) => /\.(md|html)$/u.test(f)).sort();

/** The article with every segment "translated" as itself. */
export function identity(article: Article): TranslatedArticle {
  const targets = new Map<string, TargetSegment>();
  for (const s of allSegments(article)) targets.set(s.id, { segmentId: s.id, state: 'translated', content: s.content, provenance: { origin: 'mt', engine: 'identity', date: '2026-12-01T00:00:00Z' }, flags: [] });
  return { article, targetLang: 'en-GB', written: '2026-12-01T00:00:00Z', targets };
}
