// A real browser for tests: Debian's chromium driven by playwright-core (which never downloads a
// browser of its own), headless, with a fresh profile and Chromium's background traffic off, so a
// test sees only what the page itself asks for.
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { REPO_ROOT } from './workspace.js';
import { CHROMIUM, missing } from './requirements.js';

export { CHROMIUM };

/** Where tests keep screenshots for people to look at (gitignored). */
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Why browser tests cannot run here, or undefined when they can (never under CI: there the tests
 *  run and fail at launch, naming the path). */
export function browserSkipReason(): string | undefined {
  return missing('chromium');
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1280, height: 900 }, locale = 'en-GB'): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'pereklad-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    locale,
    timeout: 30_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function artifactPath(name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
