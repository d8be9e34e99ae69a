import { directionOf } from '../../schema/direction.js';
import { markup } from '../embed/html.js';
import { fill, wordingFor } from './wording.js';

export type ConfirmOutcome = 'confirmed' | 'already' | 'expired' | 'invalid' | 'unknown';

/** A small page in the signer's language saying what the link did. */
export function confirmPage(outcome: ConfirmOutcome, lang: string, caseName: string): string {
  const words = wordingFor(lang);
  const [title, text] =
    outcome === 'confirmed'
      ? [words.confirmedTitle, fill(words.confirmed, { caseName })]
      : outcome === 'already'
        ? [words.alreadyTitle, words.already]
        : outcome === 'expired'
          ? [words.expiredTitle, words.expired]
          : [words.invalidTitle, words.invalid];
  return markup`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${text}</p>
</main>
</body>
</html>
`.text;
}
