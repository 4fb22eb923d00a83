// One fault policy for every command: an I/O error is one line naming the file and the cause, in
// words a user can act on; the stack trace only with --debug (or PEREKLAD_DEBUG=1).
import { redact } from './redact.js';

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

export function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/u.test((err as NodeJS.ErrnoException).code!);
}

/** `path: cause (CODE)` for a system error; relative to `cwd` when given. */
export function describeFault(err: NodeJS.ErrnoException & { code: string }, rel: (p: string) => string = (p) => p): string {
  const where = err.path ? `${rel(err.path)}: ` : '';
  return `${where}${CAUSES[err.code] ?? err.message.replace(/^[A-Z]+: /u, '')} (${err.code})`;
}

export function debugWanted(argv: readonly string[]): boolean {
  return argv.includes('--debug') || process.env.PEREKLAD_DEBUG === '1';
}

/** The one line for an error no module turned into a PerekladError. */
export function unexpectedFault(err: unknown, debug: boolean, rel?: (p: string) => string): string {
  if (isSystemError(err)) return redact(describeFault(err, rel) + (debug && err.stack ? `\n${err.stack}` : ''));
  const message = err instanceof Error ? (debug ? err.stack ?? err.message : err.message) : String(err);
  return redact(`unexpected failure: ${message}${debug ? '' : ' (run with --debug for details)'}`);
}
