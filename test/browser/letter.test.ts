import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rLetter } from '../../src/elements/letter/letter.js';
import type { Case, Stats } from '../../src/schema/index.js';
import { getButton, getField, getLink, visibleText, type, waitUntil } from '../support/queries.js';
import { simulateConnection } from '../support/offline.js';
import { hiddenOnPurpose } from '../support/layout.js';
import { getLocale } from '../../src/core/locale/localization.js';
import { BLANK } from '../../src/elements/letter/letter-template.js';

const root = (letter: W4rLetter) => letter.shadowRoot!;
const body = (letter: W4rLetter) => getField<HTMLTextAreaElement>(letter, 'Your letter');
const visible = (element: Element | null) => !!element && element.checkVisibility();

async function open(caseId: string, attributes = ''): Promise<W4rLetter> {
  const holder = await fixture<HTMLDivElement>(
    // The endpoint's address and the case come from the test run; the rest is fixed markup.
    Object.assign(document.createElement('div'), {
      innerHTML: `<w4r-letter endpoint="${endpoint}" case="${caseId}" ${attributes}></w4r-letter>`,
    }),
  );
  const letter = holder.querySelector('w4r-letter')!;
  await waitUntil(
    () => letter.shadowRoot?.firstElementChild && !letter.shadowRoot.querySelector('[aria-busy="true"]'),
    'the letter has loaded',
  );
  await letter.updateComplete;
  return letter;
}

const served = async (caseId: string): Promise<Case> =>
  (await fetch(`${endpoint}/v1/cases/${caseId}`)).json() as Promise<Case>;

const stats = async (caseId: string): Promise<Stats> =>
  (await fetch(`${endpoint}/v1/cases/${caseId}/stats`)).json() as Promise<Stats>;

/** Another supporter's report, straight to the endpoint. */
const reportElsewhere = (caseId: string, count: number) =>
  fetch(`${endpoint}/v1/cases/${caseId}/letters`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ count }),
  });

/** The total the thanks gives, as a number. */
const thankedTotal = (letter: W4rLetter) => {
  const total = /so far: ([\d,]+)\./.exec(visibleText(letter))?.[1];
  return total === undefined ? undefined : Number(total.replace(/,/g, ''));
};

const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** The bodies of the letter reports the page sends to the endpoint, while `watch` runs. */
async function reportsSent(watch: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const realFetch = window.fetch;
  const bodies: Record<string, unknown>[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method === 'POST' && request.url.endsWith('/letters'))
      bodies.push((await request.clone().json()) as Record<string, unknown>);
    return realFetch(request);
  };
  try {
    await watch();
  } finally {
    window.fetch = realFetch;
  }
  return bodies;
}

/** Pretends the browser cannot read the file any more (moved or deleted since it was chosen). */
const unreadable = (file: File): File =>
  Object.defineProperty(file, 'slice', {
    value: () => ({ arrayBuffer: () => Promise.reject(new DOMException('Gone.', 'NotReadableError')) }),
  });

