/**
 * A DeepL-compatible HTTP server for tests (node:http only, never touches the network).
 *
 * Point the official client at it with
 *   new deepl.Translator(key, { serverUrl: fake.url, maxRetries: 3, minTimeout: 200 })
 * (or `new deepl.DeepLClient(...)` for the v3 multilingual-glossary methods).
 *
 * What deepl-node 1.28 actually sends (read from node_modules/deepl-node/dist):
 *  - `Authorization: DeepL-Auth-Key <key>` on every API request.
 *  - /v2/translate, /v2/glossaries, /v3/glossaries (POST/PUT/PATCH): a URLSearchParams body,
 *    i.e. `application/x-www-form-urlencoded;charset=utf-8`, with `text` repeated once per text,
 *    `show_billed_characters=1` always, `split_sentences` mapped 'off'→'0', 'on'/'default'→'1',
 *    language codes standardised to `uk`, `en-GB` (lower-case base, upper-case region).
 *    v3 dictionaries are flattened as `dictionaries[0].source_lang`, `dictionaries[0].entries`, ….
 *  - JSON bodies (`application/json`) only for v3 style-rule / translation-memory endpoints,
 *    which this fake does not implement. The real API (and this fake) also accept JSON for
 *    /v2/translate and the glossary endpoints, so both encodings are handled everywhere.
 *  - GET /v2/usage, GET /v2/languages[?type=target], GET /v2/glossary-language-pairs,
 *    GET/DELETE /v2/glossaries[/{id}[/entries]], GET/DELETE /v3/glossaries[/{id}[/entries]],
 *    DELETE /v3/glossaries/{id}/dictionaries?source_lang=..&target_lang=.. (query in the path).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

/** `pass`: this request is answered as usual (so a later fault hits the request after it). */
export type FakeDeepLFault = number | 'pass' | 'slow' | 'drop-tag' | 'mangle-tag' | 'move-tag' | 'double-tag' | 'count-mismatch' | 'bad-json' | 'cut-off' | 'reset';

/** How a translate answer is spoilt on the wire (see the 'bad-json', 'cut-off', 'reset' faults). */
type Damage = 'bad-json' | 'cut-off' | 'reset';

export interface FakeDeepLOptions {
  /** Valid auth keys; a request with another key (or none) gets 403. Default ['test-key:fx']. */
  keys?: string[];
  /**
   * Translate function, called once per text of a request that will succeed. Default: a
   * deterministic fake translation that prefixes every non-blank text run with "<BASE>:" where
   * BASE is the target language without region (target en-GB / en-US → "EN:"). With
   * tag_handling=xml|html the runs between tags are prefixed individually and every tag is kept
   * byte-for-byte as sent; content of elements named in ignore_tags is left untouched.
   * Throwing from this function makes the fake answer 500 (nothing billed).
   */
  translate?: (text: string, req: RecordedTranslateRequest) => string;
  /** Delay every response (all endpoints) by this many milliseconds. */
  latencyMs?: number;
  /**
   * 'before' (default): wait `latencyMs`, then do the work (billing happens at the end, as tests
   * of in-flight kills expect). 'total': answer `latencyMs` after the request arrived, the fake's
   * own work done inside that time — as a real server's latency includes its processing; used by
   * benchmarks so the fake's CPU time on a shared machine is not counted as the client's.
   */
  latencyMode?: 'before' | 'total';
  /**
   * Fault injection queue, consumed one entry per authenticated /v2/translate request, in order
   * (a request rejected with 403 for a bad key does not consume an entry):
   *  - a number (429, 456, 500, 503, 403, …): answer with that status and a DeepL-style JSON
   *    error body; nothing is billed;
   *  - 'slow': answer normally after `slowMs`;
   *  - 'drop-tag': answer normally but remove the first XML tag of each translated text;
   *  - 'mangle-tag': answer normally but alter one tag of each translated text (the first tag that
   *    has an id attribute gets id="<old>-mangled"; without id attributes the first tag's name is
   *    changed instead);
   *  - 'bad-json': translate and bill, then answer 200 with a body that is not JSON;
   *  - 'cut-off': translate and bill, then send the 200 status line, headers (with the full
   *    Content-Length) and half the body, and close the connection;
   *  - 'reset': close the connection before any answer; nothing is translated or billed.
   */
  faults?: FakeDeepLFault[];
  /** Delay used by the 'slow' fault. Default 2000 ms. */
  slowMs?: number;
  /**
   * Referee: texts per request DeepL accepts (documented: 50). More get 413, nothing billed.
   * Default 50; Infinity turns the check off.
   */
  maxTexts?: number;
  /**
   * Referee: the server's own work time, proportional to the billed characters of a request (as
   * DeepL's latency grows with the text): each request takes characters ÷ charsPerSecond seconds
   * on top of `latencyMs`. Unset: no such time.
   */
  charsPerSecond?: number;
  /**
   * Referee: the server's own limit per request: a request whose work (see `charsPerSecond`) would
   * take longer is answered 504 after this many ms, nothing billed.
   */
  serverTimeoutMs?: number;
  /**
   * Referee: DeepL bills what it translated even when the client stopped waiting (a timed-out
   * request is paid for, and its retry is paid again). Default false (nothing billed on 499).
   */
  billAbandoned?: boolean;
  /** Referee: statuses answered by GET /v2/usage, one per call, before answering normally. */
  usageFaults?: number[];
  /** Referee: report `character_limit` 10^12, as DeepL does for an account without a limit. */
  unlimited?: boolean;
  /** Referee: a limit on this key alone (`api_key_character_count/limit` in /v2/usage; 456 past it). */
  keyCharacterLimit?: number;
  /**
   * Referee: how tag handling v1 is reported to behave with placeholders (when a request sends
   * tag_handling_version=v1 or none): the first placeholder of a tagged text ends up at the end of
   * the text. v2 (as sent) keeps placeholders where they were and refuses malformed XML with 400,
   * as DeepL documents. Counted in `misplacedTags`. Default false (tests of other features).
   */
  v1MovesTags?: boolean;
  /**
   * Character quota reported by /v2/usage as character_limit (default 500000). A translate
   * request that would push the count over the limit gets 456 and bills nothing.
   */
  characterLimit?: number;
  /** Characters already used at start (usage count = characterCount + billedCharacters). Default 0. */
  characterCount?: number;
  /**
   * Real DeepL still accepts the deprecated bare target_lang=EN / PT (deepl-node refuses them
   * client-side). By default this fake answers 400 so raw-HTTP callers catch the mistake too.
   */
  allowBareTargetLang?: boolean;
}

