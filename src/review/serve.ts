// `pereklad review --serve`: the review pages as a local web app where an editor approves, edits
// and rejects, each change saved at once into the XLIFF through the same lock and transitions as
// `pereklad approve` (src/review/unit-store.ts). node:http, because the app is three routes and a
// JSON body: a framework would be one more dependency for nothing.
//
// Who may write: the server binds 127.0.0.1 unless told otherwise. Every page it serves carries a
// token made at start; a save must send it in a header, which a page of another site cannot do
// without a CORS preflight this server never answers, and the Host header must name this server
// (no DNS rebinding). Bound to another address, the token is also required in the URL of every page,
// so only someone given the printed URL gets in.
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Content } from '../model.js';
import { PerekladError } from '../errors.js';
import { ProjectLockedError } from '../project/lock.js';
import { collectTranslations } from './collect.js';
import { findingsWithGlossaries } from './findings.js';
import { reviewView } from './view.js';
import { renderReviewPage } from './page.js';
import { renderIndexPage, type IndexEntry } from './index-page.js';
import { uiText, type UiLanguage } from './i18n.js';
import { REVIEW_APP_SCRIPT } from './app-script.js';
import { BadEditError, fileHash, saveUnitChanges, StaleFileError, type UnitEdit } from './unit-store.js';
import { glossaryTerms } from '../qa/glossary.js';
import { parseXliff } from '../xliff/read.js';
import { xliffPath } from '../project/layout.js';
import { exists, readText } from '../project/io.js';
import { XLIFF_MAX_BYTES } from '../project/limits.js';
import { articleIdFromPath } from '../source/discover.js';

export interface ServeOptions {
  cwd: string;
  localesDir: string;
  glossaryDir: string;
  uiLanguage: UiLanguage;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Fixed token (tests); default a random one per start. */
  token?: string;
}

export interface ReviewServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY = 1024 * 1024;

class HttpError extends PerekladError {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function isContent(value: unknown): value is Content {
  return Array.isArray(value) && value.every((f) => typeof f === 'string' || (typeof f === 'object' && f !== null && typeof (f as { code?: unknown }).code === 'string' && Object.keys(f).length === 1));
}

/** The JSON a page sends, checked field by field: nothing from the request is trusted. */
function parseEdits(body: unknown, date: string): { lang: string; articleId: string; hash: string; edits: UnitEdit[] } {
  const b = body as Record<string, unknown>;
  if (b === null || typeof b !== 'object' || typeof b.lang !== 'string' || typeof b.articleId !== 'string' || typeof b.hash !== 'string' || !Array.isArray(b.edits)) {
    throw new HttpError(400, 'a save needs lang, articleId, hash and edits');
  }
  const edits = b.edits.map((raw: unknown): UnitEdit => {
    const e = raw as Record<string, unknown>;
    if (e === null || typeof e !== 'object' || typeof e.segmentId !== 'string') throw new HttpError(400, 'each edit needs a segmentId');
    const baseValue = e.base === null || e.base === undefined ? undefined : e.base;
    if (baseValue !== undefined && !isContent(baseValue)) throw new HttpError(400, `edit of ${e.segmentId}: base is not segment content`);
    const common = { date, ...(baseValue !== undefined ? { base: baseValue } : { base: [] as Content }) };
    if (e.kind === 'approve') return { segmentId: e.segmentId, change: { kind: 'approve', ...common } };
    if (e.kind === 'edit') {
      if (!isContent(e.content)) throw new HttpError(400, `edit of ${e.segmentId}: content is not segment content`);
      return { segmentId: e.segmentId, change: { kind: 'edit', ...common, content: e.content } };
    }
    if (e.kind === 'reject') {
      if (typeof e.comment !== 'string' || e.comment.trim() === '') throw new HttpError(400, `rejecting ${e.segmentId} needs a comment for the translator`);
      return { segmentId: e.segmentId, change: { kind: 'reject', ...common, comment: e.comment.slice(0, 2000) } };
    }
    throw new HttpError(400, `edit of ${e.segmentId}: kind must be approve, edit or reject`);
  });
  return { lang: b.lang, articleId: b.articleId, hash: b.hash, edits };
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'the request is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the request body is not JSON');
  }
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

function checkArticle(lang: string, articleId: string): void {
  let ok = LANGUAGE_TAG.test(lang);
  try {
    ok = ok && articleIdFromPath(`${articleId}.xlf`) === articleId;
  } catch {
    ok = false;
  }
  if (!ok) throw new HttpError(404, 'no such article');
}

