// The shared checker (OASIS schemas via xmllint, Translate Toolkit) as tests call it.
import { spawnSync } from 'node:child_process';
import { missing, XLIFF_CHECK } from './requirements.js';

export { XLIFF_CHECK };

/** Why the checker cannot run here (a reason to skip), or undefined when it can; never a reason
 *  under CI (tests/helpers/requirements.ts). */
export function xliffCheckUnavailable(): string | undefined {
  return missing('xliff-check');
}
export function xliffCheck(files: string[], extraArgs: string[] = []): { status: number | null; output: string } {
  const run = spawnSync(XLIFF_CHECK, [...extraArgs, ...files], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
