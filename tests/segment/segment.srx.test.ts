// SRX 2.0 export and import: well-formed output, a lossless round trip, errors that say where,
// and user rules that take precedence over the built-in scanner.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSegmenter, defaultRules, extendRules, splitSentences } from '../../src/segment/split.js';
import { javaToJs } from '../../src/segment/java-regex.js';
import { rulesToSrx, srxToRules, SrxError } from '../../src/segment/srx.js';
import { missing, titled } from '../helpers/requirements.js';

const noXmllint = missing('xmllint');

const dir = mkdtempSync(join(tmpdir(), 'pereklad-srx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('rulesToSrx', () => {
  const xml = rulesToSrx(defaultRules('uk'));

  it('writes an SRX 2.0 document with a Ukrainian language rule and map', () => {
    expect(xml).toContain('<srx xmlns="http://www.lisa.org/srx20" version="2.0">');
    expect(xml).toContain('<header segmentsubflows="yes" cascade="yes">');
    expect(xml).toContain('<languagerule languagerulename="Ukrainian">');
    expect(xml).toContain('<languagemap languagepattern="uk.*" languagerulename="Ukrainian"/>');
    expect(xml).toMatch(/<rule break="no">\s*<beforebreak>[^<]+<\/beforebreak>\s*<afterbreak>/u);
  });

  it.skipIf(noXmllint !== undefined)(titled('is well-formed XML according to xmllint', noXmllint), () => {
    const file = join(dir, 'uk.srx');
    writeFileSync(file, xml);
    expect(() => execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' })).not.toThrow();
  });

  it('escapes XML characters in patterns and notes', () => {
    const rules = extendRules(defaultRules('uk'), {
      rules: [{ break: false, before: 'a<b&c"d', after: '(?=>)', note: 'tricky -- note' }],
    });
    const out = rulesToSrx(rules);
    expect(out).toContain('<beforebreak>a&lt;b&amp;c&quot;d</beforebreak>');
    expect(out).toContain('<!-- tricky - - note -->');
  });
});

describe('srxToRules', () => {
  it('round-trips: export → import → export gives the same document and the same rules', () => {
    const xml = rulesToSrx(defaultRules('uk'));
    const imported = srxToRules(xml, 'uk');
    expect(imported.builtin).toBe(false);
    expect(imported.name).toBe('Ukrainian');
    expect(imported.languagePattern).toBe('uk.*');
    expect(rulesToSrx(imported)).toBe(xml);
    expect(srxToRules(rulesToSrx(imported)).rules).toEqual(imported.rules);
  });

  it('segments with the imported rules like the built-in scanner on ordinary news text', () => {
    const segmenter = createSegmenter(srxToRules(rulesToSrx(defaultRules('uk'))));
    const text = 'Делегацію очолив проф. С. О. Петренко. Візит до м. Київ коштував 26 тис. дол. США. ' +
      '"Чому?" – спитав журналіст. «Ми переможемо», — сказав він… і замовк. Та невже?! Так.';
    expect(segmenter.split(text)).toEqual(splitSentences(text));
  });

  it('carries the list, bullet, emoji and place-name rules into SRX', () => {
    const segmenter = createSegmenter(srxToRules(rulesToSrx(defaultRules('uk'))));
    for (const text of [
      'Є два кроки. 1. Перший пункт. 2. Другий пункт.',
      'Кроки:\n1. Вимкніть світло.\n2. Зачиніть двері.',
      'Потрібні:\n– вода;\n• їжа,\nа) ліки.',
      'Ми перемогли!🇺🇦 Далі матч. Дякуємо! 🙏🏽 Разом сильніші. Слава! 🇺🇦',
      'Вибухи чули в Київській обл. Є поранені, і т. п. Вітер до 20 м/с. Площа 12 кв. м. Все.',
      '‼️ Увага, тривога!',
    ]) {
      expect(segmenter.split(text)).toEqual(splitSentences(text));
    }
  });

  it('cascades the rules of every matching language map', () => {
    const xml = `<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Ukrainian"><rule break="no"><beforebreak>вул\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>
      <languagerule languagerulename="Default"><rule><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="uk.*" languagerulename="Ukrainian"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>`;
    const uk = srxToRules(xml, 'uk-UA');
    expect(uk.rules.map((r) => r.break)).toEqual([false, true]);
    expect(createSegmenter(uk).split('Живе на вул. Садовій. Давно.')).toEqual(['Живе на вул. Садовій.', 'Давно.']);
    expect(srxToRules(xml, 'en').rules).toHaveLength(1);
  });

  it('names the line and column of malformed XML', () => {
    const bad = '<srx xmlns="http://www.lisa.org/srx20" version="2.0">\n  <body>\n    <oops>\n</srx>';
    expect(() => srxToRules(bad)).toThrow(SrxError);
    expect(() => srxToRules(bad)).toThrow(/line \d+, column \d+/u);
  });

  it('refuses a DOCTYPE, so no entity can be declared or expanded', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY x "boom">]><srx xmlns="http://www.lisa.org/srx20" version="2.0"/>';
    expect(() => srxToRules(xml)).toThrow(/DOCTYPE/u);
  });

  it('refuses another root, namespace or version', () => {
    expect(() => srxToRules('<srx version="2.0"/>')).toThrow(SrxError);
    expect(() => srxToRules('<srx xmlns="http://www.lisa.org/srx20" version="1.0"/>')).toThrow(/version/u);
  });

  it('refuses a pattern that is not a usable regular expression', () => {
    const xml = `<srx xmlns="http://www.lisa.org/srx20" version="2.0"><body><languagerules>
<languagerule languagerulename="X"><rule><beforebreak>([a-z</beforebreak><afterbreak/></rule></languagerule>
</languagerules><maprules><languagemap languagepattern=".*" languagerulename="X"/></maprules></body></srx>`;
    expect(() => srxToRules(xml)).toThrow(/X rule 1 <beforebreak>/u);
  });
});

