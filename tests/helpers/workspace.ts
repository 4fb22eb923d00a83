// Throwaway newsroom folders for tests: a source-texts/ with given articles, removed afterwards.
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_ARTICLE = path.join(REPO_ROOT, 'source-texts/2025-06/lukashenko-kellogg-minsk.txt');
export const SHARED = path.resolve(REPO_ROOT, '../shared');
export const CLI = path.join(REPO_ROOT, 'dist/src/cli/main.js');

export interface Workspace {
  dir: string;
  write(relPath: string, content: string | Uint8Array): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeWorkspace(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pereklad-test-'));
  return {
    dir,
    async write(relPath, content) {
      const file = path.join(dir, relPath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
