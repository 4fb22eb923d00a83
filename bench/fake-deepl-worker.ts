// The DeepL-compatible fake in its own thread for benchmarks: the real DeepL does its work on its
// own machines, so the fake's parsing and "translating" must not share the client's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeDeepL, type FakeDeepLOptions } from '../tests/helpers/fake-deepl.js';

export interface FakeDeepLCounts { requests: number; billedCharacters: number; billedTexts: number }

if (parentPort) {
  const port = parentPort;
  const fake = await startFakeDeepL(workerData as FakeDeepLOptions);
  port.on('message', (message: string) => {
    if (message === 'counts') port.postMessage({ requests: fake.requests.length, billedCharacters: fake.billedCharacters, billedTexts: fake.billedTexts.length } satisfies FakeDeepLCounts);
    if (message === 'close') void fake.close().then(() => port.close());
  });
  port.postMessage({ url: fake.url });
}
