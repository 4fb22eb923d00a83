// deepl-node (a CommonJS package, with axios and its other dependencies), loaded the first time a
// DeepL engine needs it rather than when the CLI starts: a run with another engine (or none)
// does not pay for loading it. `require` gives the same module object the ESM import did (Node
// wraps a CommonJS module's exports once), so its classes, and `instanceof` on its errors, are the same.
import { createRequire } from 'node:module';
import type * as DeepLNode from 'deepl-node';

const require = createRequire(import.meta.url);
let loaded: typeof DeepLNode | undefined;

export function deeplNode(): typeof DeepLNode {
  loaded ??= require('deepl-node') as typeof DeepLNode;
  return loaded;
}