function choose(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function report(letter: W4rLetter, count: string, country = 'CL'): Promise<void> {
  await type(getField(letter, 'Letters sent'), count);
  const select = getField<HTMLSelectElement>(letter, 'Posted from');
  select.value = country;
  select.dispatchEvent(new Event('change'));
  getButton(letter, 'I’ve sent my letter').click();
}

describe('<w4r-letter>', function () {
  beforeEach(() => localStorage.removeItem('w4r-outbox'));

  it("is prefilled from the case's template, addressed, with postage guidance", async () => {
    const letter = await open('gustavo-gatica');
    const text = body(letter).value;
    expect(
      text.startsWith(
        'Dear National Prosecutor of Chile Jorge Abbott Charme,\n\nI am writing from [your city] to ask for justice for Gustavo Gatica,',
      ),
    ).to.equal(true);
    expect(text.endsWith('Yours sincerely,\n[your name]\n[your city]')).to.equal(true);
    expect(text, 'no placeholder is left').not.to.match(/\{\w+\}/);
    const address = root(letter).querySelector('[part="address"]')!;
    expect(address.textContent).to.equal(
      'Jorge Abbott Charme\nNational Prosecutor of Chile\nFiscalía Nacional\nCatedral 1421\nSantiago\nChile',
    );
    expect(getComputedStyle(address).whiteSpace, 'one line per line').to.equal('pre-line');
    expect(visibleText(letter)).to.contain('Letters to Chile need international postage');
    await type(getField(letter, 'Your name'), 'Ana Pérez');
    await type(getField(letter, 'Your town or city'), 'Valparaíso');
    expect(body(letter).value).to.contain('I am writing from Valparaíso to ask for justice');
    expect(body(letter).value.endsWith('Yours sincerely,\nAna Pérez\nValparaíso')).to.equal(true);
    await expect(letter).to.be.accessible();
  });

  it('keeps what the writer typed in the letter, and can start again from the template', async () => {
    const letter = await open('gustavo-gatica');
    await type(body(letter), 'Dear Prosecutor,\n\nMy own words.');
    await type(getField(letter, 'Your name'), 'Ana');
    expect(body(letter).value, 'a name typed later does not undo the edit').to.equal(
      'Dear Prosecutor,\n\nMy own words.',
    );
    await expect(letter).to.be.accessible();
    getButton(letter, 'Start again from the suggested text').click();
    await letter.updateComplete;
    expect(body(letter).value).to.contain('Yours sincerely,\nAna\n');
    expect(() => getButton(letter, 'Start again from the suggested text')).to.throw();
  });

  it('writes a card of solidarity to the person where the case has one', async () => {
    const letter = await open('gustavo-gatica', 'mode="card"');
    expect(body(letter).value).to.equal(
      'Dear Gustavo,\n\nYou have shown the world what happened in Chile. We see you, we stand with you, and we will keep calling for justice.\n\n[your name]',
    );
    expect(visibleText(letter)).to.contain('Write a card to Gustavo Gatica');
    expect(getField(letter, 'A card to Gustavo Gatica').checked).to.equal(true);
    await expect(letter).to.be.accessible();
    getField(letter, 'A letter to the authorities').click();
    await letter.updateComplete;
    expect(letter.mode).to.equal('appeal');
    expect(body(letter).value.startsWith('Dear National Prosecutor')).to.equal(true);
    const popi = await open('popi-and-bongeka', 'mode="card"');
    expect(root(popi).querySelector('[part="address"]')!.textContent, "the card's own address").to.contain(
      'Amnesty International South Africa',
    );
  });

  it('says so when the case has no letter, and fills the letter in the language the case is served in', async () => {
    const none = await open('no-petition');
    await waitUntil(() => visibleText(none).includes('This case has no letter to write.'), 'the message');
    await expect(none).to.be.accessible();
    const spanish = await open('gustavo-gatica', 'locale="es"');
    // The widget speaks Spanish too: its letter is the one text area, not the field labelled in English.
    const spanishBody = root(spanish).querySelector('textarea')!;
    expect(
      spanishBody.value.startsWith('Estimado señor Fiscal Nacional de Chile, Jorge Abbott Charme:'),
    ).to.equal(true);
    expect(spanishBody.lang).to.equal('es');
  });

  it('prints only the letter: the widget hides its controls, the page hides everything else', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <header id="chrome">The partner's site header</header>
        <w4r-letter endpoint=${endpoint} case="gustavo-gatica"></w4r-letter>
      </div>`,
    );
    const letter = page.querySelector('w4r-letter')!;
    await waitUntil(() => root(letter).querySelector('textarea'), 'the letter shows');
    await type(getField(letter, 'Your name'), 'Ana');
    const printBody = root(letter).querySelector('.print-body')!;
    const chrome = page.querySelector('#chrome')!;
    let printed = 0;
    const print = window.print;
    window.print = () => void printed++;
    try {
      getButton(letter, 'Print').click();
      expect(printed).to.equal(1);
      expect(letter.hasAttribute('printing')).to.equal(true);
      await emulateMedia({ media: 'print' });
      expect(visible(root(letter).querySelector('[part="letter"]')), 'the letter').to.equal(true);
      expect(visible(printBody), 'its text as typed').to.equal(true);
      expect(printBody.textContent).to.equal(body(letter).value);
      expect(visible(root(letter).querySelector('[part="address"]')), 'the address').to.equal(true);
      expect(visible(body(letter)), 'not the text box').to.equal(false);
      expect(visible(getField(letter, 'Your name')), 'not the fields').to.equal(false);
      expect(visible(getButton(letter, 'Print')), 'not the buttons').to.equal(false);
      expect(visible(root(letter).querySelector('[part="send"]')), 'not the report form').to.equal(false);
      expect(visible(chrome), "not the page's own header").to.equal(false);
      expect(
        visible(document.querySelector('#mocha') ?? document.body.firstElementChild),
        'nor anything else',
      ).to.equal(false);
      window.dispatchEvent(new Event('afterprint'));
      expect(letter.hasAttribute('printing')).to.equal(false);
      expect(visible(chrome), 'printing the page itself later prints all of it').to.equal(true);
      expect(visible(body(letter)), 'but never the widget’s controls').to.equal(false);
      await emulateMedia({ media: 'screen' });
      expect(visible(body(letter))).to.equal(true);
      expect(visible(printBody)).to.equal(false);
      const pageRules = [...document.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules]);
      expect(pageRules.length, 'the page is left as it was').to.equal(0);
    } finally {
      window.print = print;
      await emulateMedia({ media: 'screen' });
    }
  });

  it("prints only the letter from the browser's own Print too, and only the letter whose button was pressed", async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <header id="chrome">The partner's site header</header>
        <w4r-letter endpoint=${endpoint} case="gustavo-gatica"></w4r-letter>
        <w4r-letter endpoint=${endpoint} case="popi-and-bongeka"></w4r-letter>
      </div>`,
    );
    const [letter, other] = [...page.querySelectorAll('w4r-letter')] as [W4rLetter, W4rLetter];
    await waitUntil(
      () => root(letter).querySelector('textarea') && root(other).querySelector('textarea'),
      'the letters show',
    );
    const chrome = page.querySelector('#chrome')!;
    const print = window.print;
    try {
      // Ctrl+P: the browser tells the page before it prints, and after.
      window.dispatchEvent(new Event('beforeprint'));
      await emulateMedia({ media: 'print' });
      expect(visible(root(letter).querySelector('.print-body')), 'the letter').to.equal(true);
      expect(visible(body(letter)), 'not its text box').to.equal(false);
      expect(visible(chrome), "not the page's own header").to.equal(false);
      window.dispatchEvent(new Event('afterprint'));
      expect(letter.hasAttribute('printing')).to.equal(false);
      expect(visible(chrome), 'the page prints whole again afterwards').to.equal(true);
      expect([...document.adoptedStyleSheets].flatMap((sheet) => [...sheet.cssRules])).to.have.length(0);

      // The Print button of one letter: as the browser does, beforeprint comes from window.print().
      window.print = () => void window.dispatchEvent(new Event('beforeprint'));
      getButton(letter, 'Print').click();
      expect(visible(root(letter).querySelector('.print-body'))).to.equal(true);
      expect(visible(other), 'not the other letter').to.equal(false);
      expect(visible(chrome)).to.equal(false);
      window.dispatchEvent(new Event('afterprint'));
      expect(visible(chrome)).to.equal(true);
    } finally {
      window.print = print;
      window.dispatchEvent(new Event('afterprint'));
      await emulateMedia({ media: 'screen' });
    }
  });

  it('sets page margins that fit A4 and Letter while printing', async () => {
    const letter = await open('gustavo-gatica');
    const print = window.print;
    let page: CSSPageRule | undefined;
    window.print = () => {
      page = [...document.adoptedStyleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .find((rule): rule is CSSPageRule => rule instanceof CSSPageRule);
    };
    try {
      getButton(letter, 'Print').click();
    } finally {
      window.print = print;
      window.dispatchEvent(new Event('afterprint'));
    }
    expect(page!.style.getPropertyValue('size')).to.equal('auto');
    // 20 mm top and bottom, 18 mm at the sides: within both A4 (210 × 297 mm) and Letter (216 × 279 mm).
    expect(page!.style.getPropertyValue('margin')).to.equal('20mm 18mm');
  });

  it('copies the letter and says so', async () => {
    const letter = await open('gustavo-gatica');
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    try {
      getButton(letter, 'Copy text').click();
      await waitUntil(() => visibleText(letter).includes('Letter copied.'), 'the feedback');
      expect(written).to.deep.equal([body(letter).value]);
      expect(root(letter).querySelector('[role="status"]')!.textContent).to.contain('Letter copied.');
      await expect(letter).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['clipboard'];
    }
  });

  it('downloads the addressed, dated letter as a text file', async () => {
    const letter = await open('gustavo-gatica');
    await type(body(letter), 'Dear Prosecutor,\n\nJustice for Gustavo & all — ¡ya!');
    const link = getLink(letter, 'Download (.txt)');
    expect(link.download).to.equal('letter-gustavo-gatica.txt');
    expect(link.href.startsWith('blob:')).to.equal(true);
    const text = await (await fetch(link.href)).text();
    expect(text.startsWith('Jorge Abbott Charme\nNational Prosecutor of Chile\nFiscalía Nacional')).to.equal(
      true,
    );
    expect(text.endsWith('\n\nDear Prosecutor,\n\nJustice for Gustavo & all — ¡ya!\n')).to.equal(true);
  });

  it('counts the letters reported, thanks with the total and tells the page', async () => {
    const before = await stats('melike-and-ozgur');
    const letter = await open('melike-and-ozgur', 'source="partner-ngo"');
    const heard = oneEvent(letter, 'w4r-letter-sent');
    await report(letter, '3', 'TR');
    const event = await heard;
    expect(event.detail).to.deep.equal({
      caseId: 'melike-and-ozgur',
      count: 3,
      kind: 'appeal',
      source: 'partner-ngo',
    });
    await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
    const after = await stats('melike-and-ozgur');
    expect(after.letters - before.letters).to.be.at.least(3);
    expect(visibleText(letter)).to.contain(
      `Letters written for Melike Balkan and Özgür Gür so far: ${after.letters.toLocaleString('en')}`,
    );
    expect(root(letter).activeElement?.id, 'focus moves to the thanks').to.equal('thanks');
    await expect(letter).to.be.accessible();
  });

  it('keeps a report made offline on the device and sends it when back online, counted once', async () => {
    const connection = simulateConnection(endpoint);
    try {
      const letter = await open('popi-and-bongeka');
      const before = await stats('popi-and-bongeka');
      const heard = oneEvent(letter, 'w4r-letter-sent');
      // The report reaches the endpoint but the answer is lost: sent again, it must not count twice.
      connection.set('lose-answer');
      await report(letter, '2', 'ZA');
      await waitUntil(
        () => visibleText(letter).includes('Your report is saved'),
        'the report is saved',
        15000,
      );
      expect(localStorage.getItem('w4r-outbox')).to.contain('popi-and-bongeka');
      expect(root(letter).activeElement?.id, 'focus moves to the notice').to.equal('thanks');
      await expect(letter).to.be.accessible();

      connection.set('online');
      window.dispatchEvent(new Event('online'));
      expect((await heard).detail.count).to.equal(2);
      await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
      expect(localStorage.getItem('w4r-outbox') ?? '', 'removed once acknowledged').not.to.contain(endpoint);
      expect(connection.state.keys.length).to.be.greaterThan(1);
      expect(new Set(connection.state.keys).size, 'every attempt carried the same key').to.equal(1);
      expect((await stats('popi-and-bongeka')).letters - before.letters, 'counted once').to.equal(2);
    } finally {
      connection.restore();
    }
  });

  it('shows a report saved offline again on the next visit, offers no second report, and counts it once', async () => {
    const connection = simulateConnection(endpoint);
    try {
      const before = await stats('melike-and-ozgur');
      const data = await served('melike-and-ozgur');
      const first = await open('melike-and-ozgur');
      connection.set('offline');
      await report(first, '2', 'TR');
      await waitUntil(
        () => visibleText(first).includes('Your report is saved'),
        'the report is saved',
        15000,
      );
      // The supporter closes the page and comes back later, still offline, to a page with the case in it.
      fixtureCleanup();
      const later = await fixture<W4rLetter>(
        html`<w4r-letter endpoint=${endpoint} .caseData=${data}></w4r-letter>`,
      );
      await waitUntil(() => root(later).querySelector('[part="send"]'), 'the letter shows');
      expect(visibleText(later)).to.contain('Your report is saved on this device');
      expect(
        () => getButton(later, 'I’ve sent my letter'),
        'no way to report the same letters again',
      ).to.throw();
      await expect(later).to.be.accessible();

      // Back online while the supporter reads elsewhere on the page: the report goes, focus stays put.
      const elsewhere = document.body.appendChild(document.createElement('button'));
      elsewhere.textContent = 'Elsewhere';
      elsewhere.focus();
      const heard = oneEvent(later, 'w4r-letter-sent');
      connection.set('online');
      window.dispatchEvent(new Event('online'));
      expect((await heard).detail.count).to.equal(2);
      await waitUntil(() => visibleText(later).includes('Thank you!'), 'the thanks');
      expect(document.activeElement, 'focus is not taken away').to.equal(elsewhere);
      elsewhere.remove();
      expect((await stats('melike-and-ozgur')).letters - before.letters, 'counted once').to.equal(2);
      expect(localStorage.getItem('w4r-outbox') ?? '').not.to.contain(endpoint);
    } finally {
      connection.restore();
    }
  });

  it("thanks with the campaign's total as it is now, not as it was when a lost answer was first given", async () => {
    const connection = simulateConnection(endpoint);
    try {
      const letter = await open('gustavo-gatica');
      const before = await stats('gustavo-gatica');
      connection.set('lose-answer');
      await report(letter, '2');
      await waitUntil(
        () => visibleText(letter).includes('Your report is saved'),
        'the report is saved',
        15000,
      );
      // Meanwhile another supporter reports theirs; the endpoint's replayed answer predates it.
      connection.set('online');
      expect((await reportElsewhere('gustavo-gatica', 3)).status).to.equal(201);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
      await waitUntil(
        async () => thankedTotal(letter) === (await stats('gustavo-gatica')).letters,
        "the thanks gives the endpoint's total",
      );
      expect(thankedTotal(letter)).to.be.at.least(before.letters + 5);
      expect(root(letter).querySelector('#thanks [role="status"]')!.textContent!.trim()).to.equal(
        'Thank you! Your letters are counted.',
      );

      // And it keeps up while it shows.
      expect((await reportElsewhere('gustavo-gatica', 4)).status).to.equal(201);
      const now = (await stats('gustavo-gatica')).letters;
      await waitUntil(() => thankedTotal(letter) === now, 'the total follows the campaign');
    } finally {
      connection.restore();
    }
  });

  it('refuses a count outside 1–100 before sending', async () => {
    const letter = await open('gustavo-gatica');
    await report(letter, '0');
    await waitUntil(() => root(letter).querySelector('[role="alert"]'), 'the error');
    expect(visibleText(letter)).to.contain('a number from 1 to 100');
    await expect(letter).to.be.accessible();
  });

  it('takes a photo of the letters, checking size and format by content first', async () => {
    const letter = await open('nassima-al-sada');
    await report(letter, '1', 'FR');
    await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
    const input = getField(letter, /^Add a photo of your letters/);
    expect(input.accept).to.equal('image/jpeg,image/png,image/webp');
    const alert = () => root(letter).querySelector('[part="photo"] [role="alert"]')?.textContent?.trim();

    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    choose(input, new File([big], 'big.png', { type: 'image/png' }));
    getButton(letter, 'Send the photo').click();
    await waitUntil(alert, 'the size error');
    expect(alert()).to.equal('This photo is 5.0 MB. Choose one under 5 MB.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(letter).to.be.accessible();

    choose(
      input,
      new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'letters.jpg', { type: 'image/jpeg' }),
    );
    await letter.updateComplete;
    expect(alert(), 'choosing another file clears the error').to.equal(undefined);
    getButton(letter, 'Send the photo').click();
    await waitUntil(alert, 'the format error');
    expect(alert()).to.equal('This file is not a JPEG, PNG or WebP photo.');

    choose(input, new File([PNG], 'letters.png', { type: 'image/png' }));
    getButton(letter, 'Send the photo').click();
    await waitUntil(() => visibleText(letter).includes('Thank you for the photo!'), 'the photo thanks');
    await expect(letter).to.be.accessible();
  });

  it('the endpoint also refuses a renamed file and an oversized one', async () => {
    const send = (blob: Blob, name: string) => {
      const form = new FormData();
      form.append('photo', blob, name);
      return fetch(`${endpoint}/v1/cases/gustavo-gatica/photos`, {
        method: 'POST',
        body: form,
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
    };
    const renamed = await send(new Blob(['GIF89a not a photo'], { type: 'image/jpeg' }), 'x.jpg');
    expect(renamed.status).to.equal(415);
    expect(((await renamed.json()) as { error: { code: string } }).error.code).to.equal(
      'unsupported_media_type',
    );
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    expect((await send(new Blob([big], { type: 'image/png' }), 'big.png')).status).to.equal(413);
    const ok = await send(new Blob([PNG], { type: 'image/png' }), 'ok.png');
    expect(ok.status).to.equal(201);
    expect(((await ok.json()) as { status: string }).status).to.equal('pending');
  });

  it('has a honeypot that people never see, sent only when filled, and a filled one is never counted', async () => {
    const letter = await open('popi-and-bongeka');
    const honeypot = root(letter).querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot.closest('[aria-hidden="true"]')).to.be.instanceOf(HTMLElement);
    expect(honeypot.tabIndex).to.equal(-1);
    expect(hiddenOnPurpose(honeypot, letter), 'clipped out of sight').to.equal(true);

    const sent = await reportsSent(async () => {
      await report(letter, '1', 'ZA');
      await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
    });
    expect(sent).to.have.length(1);
    expect(sent[0], 'an empty honeypot is not sent').not.to.have.property('website');

    const bot = await open('popi-and-bongeka');
    const before = await stats('popi-and-bongeka');
    await type(root(bot).querySelector<HTMLInputElement>('input[name="website"]')!, 'http://spam.example');
    await report(bot, '50', 'ZA');
    await waitUntil(() => root(bot).querySelector('form [role="alert"]'), 'the refusal');
    expect(visibleText(bot)).not.to.contain('a number from 1 to 100');
    expect((await stats('popi-and-bongeka')).letters, 'not counted').to.equal(before.letters);
    expect(getButton(bot, 'I’ve sent my letter').disabled).to.equal(false);
  });

  it('marks the letter with its own language, and leaves blanks rather than words in a third language', async () => {
    const gustavo = await served('gustavo-gatica');
    // A French page; the case is translated but its letter was left in English, its authority in Spanish.
    const french = await fixture<W4rLetter>(
      html`<w4r-letter
        locale="fr"
        .caseData=${{
          ...gustavo,
          lang: 'fr',
          headline: 'Justice pour Gustavo',
          target: { ...gustavo.target, lang: 'es' },
          letter: { ...gustavo.letter!, lang: 'en' },
        }}
      ></w4r-letter>`,
    );
    await waitUntil(() => getLocale() === 'fr' && root(french).querySelector('textarea'), 'French strings');
    await french.updateComplete;
    const text = root(french).querySelector('textarea')!;
    expect([text.lang, text.dir]).to.deep.equal(['en', 'ltr']);
    expect(root(french).querySelector('.print-body')!.getAttribute('lang')).to.equal('en');
    expect(text.value).to.contain(`I am writing from ${BLANK} to ask for justice`);
    expect(text.value.endsWith(`Yours sincerely,\n${BLANK}\n${BLANK}`)).to.equal(true);
    expect(text.value, 'no French inside the English letter').not.to.match(/\[votre|\[your/);
    const date = root(french).querySelector('.date')!;
    expect(date.getAttribute('lang')).to.equal('en');
    expect(date.textContent, 'dated in English').to.match(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    expect(root(french).querySelector('[part="address"]')!.getAttribute('lang')).to.equal('es');
    await type(root(french).querySelector<HTMLInputElement>('#city')!, 'Lyon');
    expect(text.value).to.contain('I am writing from Lyon to ask for justice');
    await expect(french).to.be.accessible();

    // An Arabic letter in an English widget runs right to left inside it.
    const arabic = await fixture<W4rLetter>(
      html`<w4r-letter
        locale="en"
        .caseData=${{
          ...gustavo,
          letter: {
            salutation: 'السيد {targetName}،',
            points: ['أكتب إليكم من {writerCity} بشأن {caseName}.'],
            closing: 'مع فائق الاحترام،\n{writerName}',
            lang: 'ar',
          },
        }}
      ></w4r-letter>`,
    );
    await waitUntil(() => getLocale() === 'en' && root(arabic).querySelector('textarea'), 'English strings');
    await arabic.updateComplete;
    const arabicText = root(arabic).querySelector('textarea')!;
    expect([arabicText.lang, arabicText.dir]).to.deep.equal(['ar', 'rtl']);
    expect(arabicText.value).to.contain(`أكتب إليكم من ${BLANK} بشأن`);
    expect(root(arabic).querySelector('[part="address"]')!.getAttribute('lang'), "the authority's").to.equal(
      'en',
    );
  });

  it('ends every photo upload that fails with words for the supporter, and sends from plain-http pages', async () => {
    const letter = await open('nassima-al-sada');
    await report(letter, '1', 'FR');
    await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
    const input = getField(letter, /^Add a photo of your letters/);
    const alert = () => root(letter).querySelector('[part="photo"] [role="alert"]')?.textContent?.trim();

    choose(input, unreadable(new File([PNG], 'letters.png', { type: 'image/png' })));
    getButton(letter, 'Send the photo').click();
    await waitUntil(alert, 'the read error');
    expect(alert()).to.equal('This file could not be read. Choose it again.');

    // Refused for good by the endpoint (here a proxy's smaller size limit): words, and ready to try again.
    const realFetch = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'POST' && request.url.endsWith('/photos'))
        return new Response(JSON.stringify({ error: { code: 'payload_too_large', message: 'Too large.' } }), {
          status: 413,
          headers: { 'Content-Type': 'application/json' },
        });
      return realFetch(request);
    };
    try {
      choose(input, new File([PNG], 'letters.png', { type: 'image/png' }));
      getButton(letter, 'Send the photo').click();
      await waitUntil(
        () => alert() === 'This photo is too large. Choose one under 5 MB.',
        'the refusal',
        15000,
      );
      expect(getButton(letter, 'Send the photo').disabled, 'ready to try again').to.equal(false);
    } finally {
      window.fetch = realFetch;
    }

    // A page on plain http has no crypto.randomUUID.
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      choose(input, new File([PNG], 'letters.png', { type: 'image/png' }));
      getButton(letter, 'Send the photo').click();
      await waitUntil(() => visibleText(letter).includes('Thank you for the photo!'), 'the photo thanks');
    } finally {
      delete (crypto as unknown as Record<string, unknown>)['randomUUID'];
    }
    expect(typeof crypto.randomUUID).to.equal('function');
  });

  it('keeps a photo chosen offline and uploads it once when the connection is back', async () => {
    const letter = await open('nassima-al-sada');
    await report(letter, '1', 'FR');
    await waitUntil(() => visibleText(letter).includes('Thank you!'), 'the thanks');
    const connection = simulateConnection(endpoint);
    const realFetch = window.fetch;
    const uploaded: number[] = [];
    try {
      // Every upload that reaches the endpoint, with its status.
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await realFetch(input, init);
        const request = input instanceof Request ? input : new Request(input, init);
        if (request.method === 'POST' && request.url.endsWith('/photos')) uploaded.push(response.status);
        return response;
      };
      connection.set('offline');
      choose(
        getField(letter, /^Add a photo of your letters/),
        new File([PNG], 'letters.png', { type: 'image/png' }),
      );
      getButton(letter, 'Send the photo').click();
      await waitUntil(
        () => visibleText(letter).includes('sent automatically when you are back online'),
        'the photo waits',
        15000,
      );
      expect(root(letter).querySelector('[part="photo"] [role="alert"]'), 'no error').to.equal(null);
      await expect(letter).to.be.accessible();
      expect(uploaded, 'nothing reached the endpoint while offline').to.deep.equal([]);
      const attempts = connection.state.keys.length;
      expect(attempts).to.be.greaterThan(0);

      connection.set('online');
      window.dispatchEvent(new Event('online'));
      await waitUntil(
        () => visibleText(letter).includes('Thank you for the photo!'),
        'the photo thanks',
        15000,
      );
      expect(uploaded, 'uploaded once').to.deep.equal([201]);
      expect(new Set(connection.state.keys).size, 'every attempt carried the same key').to.equal(1);
      window.dispatchEvent(new Event('online'));
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(uploaded, 'and never again').to.deep.equal([201]);
    } finally {
      window.fetch = realFetch;
      connection.restore();
    }
  });
});

export type { Case };
