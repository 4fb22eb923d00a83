// The shared checker (OASIS schemas via xmllint, Translate Toolkit) as tests call it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SHARED } from './workspace.js';

export const XLIFF_CHECK = path.join(SHARED, 'tools/xliff-check');

/** Why the checker cannot run here (a reason to skip), or undefined when it can. Under CI there is
 *  no reason to skip: .ci/run installs the tools, so a missing one must fail the tests that use it. */
export function xliffCheckUnavailable(): string | undefined {
  if (process.env.CI) return undefined;
  if (!existsSync(XLIFF_CHECK)) return `${XLIFF_CHECK} is missing (../shared beside the clone)`;
  const probe = spawnSync('sh', ['-c', 'command -v xmllint && command -v pocount'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'xmllint or Translate Toolkit missing: apt-get install -y libxml2-utils translate-toolkit';
  return undefined;
}

export function xliffCheck(files: string[], extraArgs: string[] = []): { status: number | null; output: string } {
  const run = spawnSync(XLIFF_CHECK, [...extraArgs, ...files], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
