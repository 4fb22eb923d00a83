// The QA terminology check reads the glossary folder the config names, in every command.
import { describe, it, expect, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { IdentityEngine } from '../helpers/identity-engine.js';
import { runTranslateJob } from '../../src/job/translate.js';
import { collectingReporter } from '../../src/project/reporter.js';

describe('glossaryDir', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('translate and qa both check terms from the configured folder', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Зустріч з Лукашенком відбулася.\n');
    await ws.write('terms/uk-de.tsv', 'Лукашенко\tLukaschenko\n');
    await ws.write('pereklad.config.json', JSON.stringify({ glossaryDir: 'terms', targets: ['de'] }));
    // An engine that leaves the name untranslated: the target misses the glossary's form.
    const summary = await runTranslateJob({
      cwd: ws.dir, sourceDir: 'source-texts', localesDir: 'locales', targets: ['de'], engine: new IdentityEngine(),
      xliffVersion: '1.2', dryRun: false, reporter: collectingReporter(), glossaryDir: 'terms',
    });
    expect(summary.errors).toEqual([]);
    const xliff = await readFile(path.join(ws.dir, 'locales/de/a.xlf'), 'utf8');
    expect(xliff).toMatch(/glossary.*Lukaschenko/u);
    const qa = await runCli(['qa'], ws.dir);
    expect(qa.stdout).toMatch(/glossary.*Lukaschenko/u);
  });
});
