// `pereklad status`: per article and language, how many segments are new, machine-translated,
// translated by a person, reviewed and final, and what MT would bill to finish — worked out
// exactly as `translate` would plan it (carry-over, memory matches, the journal), sending nothing.
import { isKept } from '../model.js';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, targetsFlag } from '../config.js';
import { PerekladError } from '../errors.js';
import type { Article } from '../model.js';
import type { LanguageFigures, Reporter } from '../project/reporter.js';
import { plural, thousands } from './output.js';
import { Journal } from '../project/journal.js';
import { xliffPath } from '../project/layout.js';
import { settleForReading } from '../project/store.js';
import { discoverArticles } from '../source/discover.js';
import { readArticleText } from '../source/read.js';
import { readArticle } from '../formats/registry.js';
import { loadProjectRules } from '../segment/project.js';
import { billableCharacters, contentKey } from '../mt/engine.js';
import { DEFAULT_TM_DIR, loadMemory } from '../memory/store.js';
import { leverageLanguage } from '../memory/leverage.js';
import { planNamespaces } from '../formats/i18next/job.js';
import { localesOption, refuseOut } from './options.js';

interface StatusFlags {
  to?: string;
  config?: string;
  source?: string;
  out?: string;
  locales?: string;
  tm?: string;
}

export interface StatusCounts {
  segments: number;
  new: number;
  mt: number;
  translated: number;
  reviewed: number;
  final: number;
}

function describe(c: StatusCounts): string {
  return `${plural(c.segments, 'segment')}: ${thousands(c.new)} new, ${thousands(c.mt)} MT, ${thousands(c.translated)} translated, ${thousands(c.reviewed)} reviewed, ${thousands(c.final)} final`;
}

export function registerStatus(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  localesOption(program
    .command('status'))
    .description('per article and language: segments new, MT, translated, reviewed, final; and what MT would bill to finish')
    .option('--to <langs>', 'target languages, comma-separated (default from the config)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .option('--source <dir>', 'folder with the source articles (default: source-texts)')
    .option('--tm <dir>', `folder of imported TMX files (default: ${DEFAULT_TM_DIR})`)
    .action((flags: StatusFlags) => run(async () => {
      refuseOut(flags.out, 'status');
      const cwd = process.cwd();
      const rel = (p: string): string => path.relative(cwd, p) || '.';
      const { config } = await loadConfig(cwd, flags.config);
      const targets = targetsFlag(flags.to) ?? config.targets;
      const sourceDir = path.resolve(cwd, flags.source ?? config.sourceDir);
      const localesDir = path.resolve(cwd, flags.locales ?? config.localesDir);
      // A reader: it never waits for a writer, and finishes a killed command's commit only when none is at work.
      await settleForReading(localesDir);
      const load = await loadMemory({ cwd, localesDir, tmDir: path.resolve(cwd, flags.tm ?? DEFAULT_TM_DIR) });
      const journal = await Journal.open(localesDir);
      const segmentation = await loadProjectRules(cwd, config.segmentation);
      let errors = 0;
      for (const problem of load.problems) {
        if (problem.file.endsWith('.xlf')) {
          errors++;
          reporter.error(`error: ${problem.message}; not counted`);
        } else reporter.warn(`warning: ${problem.message}; left out of the translation memory`);
      }
      const files = await discoverArticles({ sourceDir, include: flags.source ? undefined : config.include, ignore: config.ignore, formats: config.formats });
      const total: StatusCounts = { segments: 0, new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 };
      let toBill = 0;
      let toSend = 0;
      // Each article is read once, whatever the number of languages.
      const articles: Array<{ file: { id: string }; article: Article; perLanguage?: Map<string, Article>; label?: string }> = [];
      for (const file of files) {
        try {
          articles.push({ file, article: readArticle(await readArticleText(file.absPath, rel(file.absPath)), file.id, file.relPath, { rules: segmentation, config: config.formats }) });
        } catch (err) {
          if (!(err instanceof PerekladError)) throw err;
          errors++;
          reporter.error(`error: ${err.message}`);
        }
      }
      // The site's i18next namespaces beside the articles; each is modelled per language (plural groups).
      const strings = await planNamespaces({ cwd, localesDir, strings: config.strings, exclude: [config.publish.i18next.namespace], targets, articleIds: new Set(files.map((f) => f.id)) });
      for (const message of strings.errors) { errors++; reporter.error(`error: ${message}`); }
      for (const ns of strings.namespaces) articles.push({ file: { id: ns.id }, article: ns.articles.get(targets[0]!)!, perLanguage: ns.articles, label: `${ns.id} (strings)` });
      const figuresByLanguage: Record<string, LanguageFigures> = {};
      for (const lang of targets) {
        const wanted = new Map<string, number>();
        const inLanguage: StatusCounts = { segments: 0, new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 };
        for (const { file, article: shared, perLanguage, label } of articles) {
          const article = perLanguage?.get(lang) ?? shared;
          const loaded = load.xliff.get(xliffPath(localesDir, lang, file.id));
          if (loaded?.error) continue;
          // No engine: status plans as a real (non-pseudo) run would, so pseudo text counts as MT.
          const { kept } = leverageLanguage(article, lang, loaded?.doc, loaded?.display ?? '', load.memory, null);
          const counts: StatusCounts = { segments: 0, new: 0, mt: 0, translated: 0, reviewed: 0, final: 0 };
          for (const block of article.blocks) {
            if (isKept(block.kind)) continue;
            for (const segment of block.segments) {
              counts.segments++;
              const target = kept.get(segment.id);
              if (!target?.content) {
                counts.new++;
                const key = contentKey(segment.content);
                if (!journal.lookup(lang, 'deepl', key)) wanted.set(key, billableCharacters(segment.content));
              } else if (target.state === 'final') counts.final++;
              else if (target.state === 'reviewed') counts.reviewed++;
              else if (target.provenance?.origin === 'mt') counts.mt++;
              else counts.translated++;
            }
          }
          for (const k of Object.keys(total) as Array<keyof StatusCounts>) { total[k] += counts[k]; inLanguage[k] += counts[k]; }
          reporter.detail(`${label ?? file.id} → ${lang}: ${describe(counts)}`);
        }
        const bill = [...wanted.values()].reduce((a, b) => a + b, 0);
        toSend += wanted.size;
        toBill += bill;
        figuresByLanguage[lang] = { ...inLanguage, sentSegments: wanted.size, billedCharacters: bill };
      }
      const lines = Object.entries(figuresByLanguage).map(([lang, f]) => `${lang}: ${describe(f as StatusCounts)}; to finish, ${plural(f.sentSegments ?? 0, 'distinct segment')} to MT, ${thousands(f.billedCharacters ?? 0)} characters`);
      lines.push(`total: ${describe(total)}; to finish, MT would be sent ${thousands(toSend)} distinct segments and bill ${thousands(toBill)} characters`);
      const next = total.new > 0 ? 'pereklad translate' : total.mt + total.translated > 0 ? 'pereklad review' : 'pereklad publish';
      lines.push(`next: ${next}`);
      reporter.summary(lines, { languages: figuresByLanguage, totals: { ...total, sentSegments: toSend, billedCharacters: toBill }, next: [next] });
      return errors > 0 ? 1 : 0;
    }));
}
