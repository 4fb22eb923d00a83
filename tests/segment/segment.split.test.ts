// Named cases for the Ukrainian segmenter: each reads as a usage example of one rule.
// All example sentences are written for these tests (none is taken from the gold data).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sentenceSpans, splitSentences } from '../../src/segment/split.js';

const split = (text: string): string[] => splitSentences(text);

describe('contract', () => {
  it('returns nothing for empty or whitespace-only text', () => {
    expect(split('')).toEqual([]);
    expect(split('  \n\t \u00a0 ')).toEqual([]);
    expect(sentenceSpans('')).toEqual([]);
  });

  it('gives trimmed, ordered spans that slice to the sentences', () => {
    const text = '  Перше речення.   Друге!  ';
    const spans = sentenceSpans(text);
    expect(spans).toEqual([{ start: 2, end: 16 }, { start: 19, end: 25 }]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(split(text));
  });

  it('defaults to Ukrainian and treats other languages with the same rules', () => {
    expect(splitSentences('Він прийшов. Вона пішла.', 'ru')).toEqual(['Він прийшов.', 'Вона пішла.']);
  });
});

describe('initials', () => {
  it('keeps two initials with the surname', () => {
    expect(split('Доповідь зробив С. О. Петренко. Потім виступив В. В. Коваль.')).toEqual([
      'Доповідь зробив С. О. Петренко.',
      'Потім виступив В. В. Коваль.',
    ]);
  });

  it('keeps one initial with the surname', () => {
    expect(split('Держсекретар М. Помпео прибув до Києва. Візит тривав два дні.')).toHaveLength(2);
  });

  it('keeps two-letter initials and initials after a title', () => {
    expect(split('Зустрілися Дж. Байден і В. Зеленський. Розмова тривала годину.')).toHaveLength(2);
    expect(split('Так сказав акад. Ф. І. Усенко. Ми погодилися.')).toEqual([
      'Так сказав акад. Ф. І. Усенко.',
      'Ми погодилися.',
    ]);
  });

  it('does not take the verb "є" for an initial', () => {
    expect(split('Така можливість є. Але ми нею не скористалися.')).toHaveLength(2);
    expect(split('Чи є заперечення? Є. Тоді голосуємо.')).toEqual(['Чи є заперечення?', 'Є.', 'Тоді голосуємо.']);
  });
});

describe('abbreviations', () => {
  it('does not break after place abbreviations before a name', () => {
    expect(split('Концерт відбувся в м. Кіцмань. Наступний — у с. Мамаївці.')).toEqual([
      'Концерт відбувся в м. Кіцмань.',
      'Наступний — у с. Мамаївці.',
    ]);
    expect(split('Офіс на вул. Хрещатик, 5. Вхід з двору.')).toHaveLength(2);
  });

  it('does not break after legal references before a number', () => {
    expect(split('Відповідно до ч. 1 ст. 119 КК України йому загрожує до 5 років. Суд призначив засідання.'))
      .toHaveLength(2);
  });

  it('keeps currency abbreviations with the country acronym and breaks before a new sentence', () => {
    expect(split('Кредит становить 26 тис. дол. США. Його виплатять у 2026 р. Гроші підуть на ремонт.')).toEqual([
      'Кредит становить 26 тис. дол. США.',
      'Його виплатять у 2026 р.',
      'Гроші підуть на ремонт.',
    ]);
  });

  it('handles тис., млн, млрд and грн', () => {
    expect(split('Збитки сягнули 5 млн грн. Поліція відкрила справу.')).toHaveLength(2);
    expect(split('Бюджет — 3,5 млрд грн. Решта — з фондів.')).toHaveLength(2);
    expect(split('Зарплата зросла до 20 тис. грн на місяць.')).toHaveLength(1);
  });

  it('keeps ім., проф. and див. with what follows', () => {
    expect(split('Вулицю назвали на честь ім. Тараса Шевченка. Це сталося давно.')).toHaveLength(2);
    expect(split('Лекцію прочитав проф. Іваненко. Див. також розд. 3.')).toEqual([
      'Лекцію прочитав проф. Іваненко.',
      'Див. також розд. 3.',
    ]);
  });

  it('ends a sentence after т. д., т. п. and тощо before a capital, not before a lower-case word', () => {
    expect(split('Є яблука, груші, сливи і т. д. Вибір великий.')).toHaveLength(2);
    expect(split('Продають меблі, посуд і т. п. за безцінь.')).toHaveLength(1);
    expect(split('Купили хліб, молоко, масло тощо. Потім пішли додому.')).toHaveLength(2);
  });

  it('ends a sentence after обл. and р-н, which follow the name', () => {
    expect(split('Вибухи чули в Київській обл. Загиблих немає.')).toHaveLength(2);
    expect(split('Обстріляли Нікопольський р-н. Є поранені.')).toHaveLength(2);
    expect(split('У Київській обл. триває евакуація.')).toHaveLength(1);
  });

  it('treats a compound unit after a number like a unit', () => {
    expect(split('Вітер до 20 м/с. Будьте обережні.')).toHaveLength(2);
    expect(split('Ліміт — 50 км/год. Камери працюють.')).toHaveLength(2);
  });

  it('tells the year and century abbreviations from the river and the article', () => {
    expect(split('Це сталося у XIX ст. Відтоді минуло багато часу.')).toHaveLength(2);
    expect(split('Будинок збудували в XIX ст. за проєктом архітектора.')).toHaveLength(1);
    expect(split('Місто стоїть на р. Дніпро. Тут гарно.')).toHaveLength(2);
    expect(split('У 2014 р. Росія окупувала Крим.')).toHaveLength(1);
    expect(split('Війна тривала впродовж 1939–1945 рр. Потім почалася відбудова.')).toHaveLength(2);
  });

  it('keeps a year abbreviation before a bracket', () => {
    expect(split('Стаття вийшла в жовтні 2008 р. (друком) і наробила галасу.')).toHaveLength(1);
  });

  it('treats an unlisted short word before a lower-case word as an abbreviation', () => {
    expect(split('Про це писали амер. видання і брит. газети.')).toHaveLength(1);
  });

  it('breaks before a lower-case word after a whole word (comment style)', () => {
    expect(split('Усе було дуже смачно. смачнішої піци я не їв.')).toHaveLength(2);
  });

  it('accepts the English abbreviations met in quotes and tweets', () => {
    expect(split('The special envoy of the U.S. President arrived. He met Mr. Smith.')).toEqual([
      'The special envoy of the U.S. President arrived.',
      'He met Mr. Smith.',
    ]);
  });

  it('ends a postscript label like a sentence', () => {
    expect(split('Дякую всім. P.S. Фото додаю.')).toEqual(['Дякую всім.', 'P.S.', 'Фото додаю.']);
  });
});

describe('ellipsis and direct speech', () => {
  it('does not break after an ellipsis before a lower-case continuation', () => {
    expect(split('Він стояв і мовчав… і раптом заговорив.')).toHaveLength(1);
    expect(split('Він стояв і мовчав... і раптом заговорив.')).toHaveLength(1);
  });

  it('breaks after an ellipsis before a capital', () => {
    expect(split('Він чекав… Ніхто не прийшов.')).toHaveLength(2);
  });

  it('breaks before a dash that opens a new line of direct speech', () => {
    expect(split('Вона зупинилася… — Завагітніла, — сказала тихо.')).toEqual([
      'Вона зупинилася…',
      '— Завагітніла, — сказала тихо.',
    ]);
    expect(split('— Куди ти? — спитала мати. — Додому.')).toEqual(['— Куди ти? — спитала мати.', '— Додому.']);
  });

  it('keeps the attribution after a dash with the quotation', () => {
    expect(split('"Ми переможемо", – сказав міністр. Зал аплодував.')).toHaveLength(2);
    expect(split('"Чому?" – спитав журналіст. Відповіді не було.')).toEqual([
      '"Чому?" – спитав журналіст.',
      'Відповіді не було.',
    ]);
    expect(split('Що буде далі?.. — питає сусідка.')).toHaveLength(1);
  });

  it('does not break after a question closed by a quote and continued in lower case', () => {
    expect(split('«Хто там?» спитав він тихо.')).toHaveLength(1);
  });
});

describe('quotes', () => {
  it('breaks inside a quotation of several sentences and keeps the attribution with the last', () => {
    expect(split('«Ми переможемо. Це питання часу», — сказав міністр.')).toEqual([
      '«Ми переможемо.',
      'Це питання часу», — сказав міністр.',
    ]);
  });

  it('breaks after a closing quote that ends the sentence', () => {
    expect(split('Він сказав: „Я прийду завтра.“ Але не прийшов.')).toEqual([
      'Він сказав: „Я прийду завтра.“',
      'Але не прийшов.',
    ]);
    expect(split('Фільм називався «Дім». Його зняли торік.')).toHaveLength(2);
    expect(split('"Так." Це все, що він сказав.')).toHaveLength(2);
  });

  it('keeps a bracket that qualifies a quoted title', () => {
    expect(split('Найкасовіші: «Ура, літо!» (2019) і «Зима» (2021).')).toHaveLength(1);
  });
});

describe('multiple punctuation', () => {
  it('splits after ?!, !!!, ?..', () => {
    expect(split('Та невже?! Не може бути!!! Ну що ж?.. Подивимося.')).toEqual([
      'Та невже?!',
      'Не може бути!!!',
      'Ну що ж?..',
      'Подивимося.',
    ]);
  });

  it('splits where a space is missing after ! or ?', () => {
    expect(split('Оце так!!!а я не вірила')).toEqual(['Оце так!!!', 'а я не вірила']);
  });

  it('splits where a space is missing between two sentences after a full stop', () => {
    expect(split('Погода зіпсувалася.Пішов дощ.')).toEqual(['Погода зіпсувалася.', 'Пішов дощ.']);
  });

  it('does not split at an exclamation in brackets', () => {
    expect(split('Бетонний (!) човен стоїть на березі.')).toHaveLength(1);
  });
});

describe('emoticons and emoji (IU comment conventions)', () => {
  it('ends a comment sentence at a smiley', () => {
    expect(split('Дякую за відео)))) Чекаю на наступне.')).toEqual(['Дякую за відео))))', 'Чекаю на наступне.']);
    expect(split('Класно :) Мені сподобалось.')).toEqual(['Класно :)', 'Мені сподобалось.']);
    expect(split('видалила коментар) вибачте.')).toEqual(['видалила коментар)', 'вибачте.']);
  });

  it('gives a smiley after the final punctuation its own sentence', () => {
    expect(split('Яка новина!!!)))')).toEqual(['Яка новина!!!', ')))']);
  });

  it('does not take a closing bracket for a smiley', () => {
    expect(split('Він приїхав (нарешті!) і всі зраділи.')).toHaveLength(1);
    expect(split('Ціни (у гривнях) зросли.')).toHaveLength(1);
  });

  it('does not take a list label for a smiley inside a sentence', () => {
    expect(split('Треба: а) купити хліб, б) помити посуд.')).toHaveLength(1);
  });

  it('never separates an emoji from its variation selector', () => {
    const text = 'Увага‼️ Важлива новина. Дивіться 👍🏽! Далі.';
    const sentences = split(text);
    expect(sentences[0]).toBe('Увага‼️');
    for (const s of sentences) expect(s.charCodeAt(0)).not.toBe(0xfe0f);
    expect(sentences.join(' ')).toBe(text);
  });

  it('keeps emoji after the final punctuation with the sentence they follow', () => {
    expect(split('Ми перемогли!🇺🇦 Наступний матч у вівторок.')).toEqual(['Ми перемогли!🇺🇦', 'Наступний матч у вівторок.']);
    expect(split('Дякуємо! 🙏🏽 Разом ми сильніші.')).toEqual(['Дякуємо! 🙏🏽', 'Разом ми сильніші.']);
    expect(split('Слава Україні! 🇺🇦')).toEqual(['Слава Україні! 🇺🇦']);
    expect(split('Готово. ‼️ Увага, тривога!')).toEqual(['Готово.', '‼️ Увага, тривога!']);
  });

  it('does not break at punctuation that opens a post', () => {
    expect(split('‼️🇺🇦 Breaking news from Kyiv. Details later.')).toEqual([
      '‼️🇺🇦 Breaking news from Kyiv.',
      'Details later.',
    ]);
  });
});

describe('links, handles, numbers', () => {
  it('does not break inside URLs and e-mail addresses', () => {
    expect(split('Пишіть на info@example.com. Або на сайт https://example.com/news?id=5. Дякуємо.')).toEqual([
      'Пишіть на info@example.com.',
      'Або на сайт https://example.com/news?id=5.',
      'Дякуємо.',
    ]);
  });

  it('breaks before a link that follows a sentence', () => {
    expect(split('Повне відео за посиланням. pic.twitter.com/AbCdEf123')).toEqual([
      'Повне відео за посиланням.',
      'pic.twitter.com/AbCdEf123',
    ]);
  });

  it('keeps hashtags and handles inside their sentence', () => {
    expect(split('Стежте за #Ukraine. Також за @NewsUa. Дякую.')).toEqual([
      'Стежте за #Ukraine.',
      'Також за @NewsUa.',
      'Дякую.',
    ]);
  });

  it('does not break inside decimal numbers, dates and ordinals', () => {
    expect(split('Ціна зросла на 2.5 відсотка. Курс — 41,5 грн.')).toHaveLength(2);
    expect(split('Засідання призначено на 21.06.2025. Прийдуть усі.')).toHaveLength(2);
    expect(split('Це сталося 2-го липня. Наступного дня все змінилося.')).toHaveLength(2);
  });

  it('breaks before a number that starts a sentence', () => {
    expect(split('Так пише Олена, Київ. 2017-01-31 19:10')).toEqual(['Так пише Олена, Київ.', '2017-01-31 19:10']);
  });
});

describe('lists, headlines and line breaks', () => {
  it('gives a label that opens a paragraph alone its own sentence (IU convention)', () => {
    expect(split('3) Тиск зростає з глибиною.')).toEqual(['3)', 'Тиск зростає з глибиною.']);
    expect(split('4. Не оподатковуються доходи.')).toEqual(['4.', 'Не оподатковуються доходи.']);
    expect(split('Вступ.\n\n4. Не оподатковуються доходи.')).toEqual(['Вступ.', '4.', 'Не оподатковуються доходи.']);
  });

  it('keeps inline list labels with their items', () => {
    expect(split('Є два кроки. 1. Перший пункт. 2. Другий пункт.')).toEqual([
      'Є два кроки.',
      '1. Перший пункт.',
      '2. Другий пункт.',
    ]);
    expect(split('1. Перший пункт. 2. Другий пункт.')).toEqual(['1. Перший пункт.', '2. Другий пункт.']);
    expect(split('Умови такі. 1) Мир. 2) Безпека.')).toEqual(['Умови такі.', '1) Мир.', '2) Безпека.']);
    expect(split('Причини: 1. нестача кадрів; 2. застаріле обладнання.')).toHaveLength(1);
  });

  it('keeps labels on list lines with their items', () => {
    expect(split('Кроки:\n1. Вимкніть світло.\n2. Зачиніть двері.')).toEqual([
      'Кроки:',
      '1. Вимкніть світло.',
      '2. Зачиніть двері.',
    ]);
  });

  it('starts a new segment at a bulleted or labelled line even after a comma or semicolon', () => {
    expect(split('Потрібні:\n– вода;\n– їжа;\n– ліки.')).toEqual(['Потрібні:', '– вода;', '– їжа;', '– ліки.']);
    expect(split('Потрібні:\n• вода,\n• їжа.')).toEqual(['Потрібні:', '• вода,', '• їжа.']);
    expect(split('План:\nа) зібрати дані;\nб) порахувати.')).toEqual(['План:', 'а) зібрати дані;', 'б) порахувати.']);
    expect(split('Відео тут:\nhttps://example.com/v/1')).toEqual(['Відео тут:', 'https://example.com/v/1']);
  });

  it('ends a headline without punctuation at the line break', () => {
    expect(split('Заголовок без крапки\nПерший абзац тексту. Другий.')).toEqual([
      'Заголовок без крапки',
      'Перший абзац тексту.',
      'Другий.',
    ]);
  });

  it('joins a line wrapped mid-sentence', () => {
    expect(split('Перший рядок, що\nпродовжується тут. Кінець.')).toEqual([
      'Перший рядок, що\nпродовжується тут.',
      'Кінець.',
    ]);
  });

  it('always breaks at a blank line', () => {
    expect(split('без крапки\n\nі з малої літери')).toEqual(['без крапки', 'і з малої літери']);
  });

  it('splits list items on separate lines', () => {
    expect(split('Учасники:\n- Іван\n- Петро')).toEqual(['Учасники:', '- Іван', '- Петро']);
  });

  it('ends a bracketed sentence at its bracket', () => {
    expect(split('(Це окреме речення в дужках.) Далі йде текст.')).toHaveLength(2);
    expect(split('Річка (див. мал. 5) тече на південь. Вона довга.')).toHaveLength(2);
  });
});

describe('sample article source-texts/2025-06/lukashenko-kellogg-minsk.txt', () => {
  const text = readFileSync(new URL('../../source-texts/2025-06/lukashenko-kellogg-minsk.txt', import.meta.url), 'utf8');
  const paragraphs = text.split(/\n\s*\n/u);
  const byStart = (prefix: string): string[] => {
    const paragraph = paragraphs.find((p) => p.trim().startsWith(prefix));
    if (paragraph === undefined) throw new Error(`no paragraph starts with ${prefix}`);
    return split(paragraph);
  };

  it('splits the quote in three and keeps the attribution with the last sentence', () => {
    const sentences = byStart('"Перший зустрівся');
    expect(sentences).toHaveLength(3);
    expect(sentences[1]).toBe('У Палаці Незалежности.');
    expect(sentences[2]).toMatch(/^Делегації .*", – сказано у повідомленні Telegram-каналу\.$/u);
  });

  it('does not split the tweet at U.S. and gives the trailing link its own segment', () => {
    const sentences = byStart('‼️');
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toMatch(/^‼️🇧🇾🇺🇸 Aleksandr .* the U\.S\. President for #Ukraine\.$/u);
    expect(sentences[1]).toBe('pic.twitter.com/kmh5kKqBYE');
  });

  it('keeps the tweet attribution line whole', () => {
    expect(byStart('– Maimunka News')).toEqual(['– Maimunka News (@MaimunkaNews) June 21, 2025']);
  });

  it('splits the Pompeo paragraph in two', () => {
    expect(byStart('У 2020 році')).toHaveLength(2);
  });

  it('splits the BELTA quote in three with the attribution after the question', () => {
    const sentences = byStart('"Ви наробили');
    expect(sentences).toHaveLength(3);
    expect(sentences[1]).toBe('Але я дивуюся, чому.');
    expect(sentences[2]).toMatch(/Америки\?" – цитує БЕЛТА Лукашенка\.$/u);
  });

  it('segments the whole article losing no character', () => {
    const spans = sentenceSpans(text);
    let rebuilt = text.slice(0, spans[0]?.start ?? text.length);
    spans.forEach((s, k) => {
      rebuilt += text.slice(s.start, s.end) + text.slice(s.end, spans[k + 1]?.start ?? text.length);
    });
    expect(rebuilt).toBe(text);
    expect(spans).toHaveLength(19);
  });
});

describe('a list label after a colon', () => {
  it('stays with its item', () => {
    expect(splitSentences('Вимоги такі: 1. Перше речення. 2. Друге речення.')).toEqual(['Вимоги такі: 1. Перше речення.', '2. Друге речення.']);
  });
});