export async function startReviewServer(options: ServeOptions): Promise<ReviewServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(18).toString('base64url');
  const tokenInUrl = !LOOPBACK.has(host);
  const ui = uiText(options.uiLanguage);
  const root = path.resolve(options.cwd, options.localesDir);
  const termsFor = glossaryTerms(path.resolve(options.cwd, options.glossaryDir));
  const q = tokenInUrl ? `?token=${encodeURIComponent(token)}` : '';
  const tokenOk = (given: string | null | undefined): boolean => {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  let port = 0;

  const pageFor = async (lang: string, articleId: string): Promise<string> => {
    checkArticle(lang, articleId);
    const file = xliffPath(root, lang, articleId);
    // Through the store (size limit, UTF-8, no link out of the project), as a save reads it.
    if (!(await exists(file))) throw new HttpError(404, 'no such article');
    const bytes = await readText(file, path.relative(options.cwd, file), XLIFF_MAX_BYTES, 'XLIFF file');
    const doc = parseXliff(bytes, path.relative(options.cwd, file));
    if (!doc.targetLang) doc.targetLang = lang;
    const view = reviewView(doc, await findingsWithGlossaries(options.cwd, options.glossaryDir)(doc));
    return renderReviewPage(view, ui, { index: `/${q}` }, { api: `/api/save${q}`, token, hash: fileHash(bytes), lang, articleId, script: REVIEW_APP_SCRIPT });
  };

  const indexPage = async (): Promise<string> => {
    const findingsFor = findingsWithGlossaries(options.cwd, options.glossaryDir);
    const entries: IndexEntry[] = [];
    // One XLIFF at a time: the index keeps each article's counts, not its document.
    await collectTranslations(options.cwd, options.localesDir, { each: async ({ lang, articleId, doc }) => {
      entries.push({ articleId, lang, href: `/a/${encodeURIComponent(lang)}/${articleId.split('/').map(encodeURIComponent).join('/')}${q}`, counts: reviewView(doc, await findingsFor(doc)).counts });
    } });
    entries.sort((a, b) => a.articleId.localeCompare(b.articleId) || a.lang.localeCompare(b.lang));
    return renderIndexPage(entries, ui, new Date().toISOString());
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    const allowedHosts = new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
    if (!tokenInUrl && !allowedHosts.has(hostHeader)) throw new HttpError(421, 'this server answers only to the address it printed');
    if (tokenInUrl && !tokenOk(url.searchParams.get('token'))) throw new HttpError(403, 'open the URL pereklad printed: it holds the access token');
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
      res.end(body);
    };
    if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html; charset=utf-8', await indexPage());
    const page = /^\/a\/([^/]+)\/(.+)$/u.exec(url.pathname);
    if (req.method === 'GET' && page) {
      const lang = decodeURIComponent(page[1]!);
      const articleId = page[2]!.split('/').map(decodeURIComponent).join('/');
      return send(200, 'text/html; charset=utf-8', await pageFor(lang, articleId));
    }
    if (req.method === 'POST' && url.pathname === '/api/save') {
      if (!tokenOk(req.headers['x-pereklad-token'] as string | undefined)) throw new HttpError(403, 'the save did not come from a page this server made');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'a save is JSON');
      const { lang, articleId, hash, edits } = parseEdits(await readBody(req), new Date().toISOString().replace(/\.\d{3}Z$/u, 'Z'));
      checkArticle(lang, articleId);
      const result = await saveUnitChanges({ cwd: options.cwd, localesDir: options.localesDir, lang, articleId, expectedHash: hash, edits, glossary: await termsFor(lang) });
      if (result.conflicts.length > 0 && result.applied.length === 0) {
        return send(409, 'application/json', JSON.stringify({ error: result.conflicts.map((c) => `${c.segmentId}: ${c.reason}`).join('; ') }));
      }
      return send(200, 'application/json', JSON.stringify({ hash: result.hash, applied: result.applied, unchanged: result.unchanged, conflicts: result.conflicts }));
    }
    throw new HttpError(404, 'not found');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : err instanceof StaleFileError ? 409 : err instanceof BadEditError ? 422 : err instanceof ProjectLockedError ? 503 : err instanceof PerekladError ? 400 : 500;
      const message = err instanceof PerekladError ? err.message : 'the server failed; see its output';
      if (!(err instanceof PerekladError)) process.stderr.write(`pereklad review --serve: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ error: message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/${q}`,
    token,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
