// The store owns the project on disk (docs/RELIABILITY.md): a module outside src/project/ that
// opened files itself would bypass the size limits, the symlink check, the atomic writer and the
// temp-file cleanup. And no lower layer reaches up into the job (src/job/, src/cli/).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

// The two places that touch files which are not the project's: standard input, and the temporary
// file apertium's pipeline reads (in the OS temp folder, removed after each call).
const OUTSIDE_THE_PROJECT = new Set(['cli/segment.ts', 'mt/apertium.ts']);

async function sources(): Promise<Array<{ rel: string; text: string }>> {
  const entries = await readdir(SRC, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
  return Promise.all(files.map(async (file) => ({ rel: path.relative(SRC, file).split(path.sep).join('/'), text: await readFile(file, 'utf8') })));
}

const imports = (text: string): string[] => [...text.matchAll(/^import[^;]*?from '([^']+)'/gmu)].map((m) => m[1]!);

describe('module boundaries', () => {
  it('only src/project/ imports node:fs', async () => {
    const offenders = (await sources())
      .filter((f) => !f.rel.startsWith('project/') && !OUTSIDE_THE_PROJECT.has(f.rel))
      .filter((f) => imports(f.text).some((m) => m === 'node:fs' || m === 'node:fs/promises' || m === 'fs'))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('no module below the job imports from src/job/ or src/cli/', async () => {
    const offenders = (await sources())
      .filter((f) => !f.rel.startsWith('job/') && !f.rel.startsWith('cli/') && f.rel !== 'index.ts')
      .filter((f) => imports(f.text).some((m) => /(^|\/)(job|cli)\//u.test(m)))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
  });
});
