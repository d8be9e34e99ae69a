/** Campaign file validation, localization and the delivery CSV's escaping. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildCampaign, ConfigError } from '../../src/endpoint/config.js';
import { csvField } from '../../src/endpoint/csv.js';

const demo = () =>
  JSON.parse(readFileSync('campaigns/write-for-rights-2020.json', 'utf8')) as Record<string, unknown> & {
    cases: Record<string, unknown>[];
  };

describe('campaign file', () => {
  it('accepts the demo campaign and serves translations with the source as fallback', () => {
    const campaign = buildCampaign(demo());
    assert.equal(campaign.ids.length, 4);
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
    const raw = demo();
    (raw.cases[2]!.petition as { goal: number }).goal = 0;
    raw.cases[1]!.id = raw.cases[0]!.id;
    raw.origins = ['partner.example.org'];
    (raw.cases[0] as Record<string, unknown>).petiton = {};
    const error = (() => {
      try {
        buildCampaign(raw, 'x.json');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof ConfigError);
    const text = error.problems.join('\n');
    assert.match(text, /cases\[2\]\.petition\.goal: /);
    assert.match(text, /origins\[0\]: /);
    assert.match(text, /cases\[0\]: .*petiton/);
  });

  it('lets a case override the campaign moderation', () => {
    const raw = demo();
    raw.cases[0]!.moderation = { mode: 'auto' };
    const campaign = buildCampaign(raw);
    assert.equal(campaign.moderation(raw.cases[0]!.id as string).mode, 'auto');
    assert.equal(campaign.moderation(raw.cases[1]!.id as string).mode, 'pre');
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
