// One place for the project's hashes. `crypto.hash` (Node 20.12 and later) makes no Hash object
// per call, which a first run pays some thirty times per article (source, settings, memory keys,
// journal keys); before 20.12 node:crypto has no such export (a named import of it would fail to
// link and the CLI would not start), so the same digest comes from `createHash` there.
import * as crypto from 'node:crypto';

export type Algorithm = 'sha1' | 'sha256';
type Data = string | Buffer;

/** The digest through a Hash object, as every Node 20 has it. */
export function digestByObject(algorithm: Algorithm, data: Data, encoding: 'hex' | 'base64'): string;
export function digestByObject(algorithm: Algorithm, data: Data, encoding: 'buffer'): Buffer;
export function digestByObject(algorithm: Algorithm, data: Data, encoding: 'hex' | 'base64' | 'buffer'): string | Buffer {
  const hash = crypto.createHash(algorithm).update(data);
  return encoding === 'buffer' ? hash.digest() : hash.digest(encoding);
}

const oneShot = (crypto as Partial<typeof crypto>).hash;

export function digest(algorithm: Algorithm, data: Data, encoding: 'hex' | 'base64'): string;
export function digest(algorithm: Algorithm, data: Data, encoding: 'buffer'): Buffer;
export function digest(algorithm: Algorithm, data: Data, encoding: 'hex' | 'base64' | 'buffer'): string | Buffer {
  if (oneShot) return encoding === 'buffer' ? oneShot(algorithm, data, 'buffer') : oneShot(algorithm, data, encoding);
  return encoding === 'buffer' ? digestByObject(algorithm, data, 'buffer') : digestByObject(algorithm, data, encoding);
}

/** SHA-256 in hex: the project's content hash (sources, XLIFF files, settings, glossaries). */
export function sha256(data: Data): string {
  return digest('sha256', data, 'hex');
}
