// Run the built pereklad CLI as a user would, in a given folder (as another user with `uid`).
import { spawn } from 'node:child_process';
import { CLI } from './workspace.js';

export interface CliResult {
  code: number | null;
  /** Set when the process was killed (a crash test's SIGKILL). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Both streams in the order they came. */
  output: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}, options: { uid?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const fullEnv: NodeJS.ProcessEnv = { ...process.env, DEEPL_AUTH_KEY: undefined, DEEPL_SERVER_URL: undefined, ...env };
    for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k];
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'], ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}) });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); output += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); output += d.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, output }));
  });
}