export interface RecordedTranslateRequest {
  texts: string[];
  sourceLang?: string;
  targetLang: string;
  context?: string;
  tagHandling?: string;
  /** As sent on the wire: deepl-node maps splitSentences 'off' → '0', 'on' → '1'. */
  splitSentences?: string;
  formality?: string;
  glossaryId?: string;
  ignoreTags?: string[];
  nonSplittingTags?: string[];
  modelType?: string;
  /** All parameters as received (form: repeated keys become string[]; JSON: as parsed). */
  raw: Record<string, unknown>;
  bodyBytes: number;
  contentType: string;
  /**
   * HTTP status answered: 200 on success; the fault / error status otherwise; 499 when the
   * client had already gone away (e.g. timed out during a 'slow' fault) so nothing was sent or
   * billed; 0 while the request is still in flight.
   */
  status: number;
  /** The fault-queue entry consumed by this request, if any. */
  fault?: FakeDeepLFault;
  /** The key from the Authorization header (undefined when the header was missing). */
  authKey?: string;
  tagHandlingVersion?: string;
  customInstructions?: string[];
}

export interface FakeGlossary {
  name: string;
  sourceLang: string;
  targetLang: string;
  /** Entries exactly as uploaded. */
  entries: string;
  /** 'tsv' | 'csv' */
  format: string;
  entryCount: number;
  creationTime: string;
}

export interface FakeMultilingualGlossary {
  name: string;
  creationTime: string;
  dictionaries: Array<{
    sourceLang: string;
    targetLang: string;
    entries: string;
    format: string;
    entryCount: number;
  }>;
}

export interface FakeDeepLHttpLogEntry {
  method: string;
  path: string;
  status: number;
}

export interface FakeDeepL {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  /** Every /v2/translate request (successful and failed), in arrival order; see `status`. */
  requests: RecordedTranslateRequest[];
  /**
   * Sum of billed characters of successful translate requests. Counting follows DeepL's
   * documented rule: one Unicode code point = one character, whitespace included; when
   * tag_handling is xml or html the characters of the tags themselves (names, attributes,
   * values, comments, processing instructions, CDATA sections) are NOT billed, only text outside
   * markup, with each character/entity reference (&amp; &#1234; …) counted as one character.
   * Without tag_handling the whole text is billed, tags included.
   */
  billedCharacters: number;
  /** Every text billed, in order (the same text appears twice if it was billed twice). */
  billedTexts: string[];
  /** v2 (single language pair) glossaries by glossary_id. */
  glossaries: Map<string, FakeGlossary>;
  /** v3 multilingual glossaries by glossary_id (separate store from `glossaries`). */
  multilingualGlossaries: Map<string, FakeMultilingualGlossary>;
  /** Every HTTP request the fake answered, all endpoints. */
  httpLog: FakeDeepLHttpLogEntry[];
  /** Characters billed for requests the client had stopped waiting for (`billAbandoned`). */
  abandonedBilledCharacters: number;
  /** Placeholders the v1 model put elsewhere than sent (see `v1MovesTags`). */
  misplacedTags: number;
  setUsageFaults(faults: number[]): void;
  setFaults(faults: FakeDeepLOptions['faults']): void;
  /** Change quota mid-test (count is the starting count; billedCharacters is added on top). */
  setQuota(characterLimit: number, characterCount?: number): void;
  close(): Promise<void>;
}

/* ------------------------------------------------------------------------------------------ */
/* Language tables                                                                             */
/* ------------------------------------------------------------------------------------------ */

const SOURCE_LANGUAGES: Record<string, string> = {
  AR: 'Arabic', BG: 'Bulgarian', CS: 'Czech', DA: 'Danish', DE: 'German', EL: 'Greek',
  EN: 'English', ES: 'Spanish', ET: 'Estonian', FI: 'Finnish', FR: 'French', HE: 'Hebrew',
  HU: 'Hungarian', ID: 'Indonesian', IT: 'Italian', JA: 'Japanese', KO: 'Korean',
  LT: 'Lithuanian', LV: 'Latvian', NB: 'Norwegian', NL: 'Dutch', PL: 'Polish',
  PT: 'Portuguese', RO: 'Romanian', RU: 'Russian', SK: 'Slovak', SL: 'Slovenian',
  SV: 'Swedish', TR: 'Turkish', UK: 'Ukrainian', ZH: 'Chinese',
};

