// `pereklad segment`: show how the project's rules split a text, and `pereklad srx`: export those
// rules as SRX 2.0 for OmegaT, Okapi and other CAT tools.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { loadProjectRules } from '../segment/project.js';
import { writeIfChanged } from '../project/io.js';
import { decodeArticle, readArticleText } from '../source/read.js';
import { parseArticle } from '../source/parse.js';
import { formatForPath, readArticle } from '../formats/registry.js';
import { allSegments } from '../model.js';
import type { Reporter } from '../project/reporter.js';
import { UsageError } from '../errors.js';

interface Flags { config?: string; out?: string }

export function registerSegment(program: Command, run: (work: () => Promise<number>) => void, reporter: Reporter): void {
  program
    .command('segment')
    .description('print the sentences the project\'s rules find in a file (or standard input), one per line')
    .argument('[file]', 'a text file; standard input when omitted')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .action((file: string | undefined, flags: Flags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      const rules = await loadProjectRules(cwd, config.segmentation);
      const text = file ? await readArticleText(path.resolve(cwd, file), file) : decodeArticle(readFileSync(0), 'standard input');
      // Split exactly as translate does: by the file's format (Markdown and HTML by their blocks,
      // never inside a tag pair), metadata left out, quoted foreign text as it is; standard input
      // and unknown extensions as plain text.
      const article = file && formatForPath(file, config.formats)
        ? readArticle(text, 'segment', file, { rules, config: config.formats })
        : parseArticle(text, 'segment', file ?? 'stdin', 'uk', rules);
      const sentences = [...allSegments(article)].map((segment) => segment.text.replace(/\s*\n\s*/gu, ' '));
      for (const sentence of sentences) reporter.info(sentence);
      reporter.summary([], { details: { sentences } });
      return 0;
    }));
  program
    .command('srx')
    .description('write the project\'s segmentation rules (built-in plus pereklad.config.json) as an SRX 2.0 file')
    .option('--out <file>', 'where to write it (default: standard output)')
    .option('--config <file>', 'configuration file (default: pereklad.config.json if present)')
    .action((flags: Flags) => run(async () => {
      const cwd = process.cwd();
      const { config } = await loadConfig(cwd, flags.config);
      // Loaded when the command runs, not by every command's start (translate's among them).
      const { rulesToSrx } = await import('../segment/srx.js');
      const srx = rulesToSrx(await loadProjectRules(cwd, config.segmentation));
      if (flags.out) {
        const written = await writeIfChanged(path.resolve(cwd, flags.out), srx);
        reporter.summary([`wrote ${flags.out}`], { filesWritten: Number(written), details: { file: flags.out } });
      } else {
        if (reporter.json) throw new UsageError('--json prints the summary on standard output: give the SRX a file with --out');
        process.stdout.write(srx);
        reporter.summary([], {});
      }
      return 0;
    }));
}
