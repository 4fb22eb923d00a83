// pereklad's public API: what the CLI uses and what newsroom scripts can call.
export * from './model.js';
export * from './errors.js';
export { splitSentences, sentenceSpans } from './segment/split.js';
export { parseArticle, articleSourceText } from './source/parse.js';
export { discoverArticles, articleIdFromPath } from './source/discover.js';
export { protectSpans, findProtectedSpans } from './protect/protect.js';
export type { Engine, EngineSegment, EngineResult } from './mt/engine.js';
export { DeepLEngine } from './mt/deepl.js';
export { PseudoEngine } from './mt/pseudo.js';
export { xliff12 } from './xliff/xliff12.js';
export { xliff20 } from './xliff/xliff20.js';
export { parseXliff, readXliffFile, codecFor } from './xliff/read.js';
export type { XliffVersion, XliffCodec } from './xliff/codec.js';
export { assembleArticle } from './assemble/assemble.js';
export { runTranslateJob } from './job/translate.js';
export type { TranslateJobOptions, TranslateJobSummary } from './job/translate.js';
export { loadConfig, type PerekladConfig } from './config.js';