describe('Java regex dialect', () => {
  it('translates what Java spells differently', () => {
    expect(javaToJs('\\p{javaLowerCase}').source).toBe('\\p{Ll}');
    expect(javaToJs('\\p{IsLu}').source).toBe('\\p{Lu}');
    expect(javaToJs('\\«\\"').source).toBe('«"');
    expect(javaToJs('a++b*+').source).toBe('a+b*');
    expect(javaToJs('(?i)abc').flags).toBe('i');
    expect(javaToJs('\\Qa.b\\E').source).toBe('a\\.b');
    expect(new RegExp(javaToJs('\\h+').source, 'u').test('\u00a0')).toBe(true);
  });

  it('refuses what JavaScript cannot express', () => {
    expect(() => javaToJs('[a-z&&[^aeiou]]')).toThrow(SrxError);
    expect(() => javaToJs('a(?i)b')).toThrow(/inline flags/u);
    expect(() => javaToJs('\\p{InGreek}')).toThrow(/block/u);
  });
});

describe('user rules and abbreviations', () => {
  it('adds abbreviations to the built-in scanner', () => {
    const text = 'Див. вищезгад. Постанову. Далі.';
    expect(splitSentences(text)).toHaveLength(3);
    const rules = extendRules(defaultRules('uk'), { abbreviations: { title: ['вищезгад'] } });
    expect(splitSentences(text, 'uk', rules)).toEqual(['Див. вищезгад. Постанову.', 'Далі.']);
  });

  it('lets a no-break rule override the scanner and a break rule add a boundary', () => {
    const rules = extendRules(defaultRules('uk'), {
      rules: [
        { break: false, before: '\\bInc\\.', after: '\\s' },
        { break: true, before: ':', after: '\\s+—' },
      ],
    });
    const segmenter = createSegmenter(rules);
    expect(segmenter.split('Працює в Acme Inc. Вона задоволена.')).toEqual(['Працює в Acme Inc. Вона задоволена.']);
    expect(segmenter.split('Він сказав: — Ходімо.')).toEqual(['Він сказав:', '— Ходімо.']);
  });

  it('exports user rules ahead of the built-in ones', () => {
    const rules = extendRules(defaultRules('uk'), { rules: [{ break: true, before: ';', after: '\\s' }] });
    const imported = srxToRules(rulesToSrx(rules));
    expect(imported.rules[0]).toEqual({ break: true, before: ';', after: '\\s' });
  });
});

describe('SRX export: references after short abbreviations', () => {
  it('ends a sentence after "ст. 119." like the built-in scanner does', () => {
    const rules = srxToRules(rulesToSrx(defaultRules('uk')), 'uk');
    const text = 'Це передбачає ст. 119. Далі буде.';
    expect(splitSentences(text, 'uk', rules)).toEqual(splitSentences(text));
    expect(splitSentences('Вимоги такі: 1. Перше речення. 2. Друге речення.', 'uk', rules)).toEqual(splitSentences('Вимоги такі: 1. Перше речення. 2. Друге речення.'));
    // A label after a sentence still stays with its item.
    expect(splitSentences('Вимоги прості. 1. Перше речення. 2. Друге речення.', 'uk', rules)).toEqual(['Вимоги прості.', '1. Перше речення.', '2. Друге речення.']);
  });
});
