import { expect } from '@open-wc/testing';
import { getAllByRole, getField, getLink, waitUntil } from '../support/queries.js';
import { axeViolations, openPage } from '../support/pages.js';

// The demo pages as they ship (demo/ with the built bundle beside them), opened in a frame.

const FRAME = { title: 'Demo page', width: 1000, height: 900 };

/** The page's own words, outside the widgets: everything but scripts and the languages' own names. */
function ownText(doc: Document): string {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement!.closest('script, noscript, option[lang]')) parts.push(node.textContent!);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

async function widgetsLoaded(doc: Document): Promise<void> {
  const cards = [...doc.querySelectorAll('w4r-case-card')];
  await waitUntil(
    () => cards.every((card) => card.shadowRoot?.querySelector('[part~="base"]')),
    'cards render',
  );
  await waitUntil(
    () => cards.every((card) => !card.shadowRoot!.querySelector('[aria-busy="true"]')),
    'cards have loaded',
    14000,
  );
}

describe('the demo', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('blog page: one script tag and one card with inline data', async () => {
    frame = await openPage('/demo/blog.html', FRAME);
    const card = frame.contentDocument!.querySelector('w4r-case-card')!;
    await waitUntil(
      () => card.shadowRoot && getAllByRole(card.shadowRoot, 'heading').length,
      'the card renders',
    );
    expect(getAllByRole(card.shadowRoot!, 'heading')[0]!.textContent).to.equal('Gustavo Gatica');
    expect(getLink(card.shadowRoot!, 'Take action').href).to.match(/^https:\/\/www\.amnesty\.org\//);
    expect(await axeViolations(frame)).to.deep.equal([]);
  });

  it('campaign page: takes the case, language and look from the address, and keeps them in its links', async () => {
    frame = await openPage('/demo/index.html?case=nassima-al-sada&locale=ar&theme=amnesty', FRAME);
    const doc = frame.contentDocument!;
    const campaign = doc.querySelector('w4r-campaign')!;
    expect(campaign.getAttribute('locale')).to.equal('ar');
    expect(campaign.getAttribute('theme')).to.equal('amnesty');
    expect((doc.getElementById('locale') as HTMLSelectElement).value).to.equal('ar');
    expect((doc.getElementById('theme') as HTMLSelectElement).value).to.equal('amnesty');
    for (const widget of doc.querySelectorAll('[data-selected]')) {
      expect(widget.getAttribute('case'), widget.localName).to.equal('nassima-al-sada');
    }
    const cards = [...doc.querySelectorAll('.case-list w4r-case-card')];
    expect(cards.map((card) => card.getAttribute('case'))).to.deep.equal([
      'popi-and-bongeka',
      'gustavo-gatica',
      'nassima-al-sada',
      'melike-and-ozgur',
    ]);
    expect(cards[1]!.getAttribute('action-href')).to.equal(
      '?case=gustavo-gatica&locale=ar&theme=amnesty#case',
    );

    const theme = doc.getElementById('theme') as HTMLSelectElement;
    theme.value = '';
    theme.dispatchEvent(new Event('change'));
    expect(campaign.hasAttribute('theme')).to.equal(false);
    expect(frame.contentWindow!.location.search).to.equal('?case=nassima-al-sada&locale=ar');
    expect(cards[1]!.getAttribute('action-href')).to.equal('?case=gustavo-gatica&locale=ar#case');

    // Without an endpoint beside it here, the cards explain that; the page stays accessible either way.
    await widgetsLoaded(doc);
    expect(await axeViolations(frame)).to.deep.equal([]);
  });

  it('campaign page in Arabic: its own words in Arabic, right to left, and in French once the reader switches', async () => {
    frame = await openPage('/demo/index.html?case=gustavo-gatica&locale=ar', FRAME);
    const doc = frame.contentDocument!;
    expect(doc.documentElement.lang).to.equal('ar');
    expect(doc.documentElement.dir).to.equal('rtl');
    expect(doc.title).to.equal('اكتب من أجل الحقوق 2020 — اكتبوا رسالة، وغيّروا حياة');
    expect(doc.querySelector('h1')!.textContent).to.equal('اكتبوا رسالة. غيّروا حياة.');
    expect(getLink(doc, 'الانتقال إلى القضية').getAttribute('href')).to.equal('#case');
    expect(getField<HTMLSelectElement>(doc, /^اللغة/).value).to.equal('ar');
    expect(getField<HTMLSelectElement>(doc, /^المظهر/).value).to.equal('');
    const words = ownText(doc);
    expect(words).to.match(/[\u0600-\u06FF]/);
    expect(words.replace(/w4r-widgets|Amnesty/g, '').match(/[A-Za-z]+/g), 'no word left in English').to.equal(
      null,
    );
    await widgetsLoaded(doc);
    expect(await axeViolations(frame)).to.deep.equal([]);

    const language = getField<HTMLSelectElement>(doc, /^اللغة/);
    language.value = 'fr';
    language.dispatchEvent(new Event('change'));
    expect(doc.documentElement.lang).to.equal('fr');
    expect(doc.documentElement.dir).to.equal('ltr');
    expect(doc.querySelector('h1')!.textContent).to.equal('Écrivez une lettre. Changez une vie.');
    expect(getField<HTMLSelectElement>(doc, /^Langue/).value).to.equal('fr');
    expect(doc.querySelector('w4r-campaign')!.getAttribute('locale')).to.equal('fr');
    expect(frame.contentWindow!.location.search).to.equal('?case=gustavo-gatica&locale=fr');
  });
});
