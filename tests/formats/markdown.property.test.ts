// Property: any Markdown built from the syntax newsrooms use — front matter, headings, emphasis,
// links of every form, images, code, lists, quotes, tables, hard breaks, inline HTML, entities,
// in any mix and with any line endings — goes through XLIFF 1.2 and 2.0 with the identity
// translation and comes back byte for byte, its paired codes well-formed in every segment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/formats/registry.js';
import { codecFor, parseXliff } from '../../src/xliff/read.js';
import { assembleArticle } from '../../src/assemble/assemble.js';
import { allSegments } from '../../src/model.js';
import { identity } from './corpus.js';

const word = fc.constantFrom('Київ', 'уряд', 'ухвалив', 'рішення', 'Зеленський', "м'ята", 'ґанок', 'Євро', 'США', 'т.', 'р.', 'ст.', '2026', '21.06', '3,5', '№', 'ЗСУ', 'news');
const punct = fc.constantFrom('.', ',', '!', '?', '…', ':', ' —', ' «', '»', '(', ')');
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: punct },
  word.map((w) => `**${w}**`), word.map((w) => `*${w}*`), word.map((w) => `_${w}_`), word.map((w) => `~~${w}~~`),
  fc.tuple(word, word).map(([a, b]) => `**${a}. ${b}**`),
  fc.tuple(word, fc.constantFrom('https://example.org/a?b=1', '/news/2026/11/x/', '../vagony/', 'mailto:a@b.ua')).map(([w, u]) => `[${w}](${u})`),
  fc.tuple(word, word).map(([w, t]) => `[${w}](/a "${t}")`),
  word.map((w) => `[${w}][ref]`), fc.constant('[ref]'), fc.constant('<https://uz.gov.ua>'), fc.constant('www.uz.gov.ua/x/'),
  fc.tuple(word, word).map(([a, t]) => `![${a}](/i.jpg "${t}")`), word.map((a) => `![${a}](/i.png)`),
  word.map((w) => `\`${w}\``), fc.constant('<sup>1</sup>'), fc.constant('&amp;'), fc.constant('&nbsp;'), fc.constant('\\*'),
  fc.constant('@UkrzalizniciaUA'), fc.constant('#Україна'), fc.constant('🇺🇦'),
);
const line = fc.array(inline, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).chain((lines) => fc.constantFrom('\n', '  \n', '\\\n').map((br) => lines.join(br)));
const block = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([n, l]) => `${'#'.repeat(n)} ${l}`),
  line.map((l) => `${l}\n====`),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l, i) => `${i + 1}. ${l}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `> ${l}`).join('\n')),
  fc.tuple(word, word, word, word).map(([a, b, c, d]) => `| ${a} | ${b} |\n|---|---|\n| ${c} | ${d} |`),
  fc.constant('```\nкод — не текст\n```'), fc.constant('<div class="x">Підтримайте нас</div>'), fc.constant('***'),
  fc.constant('[ref]: https://t.me/x "Канал"'),
);
const frontMatter = fc.option(fc.tuple(word, word).map(([t, d]) => `---\ntitle: ${t}\ndescription: "${d}"\ntags: [a, b]\n---\n`), { nil: '' });
const markdown = fc.tuple(frontMatter, fc.array(block, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n\n', '\n\n\n', '\r\n\r\n'), fc.constantFrom('', '\n'))
  .map(([fm, blocks, sep, end]) => `${fm}${blocks.join(sep)}${end}`);

describe('Markdown through XLIFF (property)', () => {
  it('comes back byte for byte through both versions, pairs intact', () => {
    fc.assert(
      fc.property(markdown, fc.constantFrom<'1.2' | '2.0'>('1.2', '2.0'), (text, version) => {
        const article = readArticle(text, 'p', 'p.md');
        for (const segment of allSegments(article)) {
          for (const code of segment.codes.filter((c) => c.role !== undefined)) expect(segment.codes.some((c) => c.id === code.pair)).toBe(true);
        }
        const back = parseXliff(codecFor(version).write(identity(article)), 'p.xlf');
        expect(assembleArticle(back).text).toBe(text);
      }),
      { numRuns: 250 },
    );
  });
});
