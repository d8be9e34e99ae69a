/** Auto moderation: what holds a message for a moderator and what lets it through, invisible tricks included. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModerationRules } from '../../src/endpoint/config.js';
import { moderate, type HeldFor } from '../../src/endpoint/moderation.js';

const rules: ModerationRules = { mode: 'auto', blockedWords: ['traitor', 'evil.org'], holdLinks: true };
const heldFor = (text: string, name = 'Ana'): HeldFor[] => moderate(rules, { name, text }).heldFor;

describe('auto moderation', () => {
  const held: [string, string, HeldFor[], string?][] = [
    ['a blocked word', 'You traitor', ['blocked_word']],
    ['a blocked word in capitals', 'TRAITOR', ['blocked_word']],
    ['a blocked word split by a soft hyphen', 't\u00ADraitor', ['blocked_word']],
    ['a blocked word split by a zero-width joiner', 'trai\u200Dtor', ['blocked_word']],
    ['a blocked word in full-width letters', 'ｔｒａｉｔｏｒ', ['blocked_word']],
    ['a blocked domain with spaces around its dot', 'see evil . org', ['blocked_word', 'link']],
    ['a scheme', 'https://example.org/x', ['link']],
    ['another scheme', 'tg://resolve?domain=x', ['link']],
    ['www.', 'www.example', ['link']],
    ['a domain', 'visit evil.com now', ['link']],
    ['a domain in capitals', 'VISIT EVIL.COM', ['link']],
    ['a short link', 'bit.ly/abc', ['link']],
    ['a country domain', 'news at gustavo.cl', ['link']],
    ['a sub-domain', 'go to a.b.evil.net', ['link']],
    ['an email address', 'write to me@evil.io', ['link']],
    ['a domain split by a zero-width space', 'evil\u200B.com', ['link']],
    ['a domain split by a soft hyphen', 'ev\u00ADil.c\u00ADom', ['link']],
    ['a domain with spaces around its dot', 'evil . com', ['link']],
    ['a domain with a space before its dot', 'evil .com', ['link']],
    ['a domain with a full-width dot', 'evil．com', ['link']],
    ['a domain with an ideographic full stop', 'evil。com', ['link']],
    ['a domain with an internationalised name', 'ünïcode.com', ['link']],
    ['a domain in the name field', 'Hello', ['link'], 'shop.example.com'],
    ['a domain on a new top-level domain', 'join us at evil.club', ['link']],
    ['another new top-level domain', 'free gifts: prizes.xyz', ['link']],
    ['a British domain', 'read evil.uk', ['link']],
    ['a domain spelt with Cyrillic look-alikes', 'visit evil.сом', ['link']],
    ['a domain spelt with a Greek look-alike', 'visit evil.cοm', ['link']],
    ['a script address', 'javascript:alert(1)', ['link']],
    ['a script address in mixed case with a space', 'JaVaScRiPt :alert(1)', ['link']],
    ['a script address split by a tab', 'java\tscript:alert(1)', ['link']],
    ['a script address in Cyrillic look-alikes', 'jаvаscript:void(0)', ['link']],
    ['a data address', 'data:text/html,<b>hi</b>', ['link']],
    ['a blocked word with a Cyrillic look-alike', 'You trаitor', ['blocked_word']],
    ['a blocked word with a Greek look-alike', 'You traιtor', ['blocked_word']],
    ['a blocked word with accents', 'You träitör', ['blocked_word']],
    ['a blocked word in small capitals', 'ᴛʀᴀɪᴛᴏʀ', ['blocked_word']],
    ['a blocked word with digits for letters', 'tr4it0r', ['blocked_word']],
    ['a blocked word with a sign for a letter', 'tr@itor!', ['blocked_word']],
    ['a blocked word in the name with a look-alike', 'Hello', ['blocked_word'], 'trаitor'],
  ];
  for (const [what, text, reasons, name] of held) {
    it(`holds ${what}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(heldFor(text, name), reasons);
    });
  }

  const passes: [string, string][] = [
    ['a full stop without a space after it', 'Stay strong.We love you'],
    ['a sentence after a full stop', 'Stay strong. We love you.'],
    ['a capitalised country code after a full stop', 'Stay strong.It will end.'],
    ['a lower-case word that is no country code', 'stay strong.we are with you'],
    ['a word made longer than a blocked word', 'traitors is a word they use'],
    ['a dot inside a number', 'Day 3.5 of the hunger strike'],
    ['abbreviations', 'e.g. the U.S. and the U.K., Ph.D. students, Mr.Smith'],
    ['a dashed word after a dot', 'all of you.co-workers too'],
    ['a word that goes on in another script', 'evil.comé'],
    ['Arabic with a dot', 'الحرية.للجميع'],
    ['Chinese with an ideographic full stop', '加油。我们爱你'],
    ['an ellipsis', 'We wait... and hope'],
    ['emoji joined with a zero-width joiner', 'Love from us 👩‍👩‍👧 and all'],
    ['a word that is no top-level domain after a dot', 'so strong.stay strong'],
    ['data as a word', 'data: 40 letters sent today'],
    ['a decimal number of two digits', 'Day 3.50 of the strike'],
    ['Russian with a dot', 'Держитесь.мы с вами'],
    ['Greek with a dot', 'Κουράγιο.είμαστε μαζί σας'],
    ['a word that only contains a blocked word', 'traitorous times'],
  ];
  for (const [what, text] of passes) {
    it(`lets ${what} through: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(heldFor(text), []);
    });
  }

  it('holds every message in pre mode, with its other reasons', () => {
    const result = moderate(
      { mode: 'pre', blockedWords: ['traitor'], holdLinks: true },
      {
        name: 'Ana',
        text: 'traitor evil.com',
      },
    );
    assert.deepEqual(result, { status: 'pending', heldFor: ['moderation', 'blocked_word', 'link'] });
  });

  it('shows a link at once when the campaign does not hold links', () => {
    const result = moderate(
      { mode: 'auto', blockedWords: [], holdLinks: false },
      { name: 'Ana', text: 'evil.com' },
    );
    assert.deepEqual(result, { status: 'approved', heldFor: [] });
  });
});
