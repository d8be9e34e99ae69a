/** Campaign file validation, localization and the delivery CSV's escaping. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildCampaign, ConfigError } from '../../src/endpoint/config.js';
import { csvField } from '../../src/endpoint/csv.js';

type Raw = Record<string, unknown> & { cases: Record<string, unknown>[] };
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Raw;
const fixture = () => read('test/endpoint/fixtures/campaign.json');
const demo = () => read('campaigns/write-for-rights-2020.json');

/** The problems ConfigError lists for `raw`, one a line. */
function problemsOf(raw: unknown): string {
  try {
    buildCampaign(raw, 'x.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems.join('\n');
  }
  assert.fail('the campaign was accepted');
}

describe('campaign file', () => {
  it('keeps personal data 730 days after a case closes unless the campaign or the case says otherwise', () => {
    const raw = fixture();
    const plain = buildCampaign(raw);
    assert.deepEqual(plain.retention('closed-petition'), {
      closes: '2020-12-31T23:59:59Z',
      personalDataDays: 730,
      expires: new Date('2022-12-31T23:59:59Z'),
    });
    assert.deepEqual(plain.retention('no-petition'), { closes: null, personalDataDays: 730, expires: null });
    raw.retention = { personalDataDays: 365 };
    raw.cases[0]!.closes = '2021-01-31';
    raw.cases[0]!.retention = { personalDataDays: 0 };
    const own = buildCampaign(raw);
    assert.equal(own.retention('closed-petition').personalDataDays, 365);
    assert.deepEqual(own.retention(raw.cases[0]!.id as string), {
      closes: '2021-01-31',
      personalDataDays: 0,
      expires: new Date('2021-01-31T00:00:00Z'),
    });
    assert.equal('retention' in own.localized(raw.cases[0]!.id as string, [])!, false, 'not public');
    assert.equal('closes' in own.localized(raw.cases[0]!.id as string, [])!, false, 'not public');
  });

  it('refuses a retention of -1 or ten million days, or a half day, naming the field', () => {
    for (const days of [-1, 10_000_000, 0.5]) {
      const raw = fixture();
      raw.retention = { personalDataDays: days };
      assert.match(problemsOf(raw), /^retention\.personalDataDays: /);
      const perCase = fixture();
      perCase.cases[3]!.retention = { personalDataDays: days };
      assert.match(problemsOf(perCase), /^cases\[3\]\.retention\.personalDataDays: /);
    }
    const badDate = fixture();
    badDate.cases[1]!.closes = 'next spring';
    assert.match(problemsOf(badDate), /^cases\[1\]\.closes: /);
  });

  it('accepts the demo campaign that ships', () => {
    assert.equal(buildCampaign(demo()).ids.length, 4);
  });

  it('serves translations with the source as fallback', () => {
    const campaign = buildCampaign(fixture());
    const es = campaign.localized('gustavo-gatica', ['es-CL']);
    assert.equal(es?.lang, 'es');
    assert.equal(es?.target.title, 'Fiscal Nacional de Chile');
    assert.equal(es?.target.name, 'Jorge Abbott Charme');
    assert.equal(campaign.localized('gustavo-gatica', ['de'])?.lang, 'en');
  });

  it('serves every demo case in each language the widgets speak', () => {
    const campaign = buildCampaign(demo());
    for (const id of campaign.ids) {
      const source = campaign.localized(id, ['en'])!;
      for (const lang of ['es', 'fr', 'ar', 'tr']) {
        const served = campaign.localized(id, [lang]);
        assert.equal(served?.lang, lang, `${id} in ${lang}`);
        assert.notEqual(served?.headline, source.headline, `${id}: headline in ${lang}`);
        assert.notEqual(served?.letter?.points[0], source.letter?.points[0], `${id}: letter in ${lang}`);
        assert.notEqual(served?.letter?.postage, source.letter?.postage, `${id}: postage in ${lang}`);
        assert.notEqual(served?.share?.text, source.share?.text, `${id}: share text in ${lang}`);
      }
    }
  });

  it('names each bad field', () => {
    const raw = fixture();
    (raw.cases[2]!.petition as { goal: number }).goal = 0;
    raw.cases[1]!.id = raw.cases[0]!.id;
    raw.origins = ['partner.example.org'];
    (raw.cases[0] as Record<string, unknown>).petiton = {};
    const text = problemsOf(raw);
    assert.match(text, /cases\[2\]\.petition\.goal: /);
    assert.match(text, /origins\[0\]: /);
    assert.match(text, /cases\[0\]: .*petiton/);
  });

  it('lets a case override the campaign moderation', () => {
    const raw = fixture();
    raw.cases[0]!.moderation = { mode: 'auto' };
    const campaign = buildCampaign(raw);
    assert.equal(campaign.moderation(raw.cases[0]!.id as string).mode, 'auto');
    assert.equal(campaign.moderation(raw.cases[1]!.id as string).mode, 'pre');
  });
});

/** One case with every section, in English, and an Arabic translation of what the rule requires. */
function oneCase(translation: Record<string, unknown> = {}, source: Record<string, unknown> = {}): Raw {
  return {
    name: 'Translations',
    origins: ['*'],
    limits: { windowSeconds: 60, signatures: 1, messages: 1, letters: 1, uploads: 1 },
    cases: [
      {
        id: 'ana',
        name: 'Ana',
        country: 'CL',
        lang: 'en',
        headline: 'Jailed for a protest',
        summary: 'Ana was jailed.',
        story: 'Ana is a student.',
        image: { src: '/ana.jpg', alt: 'Ana smiling' },
        target: { name: 'Jorge Abbott', title: 'National Prosecutor', address: 'Santiago' },
        petition: { text: 'Free Ana.', goal: 100 },
        letter: {
          salutation: 'Dear Prosecutor,',
          points: ['Free Ana.'],
          closing: 'Yours sincerely,',
          postage: 'A stamp for Chile.',
          card: { salutation: 'Dear Ana,', text: 'Stay strong.' },
        },
        share: { text: 'Stand with Ana', hashtags: ['W4R'] },
        ...source,
        translations: {
          ar: { headline: 'سُجنت بسبب احتجاج', summary: 'سُجنت آنا.', story: 'آنا طالبة.', ...translation },
        },
      },
    ],
  };
}

const ARABIC_SECTIONS = {
  image: { alt: 'آنا تبتسم' },
  target: { title: 'النائب العام' },
  petition: { text: 'أطلقوا سراح آنا.' },
  letter: {
    salutation: 'حضرة النائب العام،',
    points: ['أطلقوا سراح آنا.'],
    closing: 'مع فائق الاحترام،',
    postage: 'طابع إلى تشيلي.',
    card: { salutation: 'عزيزتي آنا،', text: 'كوني قوية.' },
  },
  share: { text: 'قفوا مع آنا' },
};

const arabic = (raw: Raw) => buildCampaign(raw).localized('ana', ['ar'])!;

describe('translations of case sections', () => {
  it('serves each section a translation leaves out in the source language, marked with its own lang', () => {
    const served = arabic(oneCase());
    assert.equal(served.lang, 'ar');
    assert.equal(served.headline, 'سُجنت بسبب احتجاج');
    assert.equal(served.name, 'Ana', 'a name not given stays as it is');
    for (const section of ['image', 'target', 'petition', 'letter', 'share'] as const) {
      assert.equal(served[section]?.lang, 'en', `${section} says it is in English`);
    }
    assert.equal(served.letter?.closing, 'Yours sincerely,');
  });

  it('marks no section that the translation gives, and keeps the non-text fields of the source', () => {
    const served = arabic(oneCase(ARABIC_SECTIONS));
    for (const section of ['image', 'target', 'petition', 'letter', 'share'] as const) {
      assert.equal(served[section]?.lang, undefined, `${section} is in the case's language`);
    }
    assert.equal(served.petition?.goal, 100);
    assert.deepEqual(served.share?.hashtags, ['W4R']);
    assert.equal(served.image?.src, '/ana.jpg');
    assert.deepEqual(served.target, { name: 'Jorge Abbott', title: 'النائب العام', address: 'Santiago' });
  });

  it('leaves a target without a title unmarked: a name and an address have no language', () => {
    const served = arabic(oneCase({}, { target: { name: 'Jorge Abbott', address: 'Santiago' } }));
    assert.equal(served.target.lang, undefined);
  });

  it("marks a fallen-back section with the language it is written in, the source section's own", () => {
    const raw = oneCase(
      {},
      {
        letter: {
          salutation: 'Estimado Fiscal:',
          points: ['Libere a Ana.'],
          closing: 'Atentamente,',
          lang: 'es',
        },
      },
    );
    (raw.cases[0]!.translations as Record<string, unknown>).es = {
      headline: 'Encarcelada por protestar',
      summary: 'Ana fue encarcelada.',
      story: 'Ana es estudiante.',
    };
    const campaign = buildCampaign(raw);
    assert.equal(campaign.localized('ana', ['ar'])!.letter?.lang, 'es');
    assert.equal(campaign.localized('ana', ['es'])!.letter?.lang, undefined, 'Spanish in a Spanish case');
    assert.equal(campaign.localized('ana', ['en'])!.letter?.lang, 'es');
  });

  it('names each text field a translation leaves out', () => {
    const letter = ARABIC_SECTIONS.letter;
    const cases: [string, Record<string, unknown>, string][] = [
      ['the summary', { summary: undefined }, 'summary'],
      ['the story of a case that has one', { story: undefined }, 'story'],
      ['the petition text', { petition: {} }, 'petition.text'],
      ['the closing of the letter', { letter: { ...letter, closing: undefined } }, 'letter.closing'],
      ['the postage of the letter', { letter: { ...letter, postage: undefined } }, 'letter.postage'],
      ['the points of the letter', { letter: { ...letter, points: undefined } }, 'letter.points'],
      ["the card's text", { letter: { ...letter, card: { salutation: 'عزيزتي آنا،' } } }, 'letter.card.text'],
      ['the share text', { share: { hashtags: ['حرية'] } }, 'share.text'],
      ['the alt text of the image', { image: { src: '/ana-ar.jpg' } }, 'image.alt'],
    ];
    const messages: Record<string, string> = {
      summary: 'Required: a translation gives the headline and summary, and the story when the case has one',
      story: 'Required: a translation gives the headline and summary, and the story when the case has one',
      petition: 'Required: a translation of the petition gives its text',
      letter: 'Required: a translation of the letter gives every part of it',
      share: 'Required: a translation of the share section gives its text',
      image: 'Required: a translation of the image gives its alt text',
    };
    for (const [what, translation, field] of cases) {
      const expected = `cases[0].translations.ar.${field}: ${messages[field.split('.')[0]!]}`;
      assert.equal(problemsOf(JSON.parse(JSON.stringify(oneCase(translation)))), expected, what);
    }
  });

  it('asks only for the parts the source has', () => {
    const plainLetter = {
      salutation: 'Dear Prosecutor,',
      points: ['Free Ana.'],
      closing: 'Yours sincerely,',
    };
    const raw = oneCase(
      {
        letter: {
          salutation: 'حضرة النائب العام،',
          points: ['أطلقوا سراح آنا.'],
          closing: 'مع فائق الاحترام،',
        },
      },
      { letter: plainLetter, story: undefined },
    );
    const served = arabic(JSON.parse(JSON.stringify(raw)) as Raw);
    assert.equal(served.letter?.closing, 'مع فائق الاحترام،');
    assert.equal(served.letter?.lang, undefined);
  });

  it('refuses a language or an unknown field inside a translated section', () => {
    assert.match(
      problemsOf(oneCase({ letter: { ...ARABIC_SECTIONS.letter, lang: 'en' } })),
      /^cases\[0\]\.translations\.ar\.letter: .*"lang"/,
    );
    assert.match(
      problemsOf(oneCase({ petition: { text: 'نص', goal: 5 } })),
      /^cases\[0\]\.translations\.ar\.petition: .*"goal"/,
    );
  });
});

describe('CSV fields', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    assert.equal(csvField('Ana Díaz'), 'Ana Díaz');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  });
});