const TARGET_LANGUAGES: Record<string, { name: string; formality: boolean }> = {
  AR: { name: 'Arabic', formality: false },
  BG: { name: 'Bulgarian', formality: false },
  CS: { name: 'Czech', formality: false },
  DA: { name: 'Danish', formality: false },
  DE: { name: 'German', formality: true },
  EL: { name: 'Greek', formality: false },
  'EN-GB': { name: 'English (British)', formality: false },
  'EN-US': { name: 'English (American)', formality: false },
  ES: { name: 'Spanish', formality: true },
  'ES-419': { name: 'Spanish (Latin American)', formality: true },
  ET: { name: 'Estonian', formality: false },
  FI: { name: 'Finnish', formality: false },
  FR: { name: 'French', formality: true },
  HU: { name: 'Hungarian', formality: false },
  ID: { name: 'Indonesian', formality: false },
  IT: { name: 'Italian', formality: true },
  JA: { name: 'Japanese', formality: true },
  KO: { name: 'Korean', formality: false },
  LT: { name: 'Lithuanian', formality: false },
  LV: { name: 'Latvian', formality: false },
  NB: { name: 'Norwegian', formality: false },
  NL: { name: 'Dutch', formality: true },
  PL: { name: 'Polish', formality: true },
  'PT-BR': { name: 'Portuguese (Brazilian)', formality: true },
  'PT-PT': { name: 'Portuguese (European)', formality: true },
  RO: { name: 'Romanian', formality: false },
  RU: { name: 'Russian', formality: true },
  SK: { name: 'Slovak', formality: false },
  SL: { name: 'Slovenian', formality: false },
  SV: { name: 'Swedish', formality: false },
  TR: { name: 'Turkish', formality: false },
  UK: { name: 'Ukrainian', formality: false },
  'ZH-HANS': { name: 'Chinese (simplified)', formality: false },
  'ZH-HANT': { name: 'Chinese (traditional)', formality: false },
};

const GLOSSARY_LANGUAGES = [
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'hu', 'id', 'it', 'ja', 'ko',
  'lt', 'lv', 'nb', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sv', 'tr', 'uk', 'zh',
];

const FORMALITY_VALUES = new Set(['default', 'more', 'less', 'prefer_more', 'prefer_less']);
const SPLIT_SENTENCES_VALUES = new Set(['0', '1', 'nonewlines']);
const TAG_HANDLING_VALUES = new Set(['xml', 'html']);
const MAX_TRANSLATE_BODY = 128 * 1024;
const MAX_OTHER_BODY = 10 * 1024 * 1024;
const HARD_BODY_CAP = 32 * 1024 * 1024;

/* ------------------------------------------------------------------------------------------ */
/* Markup helpers                                                                              */
/* ------------------------------------------------------------------------------------------ */

/** Comments, CDATA, processing instructions, declarations, start/end/empty tags. */
const MARKUP_RE =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<![A-Za-z](?:[^>"']|"[^"]*"|'[^']*')*>|<\/?[A-Za-z_:][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;

interface MarkupToken {
  kind: 'markup' | 'text';
  raw: string;
}

function tokenize(text: string): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKUP_RE)) {
    const idx = m.index ?? 0;
    if (idx > last) tokens.push({ kind: 'text', raw: text.slice(last, idx) });
    tokens.push({ kind: 'markup', raw: m[0] });
    last = idx + m[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', raw: text.slice(last) });
  return tokens;
}

function tagInfo(raw: string): { name: string; closing: boolean; selfClosing: boolean } | undefined {
  const m = /^<(\/?)([A-Za-z_:][^\s/>]*)/.exec(raw);
  if (!m || m[2] === undefined) return undefined;
  return { name: m[2], closing: m[1] === '/', selfClosing: /\/\s*>$/.test(raw) };
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** See FakeDeepL.billedCharacters for the rule. */
export function countBilledCharacters(text: string, tagHandling?: string): number {
  if (tagHandling !== 'xml' && tagHandling !== 'html') return codePoints(text);
  let n = 0;
  for (const t of tokenize(text)) {
    if (t.kind === 'text') n += codePoints(t.raw.replace(/&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, '&'));
  }
  return n;
}

function prefixRun(run: string, prefix: string): string {
  const m = /^(\s*)([\s\S]*)$/.exec(run);
  const lead = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  return rest.length === 0 ? run : `${lead}${prefix}${rest}`;
}

export function defaultFakeTranslate(text: string, req: RecordedTranslateRequest): string {
  const base = (req.targetLang.split('-')[0] ?? req.targetLang).toUpperCase();
  const prefix = `${base}:`;
  if (req.tagHandling !== 'xml' && req.tagHandling !== 'html') return prefixRun(text, prefix);
  const ignore = new Set((req.ignoreTags ?? []).map((t) => t.toLowerCase()));
  const open: string[] = [];
  let out = '';
  for (const t of tokenize(text)) {
    if (t.kind === 'markup') {
      const info = tagInfo(t.raw);
      if (info && !info.selfClosing) {
        const name = info.name.toLowerCase();
        if (!info.closing) open.push(name);
        else {
          const at = open.lastIndexOf(name);
          if (at >= 0) open.length = at;
        }
      }
      out += t.raw;
    } else {
      out += open.some((n) => ignore.has(n)) ? t.raw : prefixRun(t.raw, prefix);
    }
  }
  return out;
}

function dropFirstTag(text: string): string {
  const tokens = tokenize(text);
  const i = tokens.findIndex((t) => t.kind === 'markup');
  if (i < 0) return text;
  tokens.splice(i, 1);
  return tokens.map((t) => t.raw).join('');
}

function doubleFirstTag(text: string): string {
  const tokens = tokenize(text);
  const i = tokens.findIndex((t) => t.kind === 'markup');
  if (i < 0) return text;
  tokens.splice(i, 0, { ...tokens[i]! });
  return tokens.map((t) => t.raw).join('');
}

/** The first placeholder moved to the end of the text (only when words follow it). */
function moveFirstTagToEnd(text: string): string {
  const tokens = tokenize(text);
  const i = tokens.findIndex((t) => t.kind === 'markup' && /\/\s*>$/u.test(t.raw));
  if (i < 0 || !tokens.slice(i + 1).some((t) => t.kind === 'text' && t.raw.trim() !== '')) return text;
  const [tag] = tokens.splice(i, 1);
  tokens.push(tag!);
  return tokens.map((t) => t.raw).join('');
}

/** Balanced elements and no stray `<`/`&`: what DeepL's strict v2 parser accepts. */
function wellFormed(text: string): boolean {
  const open: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === 'text') {
      if (/[<]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/u.test(t.raw)) return false;
      continue;
    }
    const info = tagInfo(t.raw);
    if (!info || info.selfClosing) continue;
    if (!info.closing) open.push(info.name);
    else if (open.pop() !== info.name) return false;
  }
  return open.length === 0;
}

