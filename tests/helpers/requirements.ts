// What some tests need from outside the repository: the data and checker in ../shared beside the
// clone, and Debian tools. On a developer's machine a missing one skips the tests that need it,
// with the reason in the test's name and one line at the start of the run (global-setup.ts); under
// CI nothing is skipped, because .ci/run installs every tool and a missing one must fail.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { apertiumMissing } from '../../src/mt/apertium.js';
import { SHARED } from './workspace.js';

export type Requirement = 'gold' | 'xliff-check' | 'xmllint' | 'omegat' | 'apertium' | 'chromium';

export const GOLD_FILE = path.join(SHARED, 'data/ud-uk-sentences.dev.jsonl');
export const XLIFF_CHECK = path.join(SHARED, 'tools/xliff-check');
export const CHROMIUM = '/usr/bin/chromium';

const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Why it is not available here, ignoring CI. */
function absent(requirement: Requirement): string | undefined {
  switch (requirement) {
    case 'gold': return existsSync(GOLD_FILE) ? undefined : `${GOLD_FILE} (../shared beside the clone)`;
    case 'xliff-check':
      if (!existsSync(XLIFF_CHECK)) return `${XLIFF_CHECK} (../shared beside the clone)`;
      return onPath('xmllint') && onPath('pocount') ? undefined : 'xmllint or Translate Toolkit (apt-get install -y libxml2-utils translate-toolkit)';
    case 'xmllint': return onPath('xmllint') ? undefined : 'xmllint (apt-get install -y libxml2-utils)';
    case 'omegat': return onPath('omegat') ? undefined : 'omegat (apt-get install -y omegat)';
    case 'apertium': return apertiumMissing() ?? undefined;
    case 'chromium': return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} (apt-get install -y chromium fonts-noto-color-emoji)`;
  }
}

const memo = new Map<Requirement, string | undefined>();

/** What is missing for these requirements (a reason to skip), or undefined when the tests can run
 *  — always undefined under CI, so that the tests run and fail there, naming what they lack. */
export function missing(...requirements: Requirement[]): string | undefined {
  if (process.env.CI) return undefined;
  const reasons = requirements.map((r) => {
    if (!memo.has(r)) memo.set(r, absent(r));
    return memo.get(r);
  }).filter((r): r is string => r !== undefined);
  return reasons.length > 0 ? `missing ${reasons.join('; ')}` : undefined;
}

/** A test title that says why it was skipped, when it is. */
export function titled(title: string, reason: string | undefined): string {
  return reason ? `${title} (skipped: ${reason})` : title;
}

export const ALL_REQUIREMENTS: readonly Requirement[] = ['gold', 'xliff-check', 'xmllint', 'omegat', 'apertium', 'chromium'];
