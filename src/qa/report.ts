// The findings report an editor reads beside the review copy (locales/<lang>/review/<article>.qa.txt):
// the review copy itself stays exactly the translated article, so it can be published as it is.
import path from 'node:path';
import type { TranslatedArticle } from '../model.js';
import { contentText } from '../model.js';
import type { QaFinding } from './findings.js';
import { countBySeverity } from './run.js';

export function qaReportPath(localesDir: string, lang: string, articleId: string): string {
  return path.join(localesDir, lang, 'review', `${articleId}.qa.txt`);
}

export function qaReport(doc: TranslatedArticle, findings: readonly QaFinding[]): string {
  const { error, warning } = countBySeverity(findings);
  const lines = [`Quality checks: ${doc.article.id} (${doc.article.sourceLang} → ${doc.targetLang}): ${error} error(s), ${warning} warning(s)`];
  const segments = new Map([...doc.article.blocks.flatMap((b) => b.segments)].map((s) => [s.id, s]));
  let current: string | undefined;
  for (const f of findings) {
    if (f.segmentId !== current) {
      current = f.segmentId;
      const segment = segments.get(f.segmentId);
      const target = doc.targets.get(f.segmentId)?.content;
      lines.push('', `${f.segmentId}`);
      if (segment) lines.push(`  ${doc.article.sourceLang}: ${segment.text}`);
      if (segment && target) lines.push(`  ${doc.targetLang}: ${contentText(target, segment.codes)}`);
    }
    lines.push(`  ${f.severity === 'error' ? 'ERROR  ' : 'warning'} ${f.check}: ${f.message}`);
  }
  if (findings.length === 0) lines.push('', 'No findings.');
  return lines.join('\n') + '\n';
}
