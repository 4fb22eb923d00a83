// What `npm pack` (and so `npm publish`) ships: the built library and CLI, not tests and benches.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './helpers/workspace.js';

describe('the npm package', () => {
  it('holds dist/src, the README and package.json only, with the CLI and the library entry', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    expect(files.filter((f) => !f.startsWith('dist/src/') && f !== 'README.md' && f !== 'package.json')).toEqual([]);
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/src/review/i18n/uk.json');
  });
});
