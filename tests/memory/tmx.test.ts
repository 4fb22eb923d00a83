// TMX in and out: pereklad's own export re-imports losslessly; a TMX as OmegaT writes it (tags in
// its notation, no pereklad props) still leverages; broken files are reported with file and line.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import { writeTmx, readTmx, toOmegatNotation } from '../../src/memory/tmx.js';
import type { TmEntry } from '../../src/memory/tm.js';
import type { Content, InlineCode } from '../../src/model.js';
import { BadInputError } from '../../src/errors.js';
import { parseArticle } from '../../src/source/parse.js';
import { allSegments } from '../../src/model.js';
import { parseXliff } from '../../src/xliff/read.js';
import { makeWorkspace, type Workspace } from '../helpers/workspace.js';
import { RecordingEngine, translate, xlf } from './helpers.js';

const LINKS = '@handle пише про #теґ сьогодні: https://example.org/a?b=1&c=2 🇺🇦\n\nДеталі: https://example.org та @handle, «лапки» & <кутові> дужки.\n';

function entriesOf(text: string): TmEntry[] {
  const article = parseArticle(text, 'links', 'links.txt');
  return [...allSegments(article)].map((s, i): TmEntry => ({
    lang: i === 0 ? 'en-GB' : 'de', source: s.content, codes: s.codes,
    target: s.content.map((f) => (typeof f === 'string' ? `T:${f}` : f)).reverse(),
    state: i === 0 ? 'reviewed' : 'translated', provenance: i === 0 ? { origin: 'human' } : { origin: 'mt', engine: 'deepl', date: '2025-06-21T10:00:00Z' },
    origin: `locales/x/${i}.xlf`, context: { prev: 'a', next: '' }, codesKnown: true,
  }));
}

describe('TMX', () => {
  it('re-imports its own export losslessly, edge codes, code texts, states and provenance included', () => {
    const entries = entriesOf(LINKS);
    const tmx = writeTmx(entries);
    const read = readTmx(tmx, 'x.tmx');
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual(entries);
    expect(writeTmx(read.entries)).toBe(tmx);
  });

  it('writes tags in OmegaT notation as text, and a translation edited in another tool wins over the stored JSON', () => {
    const [entry] = entriesOf(LINKS);
    const tmx = writeTmx([entry!]);
    expect(tmx).not.toMatch(/<seg>[^<]*<ph/u);
    expect(tmx).toMatch(/&lt;\p{L}\d+\/&gt;/u);
    const notation = toOmegatNotation(entry!.source, entry!.target, entry!.codes);
    const edited = tmx.replace(`<seg>${notation.target.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</seg>`, '<seg>Edited by hand.</seg>');
    expect(edited).not.toBe(tmx);
    const read = readTmx(edited, 'x.tmx');
    expect(read.entries[0]!.target).toEqual(['Edited by hand.']);
  });

  it('names a titled link or image as OmegaT 3.6 does: the title placeholder inside the pair is numbered after it', () => {
    // OmegaT 3.6's pseudo-translated TMX of the Markdown corpus article (tests/formats/omegat.test.ts).
    const link: InlineCode[] = [
      { id: '1', kind: 'link', text: '[', role: 'open', pair: '3' },
      { id: '2', kind: 'markup', text: '](https://www.kmu.gov.ua/news/2026/11/rishennia "' },
      { id: '3', kind: 'link', text: '")', role: 'close', pair: '1' },
    ];
    const linked: Content = [{ code: '1' }, 'Деталі тут', { code: '2' }, 'Постанова уряду', { code: '3' }, '.'];
    expect(toOmegatNotation(linked, linked, link)).toEqual({ source: '<g0>Деталі тут<h1/>Постанова уряду</g0>.', target: '<g0>Деталі тут<h1/>Постанова уряду</g0>.' });
    // An image caption filling the segment: the pair is left out, the title placeholder becomes <i0/>.
    const image: InlineCode[] = [
      { id: '1', kind: 'image', text: '![', role: 'open', pair: '3' },
      { id: '2', kind: 'markup', text: '](/images/2026/11/elektrychka.jpg "' },
      { id: '3', kind: 'image', text: '")', role: 'close', pair: '1' },
    ];
    const captioned: Content = [{ code: '1' }, 'Поїзд', { code: '2' }, 'Фото: Укрзалізниця', { code: '3' }];
    const target: Content = [{ code: '1' }, 'A train', { code: '2' }, 'Photo: Ukrzaliznytsia', { code: '3' }];
    expect(toOmegatNotation(captioned, target, image)).toEqual({ source: 'Поїзд<i0/>Фото: Укрзалізниця', target: 'A train<i0/>Photo: Ukrzaliznytsia' });
  });

  it('a TMX without pereklad props (as OmegaT writes it, with a DOCTYPE) fills matching segments', async () => {
    const ws = await makeWorkspace();
    try {
      const text = 'Деталі за посиланням https://example.org/x сьогодні.\n';
      await ws.write('source-texts/a.txt', text);
      await ws.write('tm/omegat.tmx', `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="uk" datatype="plaintext" segtype="sentence"/>
  <body>
    <tu>
      <tuv lang="uk"><seg>Деталі за посиланням &lt;h0/&gt; сьогодні.</seg></tuv>
      <tuv lang="en-GB"><seg>Details at &lt;h0/&gt; today.</seg></tuv>
    </tu>
  </body>
</tmx>
`);
      const engine = new RecordingEngine();
      const run = await translate(ws.dir, engine);
      expect(run.summary.errors).toEqual([]);
      expect(run.reporter.warnings).toEqual([]);
      expect(engine.sent).toEqual([]);
      const doc = parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8'), 'a.xlf');
      const target = doc.targets.get('p1-1')!;
      expect(target.state).toBe('translated');
      expect(target.content).toEqual(['Details at ', { code: '1' }, ' today.']);
    } finally {
      await ws.cleanup();
    }
  });
});

