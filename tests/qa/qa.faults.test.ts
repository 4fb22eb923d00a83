// `qa` under the one fault policy: a file it cannot check is one error line naming it (and the line
// where it has one), the other files are still checked and their reports written, exit 1.
import { describe, it, expect, afterEach } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';

describe('qa faults', () => {
  let ws: Workspace | undefined;
  afterEach(async () => { await ws?.cleanup(); ws = undefined; });

  it('a broken XLIFF is one line; the others are checked; exit 1', async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Перше речення статті тут.\n');
    await ws.write('source-texts/b.txt', 'Друге речення статті тут.\n');
    expect((await runCli(['translate', '--to', 'de', '--engine', 'none'], ws.dir)).code).toBe(0);
    await ws.write('locales/de/a.xlf', '<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n');
    const qa = await runCli(['qa', '--to', 'de', '--untranslated'], ws.dir);
    expect(qa.code).toBe(1);
    const errors = qa.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: locales\/de\/a\.xlf(:\d+)*: /u);
    expect(qa.stderr).not.toMatch(/\n\s+at /u);
    // b was checked all the same: its untranslated unit is a finding.
    expect(qa.stdout).toMatch(/^locales\/de\/b\.xlf: p1-1: /mu);
    expect(qa.stdout).toMatch(/qa: 1 file could not be checked/u);
  });
});