function mangleOneTag(text: string): string {
  const tokens = tokenize(text);
  const withId = tokens.find((t) => t.kind === 'markup' && /\sid\s*=\s*("[^"]*"|'[^']*')/.test(t.raw));
  if (withId) {
    withId.raw = withId.raw.replace(/(\sid\s*=\s*)(["'])([^"']*)\2/, (_m, pre: string, q: string, v: string) => `${pre}${q}${v}-mangled${q}`);
  } else {
    const first = tokens.find((t) => t.kind === 'markup' && tagInfo(t.raw) !== undefined);
    if (!first) return text;
    first.raw = first.raw.replace(/^(<\/?)([A-Za-z_:][^\s/>]*)/, '$1$2-mangled');
  }
  return tokens.map((t) => t.raw).join('');
}

/* ------------------------------------------------------------------------------------------ */
/* Glossary entry parsing                                                                      */
/* ------------------------------------------------------------------------------------------ */

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else cur += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

/** Returns [source, target] pairs or an error message. */
function parseGlossaryEntries(entries: string, format: string): Array<[string, string]> | string {
  if (format !== 'tsv' && format !== 'csv') return `Value for 'entries_format' not supported.`;
  const pairs: Array<[string, string]> = [];
  const seen = new Set<string>();
  const lines = entries.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const fields = format === 'tsv' ? line.split('\t') : parseCsvLine(line);
    // CSV may carry source/target language columns (4 fields); TSV must be exactly 2.
    if (!(fields.length === 2 || (format === 'csv' && fields.length === 4))) {
      return `Invalid glossary entries: line ${i + 1} must contain a source and a target term.`;
    }
    const src = (fields[0] ?? '').trim();
    const tgt = (fields[1] ?? '').trim();
    if (src === '' || tgt === '') return `Invalid glossary entries: empty term on line ${i + 1}.`;
    if (seen.has(src)) return `Invalid glossary entries: duplicate source term '${src}'.`;
    seen.add(src);
    pairs.push([src, tgt]);
  }
  if (pairs.length === 0) return 'Invalid glossary entries: no entries provided.';
  return pairs;
}

function entriesToTsv(entries: string, format: string): string {
  const parsed = parseGlossaryEntries(entries, format);
  return typeof parsed === 'string' ? '' : parsed.map(([s, t]) => `${s}\t${t}`).join('\n');
}

function isGlossaryPair(src: string, tgt: string): boolean {
  return src !== tgt && GLOSSARY_LANGUAGES.includes(src) && GLOSSARY_LANGUAGES.includes(tgt);
}

/* ------------------------------------------------------------------------------------------ */
/* Request parameter helpers                                                                   */
/* ------------------------------------------------------------------------------------------ */

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : str(v[0]);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

function list(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v.map((x) => String(x)) : String(v).split(',');
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

function truthy(v: unknown): boolean {
  const s = str(v);
  return s === '1' || s === 'true';
}

function searchParamsToRecord(sp: URLSearchParams, into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    into[key] = all.length === 1 ? all[0] : all;
  }
  return into;
}

function parseBody(body: Buffer, contentType: string): Record<string, unknown> {
  if (body.length === 0) return {};
  const mime = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mime === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new HttpError(400, 'Invalid request body', 'Body is not valid JSON.');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new HttpError(400, 'Invalid request body', 'JSON body must be an object.');
    }
    return parsed as Record<string, unknown>;
  }
  if (mime === 'application/x-www-form-urlencoded' || mime === '') {
    return searchParamsToRecord(new URLSearchParams(body.toString('utf8')));
  }
  throw new HttpError(415, 'Unsupported Media Type', `Content-Type '${mime}' is not supported.`);
}

/** Collect the flattened `dictionaries[N].field` form keys (or a JSON `dictionaries` array). */
function readDictionaries(params: Record<string, unknown>): Array<Record<string, unknown>> {
  const d = params['dictionaries'];
  if (Array.isArray(d)) return d.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null);
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(params)) {
    const m = /^dictionaries\[(\d+)\]\.(\w+)$/.exec(key);
    if (!m || m[1] === undefined || m[2] === undefined) continue;
    const i = Number(m[1]);
    const entry = byIndex.get(i) ?? {};
    entry[m[2]] = value;
    byIndex.set(i, entry);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/* ------------------------------------------------------------------------------------------ */
/* Server                                                                                      */
/* ------------------------------------------------------------------------------------------ */

export async function startFakeDeepL(options: FakeDeepLOptions = {}): Promise<FakeDeepL> {
  const keys = new Set(options.keys ?? ['test-key:fx']);
  const translate = options.translate ?? defaultFakeTranslate;
  const latencyMs = options.latencyMs ?? 0;
  const slowMs = options.slowMs ?? 2000;
  let faults: FakeDeepLFault[] = [...(options.faults ?? [])];
  let characterLimit = options.characterLimit ?? 500_000;
  let characterCount = options.characterCount ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  let usageFaults: number[] = [...(options.usageFaults ?? [])];
  const maxTexts = options.maxTexts ?? 50;

  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  const fake: FakeDeepL = {
    url: '',
    requests: [],
    billedCharacters: 0,
    billedTexts: [],
    glossaries: new Map(),
    multilingualGlossaries: new Map(),
    httpLog: [],
    abandonedBilledCharacters: 0,
    misplacedTags: 0,
    setUsageFaults(next) {
      usageFaults = [...next];
    },
    setFaults(next) {
      faults = [...(next ?? [])];
    },
    setQuota(limit, count) {
      characterLimit = limit;
      if (count !== undefined) characterCount = count;
    },
    close: async () => undefined,
  };

  const usedCharacters = (): number => characterCount + fake.billedCharacters;

  /* ------------------------------ glossary helpers ------------------------------ */

  const v2Info = (id: string, g: FakeGlossary) => ({
    glossary_id: id,
    name: g.name,
    ready: true,
    source_lang: g.sourceLang,
    target_lang: g.targetLang,
    creation_time: g.creationTime,
    entry_count: g.entryCount,
  });

  const v3Info = (id: string, g: FakeMultilingualGlossary) => ({
    glossary_id: id,
    name: g.name,
    dictionaries: g.dictionaries.map((d) => ({
      source_lang: d.sourceLang,
      target_lang: d.targetLang,
      entry_count: d.entryCount,
    })),
    creation_time: g.creationTime,
  });

  const buildDictionary = (raw: Record<string, unknown>): FakeMultilingualGlossary['dictionaries'][number] => {
    const sourceLang = (str(raw['source_lang']) ?? '').toLowerCase();
    const targetLang = (str(raw['target_lang']) ?? '').toLowerCase();
    const entries = str(raw['entries']) ?? '';
    const format = (str(raw['entries_format']) ?? 'tsv').toLowerCase();
    if (!isGlossaryPair(sourceLang, targetLang)) {
      throw new HttpError(400, 'Unsupported glossary language pair', `Language pair '${sourceLang}'-'${targetLang}' is not supported for glossaries.`);
    }
    const parsed = parseGlossaryEntries(entries, format);
    if (typeof parsed === 'string') throw new HttpError(400, 'Invalid glossary entries provided', parsed);
    return { sourceLang, targetLang, entries, format, entryCount: parsed.length };
  };

  /* ------------------------------ translate ------------------------------ */

  const handleTranslate = async (
    req: http.IncomingMessage,
    body: Buffer,
    query: URLSearchParams,
    authKey: string | undefined,
    clientGone: () => boolean,
  ): Promise<{ status: number; json?: unknown; damage?: Damage }> => {
    const contentType = req.headers['content-type'] ?? '';
    let raw: Record<string, unknown> = searchParamsToRecord(query);
    let parseError: HttpError | undefined;
    try {
      raw = { ...raw, ...parseBody(body, contentType) };
    } catch (e) {
      parseError = e instanceof HttpError ? e : new HttpError(400, 'Invalid request body');
    }
    const rawText = raw['text'];
    const texts = Array.isArray(rawText) ? rawText.map((t) => String(t)) : rawText === undefined ? [] : [String(rawText)];
    const rec: RecordedTranslateRequest = {
      texts,
      targetLang: str(raw['target_lang']) ?? '',
      raw,
      bodyBytes: body.length,
      contentType,
      status: 0,
    };
    const optional: Array<[keyof RecordedTranslateRequest, string | string[] | undefined]> = [
      ['sourceLang', str(raw['source_lang'])],
      ['context', str(raw['context'])],
      ['tagHandling', str(raw['tag_handling'])],
      ['splitSentences', str(raw['split_sentences'])],
      ['formality', str(raw['formality'])],
      ['glossaryId', str(raw['glossary_id'])],
      ['ignoreTags', list(raw['ignore_tags'])],
      ['nonSplittingTags', list(raw['non_splitting_tags'])],
      ['modelType', str(raw['model_type'])],
      ['tagHandlingVersion', str(raw['tag_handling_version'])],
      ['customInstructions', list(raw['custom_instructions'])],
      ['authKey', authKey],
    ];
    for (const [k, v] of optional) if (v !== undefined) (rec as unknown as Record<string, unknown>)[k] = v;
    fake.requests.push(rec);

    const finish = (status: number, json?: unknown) => {
      rec.status = clientGone() ? 499 : status;
      return { status, json };
    };
    const fail = (e: HttpError) =>
      finish(e.status, e.detail === undefined ? { message: e.message } : { message: e.message, detail: e.detail });

    if (authKey === undefined || !keys.has(authKey)) {
      return fail(new HttpError(403, 'Authorization failure', 'Invalid or missing authentication key.'));
    }

    const fault = faults.shift();
    if (fault !== undefined) rec.fault = fault;
    if (fault === 'reset') return { status: 0, damage: 'reset' };
    if (typeof fault === 'number') {
      const messages: Record<number, string> = {
        403: 'Authorization failure',
        429: 'Too many requests',
        456: 'Quota exceeded',
        500: 'Internal server error',
        503: 'Service unavailable',
      };
      return fail(new HttpError(fault, messages[fault] ?? `Injected fault ${fault}`));
    }

    if (body.length > MAX_TRANSLATE_BODY) {
      return fail(new HttpError(413, 'Request Entity Too Large', `Request size exceeds the limit of ${MAX_TRANSLATE_BODY} bytes.`));
    }
    if (parseError) return fail(parseError);

    try {
      if (contentType.toLowerCase().startsWith('application/json') && rawText !== undefined && !Array.isArray(rawText)) {
        throw new HttpError(400, 'Invalid request', "Parameter 'text' must be an array of strings for JSON requests.");
      }
      if (texts.length === 0) throw new HttpError(400, "Parameter 'text' not specified.");
      if (texts.length > maxTexts) throw new HttpError(413, 'Request Entity Too Large', `At most ${maxTexts} texts per request.`);
      if (texts.some((t) => t === '')) throw new HttpError(400, "Parameter 'text' holds an empty text.");
      const v2 = rec.tagHandlingVersion === 'v2';
      if (rec.tagHandlingVersion !== undefined && rec.tagHandlingVersion !== 'v1' && !v2) throw new HttpError(400, "Value for 'tag_handling_version' not supported.");
      if (v2 && rec.tagHandling === 'xml' && texts.some((t) => !wellFormed(t))) throw new HttpError(400, 'Tag handling parsing failed, please check input.');

      const target = rec.targetLang.toUpperCase();
      if (target === '') throw new HttpError(400, "Parameter 'target_lang' not specified.");
      const bare = target === 'EN' || target === 'PT';
      if (!(target in TARGET_LANGUAGES) && !(bare && options.allowBareTargetLang)) {
        throw new HttpError(
          400,
          "Value for 'target_lang' not supported.",
          bare ? `target_lang '${target}' is deprecated, please use a regional variant (e.g. ${target}-GB / ${target}-US, ${target}-PT / ${target}-BR).` : undefined,
        );
      }
      const source = rec.sourceLang?.toUpperCase();
      if (source !== undefined && !(source in SOURCE_LANGUAGES)) {
        throw new HttpError(400, "Value for 'source_lang' not supported.");
      }
      if (rec.splitSentences !== undefined && !SPLIT_SENTENCES_VALUES.has(rec.splitSentences)) {
        throw new HttpError(400, "Value for 'split_sentences' not supported.");
      }
      if (rec.tagHandling !== undefined && !TAG_HANDLING_VALUES.has(rec.tagHandling)) {
        throw new HttpError(400, "Value for 'tag_handling' not supported.");
      }
      if (rec.formality !== undefined) {
        if (!FORMALITY_VALUES.has(rec.formality)) throw new HttpError(400, "Value for 'formality' not supported.");
        const supports = TARGET_LANGUAGES[target]?.formality ?? false;
        if (!supports && (rec.formality === 'more' || rec.formality === 'less')) {
          throw new HttpError(400, "'formality' is not supported for given 'target_lang'.");
        }
      }
      if (rec.glossaryId !== undefined) {
        if (source === undefined) {
          throw new HttpError(400, "Use of a glossary requires the 'source_lang' parameter to be specified.");
        }
        const src = source.toLowerCase();
        const tgt = (target.split('-')[0] ?? target).toLowerCase();
        const v2 = fake.glossaries.get(rec.glossaryId);
        const v3 = fake.multilingualGlossaries.get(rec.glossaryId);
        if (!v2 && !v3) throw new HttpError(400, 'Invalid glossary_id', 'Glossary not found.');
        const ok = v2
          ? v2.sourceLang === src && v2.targetLang === tgt
          : (v3?.dictionaries ?? []).some((d) => d.sourceLang === src && d.targetLang === tgt);
        if (!ok) throw new HttpError(400, `No dictionary found for language pair ${src}-${tgt} in glossary`);
      }

      const charges = texts.map((t) => countBilledCharacters(t, rec.tagHandling));
      const total = charges.reduce((a, b) => a + b, 0);
      if (usedCharacters() + total > characterLimit || (options.keyCharacterLimit !== undefined && fake.billedCharacters + total > options.keyCharacterLimit)) {
        throw new HttpError(456, 'Quota Exceeded', 'Character limit for this billing period has been reached.');
      }

      let outputs: string[];
      try {
        outputs = texts.map((t) => translate(t, rec));
      } catch (e) {
        throw new HttpError(500, 'Internal server error', `fake translate() threw: ${String(e)}`);
      }
      if (fault === 'drop-tag') outputs = outputs.map(dropFirstTag);
      if (fault === 'mangle-tag') outputs = outputs.map(mangleOneTag);
      if (fault === 'double-tag') outputs = outputs.map(doubleFirstTag);
      if (fault === 'move-tag' || (rec.tagHandling === 'xml' && !v2 && options.v1MovesTags === true)) {
        outputs = outputs.map((o) => {
          const moved = moveFirstTagToEnd(o);
          if (moved !== o) fake.misplacedTags++;
          return moved;
        });
      }
      if (fault === 'count-mismatch') outputs = outputs.slice(0, -1);

      if (fault === 'slow') await sleep(slowMs);
      if (options.charsPerSecond !== undefined) {
        const work = (total / options.charsPerSecond) * 1000;
        if (options.serverTimeoutMs !== undefined && work > options.serverTimeoutMs) {
          await sleep(options.serverTimeoutMs);
          throw new HttpError(504, 'Gateway Timeout', 'The request took too long to translate.');
        }
        await sleep(work);
      }
      if (clientGone()) {
        // The work is done: DeepL bills it whether or not anyone is still listening.
        if (options.billAbandoned) {
          fake.billedCharacters += total;
          fake.abandonedBilledCharacters += total;
          fake.billedTexts.push(...texts);
        }
        return finish(499);
      }

      fake.billedCharacters += total;
      fake.billedTexts.push(...texts);
      const detected = source ?? 'UK';
      const showBilled = truthy(raw['show_billed_characters']);
      const modelUsed = rec.modelType === undefined ? undefined : rec.modelType.replace(/^prefer_/, '');
      const answer = finish(200, {
        translations: outputs.map((text, i) => ({
          detected_source_language: detected,
          text,
          ...(showBilled ? { billed_characters: charges[i] ?? 0 } : {}),
          ...(modelUsed !== undefined ? { model_type_used: modelUsed } : {}),
        })),
      });
      return fault === 'bad-json' || fault === 'cut-off' ? { ...answer, damage: fault } : answer;
    } catch (e) {
      if (e instanceof HttpError) return fail(e);
      throw e;
    }
  };

  /* ------------------------------ router ------------------------------ */

  type Result = { status: number; json?: unknown; text?: string; contentType?: string; damage?: Damage };

  const route = async (
    req: http.IncomingMessage,
    body: Buffer,
    clientGone: () => boolean,
  ): Promise<Result> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake-deepl.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const query = url.searchParams;

    const auth = req.headers['authorization'];
    const m = typeof auth === 'string' ? /^DeepL-Auth-Key\s+(.+)$/i.exec(auth.trim()) : null;
    const authKey = m?.[1]?.trim();

    const isTranslate = path === '/v2/translate';
    const v2GlossaryMatch = /^\/v2\/glossaries(?:\/([^/]+)(?:\/(entries))?)?$/.exec(path);
    const v3GlossaryMatch = /^\/v3\/glossaries(?:\/([^/]+)(?:\/(entries|dictionaries))?)?$/.exec(path);
    const known =
      isTranslate ||
      path === '/v2/usage' ||
      path === '/v2/languages' ||
      path === '/v2/glossary-language-pairs' ||
      v2GlossaryMatch !== null ||
      v3GlossaryMatch !== null;
    if (!known) return { status: 404, json: { message: 'Not found', detail: `No such endpoint: ${method} ${path}` } };

    const methodNotAllowed = (): Result => ({ status: 405, json: { message: 'Method not allowed' } });

    if (isTranslate) {
      if (method !== 'POST') return methodNotAllowed();
      return handleTranslate(req, body, query, authKey, clientGone);
    }

    if (authKey === undefined || !keys.has(authKey)) {
      return { status: 403, json: { message: 'Authorization failure', detail: 'Invalid or missing authentication key.' } };
    }
    if (body.length > MAX_OTHER_BODY) return { status: 413, json: { message: 'Request Entity Too Large' } };

    const params = (): Record<string, unknown> => ({
      ...searchParamsToRecord(query),
      ...parseBody(body, req.headers['content-type'] ?? ''),
    });

    if (path === '/v2/usage') {
      if (method !== 'GET' && method !== 'POST') return methodNotAllowed();
      const status = usageFaults.shift();
      if (status !== undefined) return { status, json: { message: `Injected usage fault ${status}` } };
      return {
        status: 200,
        json: {
          character_count: usedCharacters(),
          character_limit: options.unlimited ? 1_000_000_000_000 : characterLimit,
          ...(options.keyCharacterLimit !== undefined ? { api_key_character_count: fake.billedCharacters, api_key_character_limit: options.keyCharacterLimit } : {}),
        },
      };
    }

    if (path === '/v2/languages') {
      if (method !== 'GET' && method !== 'POST') return methodNotAllowed();
      const type = (str(params()['type']) ?? 'source').toLowerCase();
      if (type === 'target') {
        return {
          status: 200,
          json: Object.entries(TARGET_LANGUAGES).map(([language, v]) => ({
            language,
            name: v.name,
            supports_formality: v.formality,
          })),
        };
      }
      if (type !== 'source') return { status: 400, json: { message: "Value for 'type' not supported." } };
      return { status: 200, json: Object.entries(SOURCE_LANGUAGES).map(([language, name]) => ({ language, name })) };
    }

    if (path === '/v2/glossary-language-pairs') {
      if (method !== 'GET') return methodNotAllowed();
      const pairs = GLOSSARY_LANGUAGES.flatMap((s) =>
        GLOSSARY_LANGUAGES.filter((t) => t !== s).map((t) => ({ source_lang: s, target_lang: t })),
      );
      return { status: 200, json: { supported_languages: pairs } };
    }

    const notFound: Result = { status: 404, json: { message: 'Glossary not found' } };

    if (v2GlossaryMatch) {
      const id = v2GlossaryMatch[1] === undefined ? undefined : decodeURIComponent(v2GlossaryMatch[1]);
      const sub = v2GlossaryMatch[2];
      if (id === undefined) {
        if (method === 'GET') {
          return { status: 200, json: { glossaries: [...fake.glossaries].map(([gid, g]) => v2Info(gid, g)) } };
        }
        if (method !== 'POST') return methodNotAllowed();
        const p = params();
        const name = str(p['name']) ?? '';
        if (name === '') return { status: 400, json: { message: "Parameter 'name' not specified." } };
        const dict = buildDictionary(p);
        const g: FakeGlossary = {
          name,
          sourceLang: dict.sourceLang,
          targetLang: dict.targetLang,
          entries: dict.entries,
          format: dict.format,
          entryCount: dict.entryCount,
          creationTime: new Date().toISOString(),
        };
        const gid = randomUUID();
        fake.glossaries.set(gid, g);
        return { status: 201, json: v2Info(gid, g) };
      }
      const g = fake.glossaries.get(id);
      if (!g) return notFound;
      if (sub === 'entries') {
        if (method !== 'GET') return methodNotAllowed();
        return { status: 200, text: entriesToTsv(g.entries, g.format), contentType: 'text/tab-separated-values; charset=utf-8' };
      }
      if (method === 'GET') return { status: 200, json: v2Info(id, g) };
      if (method === 'DELETE') {
        fake.glossaries.delete(id);
        return { status: 204 };
      }
      return methodNotAllowed();
    }

    if (v3GlossaryMatch) {
      const id = v3GlossaryMatch[1] === undefined ? undefined : decodeURIComponent(v3GlossaryMatch[1]);
      const sub = v3GlossaryMatch[2];
      if (id === undefined) {
        if (method === 'GET') {
          return { status: 200, json: { glossaries: [...fake.multilingualGlossaries].map(([gid, g]) => v3Info(gid, g)) } };
        }
        if (method !== 'POST') return methodNotAllowed();
        const p = params();
        const name = str(p['name']) ?? '';
        if (name === '') return { status: 400, json: { message: "Parameter 'name' not specified." } };
        const dicts = readDictionaries(p).map(buildDictionary);
        if (dicts.length === 0) return { status: 400, json: { message: "Parameter 'dictionaries' not specified." } };
        const g: FakeMultilingualGlossary = { name, creationTime: new Date().toISOString(), dictionaries: dicts };
        const gid = randomUUID();
        fake.multilingualGlossaries.set(gid, g);
        return { status: 201, json: v3Info(gid, g) };
      }
      const g = fake.multilingualGlossaries.get(id);
      if (!g) return notFound;
      if (sub === undefined) {
        if (method === 'GET') return { status: 200, json: v3Info(id, g) };
        if (method === 'DELETE') {
          fake.multilingualGlossaries.delete(id);
          return { status: 204 };
        }
        if (method === 'PATCH') {
          const p = params();
          const name = str(p['name']);
          if (name !== undefined && name !== '') g.name = name;
          for (const d of readDictionaries(p).map(buildDictionary)) {
            const existing = g.dictionaries.find((x) => x.sourceLang === d.sourceLang && x.targetLang === d.targetLang);
            if (!existing) {
              g.dictionaries.push(d);
              continue;
            }
            // PATCH merges: new entries override same-source terms, others are kept.
            const merged = new Map(parseGlossaryEntries(existing.entries, existing.format) as Array<[string, string]>);
            for (const [s, t] of parseGlossaryEntries(d.entries, d.format) as Array<[string, string]>) merged.set(s, t);
            existing.entries = [...merged].map(([s, t]) => `${s}\t${t}`).join('\n');
            existing.format = 'tsv';
            existing.entryCount = merged.size;
          }
          return { status: 200, json: v3Info(id, g) };
        }
        return methodNotAllowed();
      }
      const q = params();
      const qs = str(q['source_lang'])?.toLowerCase();
      const qt = str(q['target_lang'])?.toLowerCase();
      if (sub === 'entries') {
        if (method !== 'GET') return methodNotAllowed();
        const dicts = g.dictionaries.filter(
          (d) => (qs === undefined || d.sourceLang === qs) && (qt === undefined || d.targetLang === qt),
        );
        if (dicts.length === 0) return notFound;
        return {
          status: 200,
          json: {
            dictionaries: dicts.map((d) => ({
              source_lang: d.sourceLang,
              target_lang: d.targetLang,
              entries: entriesToTsv(d.entries, d.format),
              entries_format: 'tsv',
            })),
          },
        };
      }
      // sub === 'dictionaries'
      if (method === 'PUT') {
        const d = buildDictionary(q);
        const i = g.dictionaries.findIndex((x) => x.sourceLang === d.sourceLang && x.targetLang === d.targetLang);
        if (i >= 0) g.dictionaries[i] = d;
        else g.dictionaries.push(d);
        return { status: 200, json: { source_lang: d.sourceLang, target_lang: d.targetLang, entry_count: d.entryCount } };
      }
      if (method === 'DELETE') {
        const i = g.dictionaries.findIndex((x) => x.sourceLang === qs && x.targetLang === qt);
        if (i < 0) return notFound;
        g.dictionaries.splice(i, 1);
        return { status: 204 };
      }
      return methodNotAllowed();
    }

    return { status: 404, json: { message: 'Not found' } };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) gone = true;
    });
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > HARD_BODY_CAP) {
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        let result: Result;
        try {
          const answerAt = performance.now() + latencyMs;
          if (options.latencyMode !== 'total') await sleep(latencyMs);
          result = await route(req, body, () => gone || res.destroyed);
          if (options.latencyMode === 'total') await sleep(Math.max(0, answerAt - performance.now()));
        } catch (e) {
          result =
            e instanceof HttpError
              ? { status: e.status, json: e.detail === undefined ? { message: e.message } : { message: e.message, detail: e.detail } }
              : { status: 500, json: { message: 'Internal server error', detail: String(e) } };
        }
        const path = new URL(req.url ?? '/', 'http://fake-deepl.invalid').pathname;
        fake.httpLog.push({ method: req.method ?? 'GET', path, status: gone || res.destroyed ? 499 : result.status });
        if (gone || res.destroyed) return;
        if (result.damage === 'reset') {
          req.socket.destroy();
        } else if (result.damage === 'bad-json') {
          res.writeHead(result.status, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(`${JSON.stringify(result.json).slice(0, -7)}}garbage`);
        } else if (result.damage === 'cut-off') {
          const whole = Buffer.from(JSON.stringify(result.json));
          res.writeHead(result.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(whole.length) });
          res.write(whole.subarray(0, Math.floor(whole.length / 2)));
          const t = setTimeout(() => { timers.delete(t); req.socket.destroy(); }, 20);
          timers.add(t);
        } else if (result.text !== undefined) {
          res.writeHead(result.status, { 'Content-Type': result.contentType ?? 'text/plain; charset=utf-8' });
          res.end(result.text);
        } else if (result.json !== undefined) {
          res.writeHead(result.status, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(result.json));
        } else {
          res.writeHead(result.status);
          res.end();
        }
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${addr.port}`;

  let closing: Promise<void> | undefined;
  fake.close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return fake;
}