describe('broken memory files', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await ws.write('source-texts/a.txt', 'Перше речення. Друге речення.\n');
    await ws.write('source-texts/b.txt', 'Третє речення.\n');
  });
  afterEach(async () => { await ws.cleanup(); });

  it('an unreadable TMX is reported with file and line, left out, and the job goes on', async () => {
    await ws.write('tm/broken.tmx', '<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="uk"><seg>а</seg></tuv>\n</body>\n</tmx>\n');
    await ws.write('tm/half.tmx', '<tmx version="1.4"><header srclang="uk"/><body>\n<tu><tuv xml:lang="en-GB"><seg>only a target</seg></tuv></tu>\n</body></tmx>\n');
    const run = await translate(ws.dir, new RecordingEngine());
    expect(run.summary.errors).toEqual([]);
    expect(run.reporter.warnings.join('\n')).toMatch(/tm\/broken\.tmx:\d+(:\d+)?: .*left out/u);
    expect(run.reporter.warnings.join('\n')).toMatch(/tm\/half\.tmx:2: .*source language/u);
    expect(() => readTmx('<tmx><body><tu>', 'x.tmx')).toThrow(BadInputError);
  });

  it("an article's corrupt XLIFF is reported with file and line, never overwritten, and the other articles are done", async () => {
    const engine = new RecordingEngine();
    await translate(ws.dir, engine);
    const corrupt = (await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8')).replace('</trans-unit>', '</trans-unti>');
    await ws.write('locales/en-GB/a.xlf', corrupt);
    await ws.write('source-texts/b.txt', 'Третє речення змінилося.\n');
    engine.sent.length = 0;
    const run = await translate(ws.dir, engine);
    expect(run.summary.errors).toHaveLength(1);
    expect(run.summary.errors[0]).toMatch(/^locales\/en-GB\/a\.xlf:\d+:\d+: .*skipped/u);
    expect(await readFile(xlf(ws.dir, 'en-GB', 'a'), 'utf8')).toBe(corrupt);
    expect(engine.sent).toEqual(['Третє речення змінилося.']);
    const b = parseXliff(await readFile(xlf(ws.dir, 'en-GB', 'b'), 'utf8'), 'b.xlf');
    expect(b.targets.get('p1-1')?.content).toEqual(['EN:Третє речення змінилося.']);
  });
});
