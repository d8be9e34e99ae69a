import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rCaseCard } from '../../src/elements/case-card/case-card.js';
import type { Case } from '../../src/schema/index.js';
import { safeImageSource } from '../../src/core/format/image-source.js';
import { initialsOf } from '../../src/core/format/initials.js';
import { getLocale } from '../../src/core/locale/localization.js';
import { getAllByRole, getButton, getLink, visibleText, waitUntil } from '../support/queries.js';

const gustavo: Case = {
  id: 'gustavo-gatica',
  name: 'Gustavo Gatica',
  country: 'CL',
  headline: 'Blinded by police at a protest.',
  summary: 'Gustavo Gatica lost his sight after police shot him during protests in Santiago.',
  story: 'First paragraph of the story.\n\nSecond paragraph of the story.',
  target: { name: 'Jorge Abbott Charme', title: 'National Prosecutor of Chile' },
  petition: { text: 'Ensure justice for Gustavo Gatica.', goal: 1000 },
};

const inline = (data: unknown) => {
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(data);
  return script;
};

const shadow = (card: W4rCaseCard) => card.shadowRoot!;

async function loaded(card: W4rCaseCard): Promise<void> {
  await waitUntil(
    () => getAllByRole(card, 'heading').length > 0 || shadow(card).querySelector('[role="alert"]'),
    'the card has loaded',
  );
  await card.updateComplete;
}

describe('<w4r-case-card>', () => {
  it('shows the person, their country, headline and summary from inline JSON', async () => {
    const card = await fixture<W4rCaseCard>(html`<w4r-case-card>${inline(gustavo)}</w4r-case-card>`);
    await loaded(card);
    const [heading] = getAllByRole(card, 'heading');
    expect(heading!.tagName).to.equal('H2');
    expect(heading!.textContent).to.equal('Gustavo Gatica');
    const text = visibleText(card);
    expect(text).to.contain('Chile');
    expect(text).to.contain('Blinded by police at a protest.');
    expect(text).to.contain(gustavo.summary);
    expect(text).to.contain('To: National Prosecutor of Chile, Jorge Abbott Charme');
    expect(text).to.contain('Ensure justice for Gustavo Gatica.');
    expect(text, 'the JSON itself is not shown').not.to.contain('"id"');
    await expect(card).to.be.accessible();
  });

  it('names the country in the reader’s language, and takes the heading level it is given', async () => {
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card locale="es" heading-level="3" .caseData=${gustavo}></w4r-case-card>`,
    );
    await loaded(card);
    expect(getAllByRole(card, 'heading')[0]!.tagName).to.equal('H3');
    expect(getAllByRole(card, 'heading')[1]!.tagName, 'the ask is one level below').to.equal('H4');
    expect(visibleText(card)).to.contain('Chile');
    const arabic = await fixture<W4rCaseCard>(
      html`<w4r-case-card locale="ar" .caseData=${{ ...gustavo, country: 'ZA' }}></w4r-case-card>`,
    );
    await loaded(arabic);
    expect(visibleText(arabic)).to.contain('جنوب أفريقيا');
    expect(shadow(arabic).querySelector('article')!.getAttribute('dir')).to.equal('rtl');
    const [name] = getAllByRole(arabic, 'heading');
    expect(name!.getAttribute('dir'), 'text of unknown language finds its own direction').to.equal('auto');
    arabic.caseData = { ...gustavo, name: 'غوستافو غاتيكا', lang: 'ar' };
    arabic.locale = 'en';
    await waitUntil(
      () => getAllByRole(arabic, 'heading')[0]!.textContent === 'غوستافو غاتيكا',
      'the Arabic text',
    );
    expect(shadow(arabic).querySelector('article')!.getAttribute('dir'), 'English widget').to.equal('ltr');
    expect(getAllByRole(arabic, 'heading')[0]!.getAttribute('lang')).to.equal('ar');
    expect(getAllByRole(arabic, 'heading')[0]!.getAttribute('dir'), 'Arabic text inside it').to.equal('rtl');
    await expect(arabic).to.be.accessible();
  });

  it('marks the authority and the ask that a translation left in English as English', async () => {
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card
        locale="ar"
        .caseData=${{
          ...gustavo,
          lang: 'ar',
          headline: 'أُصيب بالعمى برصاص الشرطة في احتجاج.',
          target: { ...gustavo.target, lang: 'en' },
          petition: { ...gustavo.petition!, lang: 'en' },
        }}
      ></w4r-case-card>`,
    );
    await loaded(card);
    expect(shadow(card).querySelector('[part="headline"]')!.getAttribute('lang')).to.equal('ar');
    const to = shadow(card).querySelector('[part="target"] bdi')!;
    const ask = shadow(card).querySelector('[part="ask-text"]')!;
    expect([to.getAttribute('lang'), to.getAttribute('dir')]).to.deep.equal(['en', 'ltr']);
    expect([ask.getAttribute('lang'), ask.getAttribute('dir')]).to.deep.equal(['en', 'ltr']);
    await expect(card).to.be.accessible();
  });

  it('expands and collapses the story with a button that says whether it is open', async () => {
    const card = await fixture<W4rCaseCard>(html`<w4r-case-card .caseData=${gustavo}></w4r-case-card>`);
    await loaded(card);
    const toggle = getButton(card, 'Read the full story');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(visibleText(card)).not.to.contain('Second paragraph of the story.');
    const story = shadow(card).getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(story).to.be.instanceOf(Element);
    toggle.click();
    await card.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(visibleText(card)).to.contain('First paragraph of the story. Second paragraph of the story.');
    expect(story.querySelectorAll('p')).to.have.length(2);
    await expect(card).to.be.accessible();
    toggle.click();
    await card.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(visibleText(card)).not.to.contain('Second paragraph of the story.');
  });

  it('fires w4r-take-action with the case id when "Take action" is pressed', async () => {
    const card = await fixture<W4rCaseCard>(html`<w4r-case-card .caseData=${gustavo}></w4r-case-card>`);
    await loaded(card);
    const heard = oneEvent(document, 'w4r-take-action');
    getButton(card, 'Take action').click();
    const event = await heard;
    expect(event.detail).to.deep.equal({ caseId: 'gustavo-gatica' });
    expect(event.composed && event.bubbles).to.equal(true);
  });

  it("takes the supporter to the case's petition on the page, with or without a campaign around it", async () => {
    for (const wrapped of [true, false]) {
      const page = await fixture<HTMLElement>(
        wrapped
          ? html`<w4r-campaign
              ><w4r-case-card .caseData=${gustavo}></w4r-case-card
              ><w4r-petition case="gustavo-gatica"></w4r-petition
            ></w4r-campaign>`
          : html`<div>
              <w4r-case-card .caseData=${gustavo}></w4r-case-card
              ><w4r-petition case="gustavo-gatica"></w4r-petition>
            </div>`,
      );
      const card = page.querySelector('w4r-case-card')!;
      const petition = page.querySelector('w4r-petition')!;
      let focused = 0;
      Object.assign(petition, { focusFirstField: () => focused++ });
      await loaded(card);
      getButton(card, 'Take action').click();
      expect(focused, wrapped ? 'routed by the campaign' : 'routed by the card').to.equal(1);
      fixtureCleanup();
    }
  });

  it('is a link when the page gives an action-href, and never follows a script URL', async () => {
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card action-href="/act#gustavo" .caseData=${gustavo}></w4r-case-card>`,
    );
    await loaded(card);
    expect(getLink(card, 'Take action').getAttribute('href')).to.equal('/act#gustavo');
    await expect(card).to.be.accessible();
    card.actionHref = 'javascript:alert(1)';
    await card.updateComplete;
    expect(() => getLink(card, 'Take action')).to.throw();
    expect(getButton(card, 'Take action')).to.be.instanceOf(Element);
  });

  it('shows initials instead of a photo from another site, and the photo when it is safe', async () => {
    const elsewhere = {
      ...gustavo,
      image: { src: 'https://images.example.org/g.jpg', alt: 'Gustavo smiling' },
    };
    const card = await fixture<W4rCaseCard>(html`<w4r-case-card .caseData=${elsewhere}></w4r-case-card>`);
    await loaded(card);
    expect(getAllByRole(card, 'img'), 'no third-party request').to.have.length(0);
    const placeholder = shadow(card).querySelector('[part="placeholder"]')!;
    expect(placeholder.textContent!.trim()).to.equal('GG');
    expect(placeholder.getAttribute('aria-hidden')).to.equal('true');

    const pixel =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    card.caseData = { ...gustavo, image: { src: pixel, alt: 'Gustavo smiling' } };
    await waitUntil(() => getAllByRole(card, 'img').length > 0, 'the photo shows');
    const [image] = getAllByRole(card, 'img') as HTMLImageElement[];
    expect(image!.alt).to.equal('Gustavo smiling');
    await expect(card).to.be.accessible();
  });

  it("loads photos only from the endpoint or the page, and stands in with the people's initials", () => {
    const api = 'https://actions.example.org';
    expect(safeImageSource('/media/gustavo.jpg', api)).to.equal(`${api}/media/gustavo.jpg`);
    expect(safeImageSource('media/gustavo.jpg', `${api}/w4r`)).to.equal(`${api}/w4r/media/gustavo.jpg`);
    expect(safeImageSource(`${location.origin}/g.jpg`, api)).to.equal(`${location.origin}/g.jpg`);
    expect(safeImageSource('/g.jpg', undefined)).to.equal(`${location.origin}/g.jpg`);
    expect(safeImageSource('https://tracker.example.com/g.jpg', api)).to.equal(undefined);
    expect(safeImageSource('//tracker.example.com/g.jpg', undefined)).to.equal(undefined);
    expect(safeImageSource('javascript:alert(1)', api)).to.equal(undefined);
    expect(safeImageSource('data:image/svg+xml,<svg/>', api)).to.equal(undefined);
    expect(initialsOf('Popi Qwabe and Bongeka Phungula')).to.equal('PB');
    expect(initialsOf('Melike Balkan and Özgür Gür')).to.equal('MÖ');
    expect(initialsOf('Gustavo Gatica')).to.equal('GG');
    expect(initialsOf('نسيمة السادة'), 'the article of the family name skipped').to.equal('نس');
    expect(initialsOf('Nassima al-Sada')).to.equal('NS');
    expect(initialsOf('Amal el-Masri')).to.equal('AM');
    expect(initialsOf('Ali Alvarez'), 'a name that only starts like the article').to.equal('AA');
  });

  it('joins the authority’s title and name as the reader’s language does', async () => {
    const target = { name: 'الملك سلمان بن عبد العزيز آل سعود', title: 'ملك المملكة العربية السعودية' };
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card locale="ar" .caseData=${{ ...gustavo, lang: 'ar', target }}></w4r-case-card>`,
    );
    await loaded(card);
    await waitUntil(() => getLocale() === 'ar', 'the Arabic strings are in use');
    await card.updateComplete;
    expect(shadow(card).querySelector('[part="target"] bdi')!.textContent).to.equal(
      'ملك المملكة العربية السعودية، الملك سلمان بن عبد العزيز آل سعود',
    );
    await expect(card).to.be.accessible();
  });

  it('leaves out the story and the ask in the compact layout', async () => {
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card layout="compact" .caseData=${gustavo}></w4r-case-card>`,
    );
    await loaded(card);
    expect(visibleText(card)).to.contain('Gustavo Gatica');
    expect(() => getButton(card, 'Read the full story')).to.throw();
    expect(visibleText(card)).not.to.contain('What we ask');
    expect(getButton(card, 'Take action')).to.be.instanceOf(Element);
    await expect(card).to.be.accessible();
  });

  it('warns in the console naming the bad field of invalid inline JSON, and says so in plain words', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const card = await fixture<W4rCaseCard>(
        html`<w4r-case-card>${inline({ ...gustavo, country: 'Chile' })}</w4r-case-card>`,
      );
      await loaded(card);
      expect(warnings.join('\n')).to.match(/"country"/);
      const alert = shadow(card).querySelector('[role="alert"]')!;
      expect(visibleText(card)).to.contain('The case information on this page is incomplete.');
      expect(alert).to.be.instanceOf(Element);
      await expect(card).to.be.accessible();
    } finally {
      console.warn = warn;
    }
  });

  it('shows a loading skeleton, then a plain error and a working "Try again" when the endpoint is down', async () => {
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card endpoint="http://127.0.0.1:9" case="gustavo-gatica"></w4r-case-card>`,
    );
    expect(shadow(card).querySelector('[aria-busy="true"]'), 'skeleton while loading').to.be.instanceOf(
      Element,
    );
    expect(card.getBoundingClientRect().height, 'the skeleton reserves space').to.be.greaterThan(100);
    await expect(card).to.be.accessible();
    await waitUntil(() => shadow(card).querySelector('[role="alert"]'), 'the error shows', 14000);
    expect(visibleText(card)).to.contain('The campaign server could not be reached.');
    await expect(card).to.be.accessible();
    getButton(card, 'Try again').click();
    await card.updateComplete;
    expect(shadow(card).querySelector('[aria-busy="true"]'), 'loading again').to.be.instanceOf(Element);
    await waitUntil(() => shadow(card).querySelector('[role="alert"]'), 'the error shows again', 14000);
    expect(shadow(card).activeElement, 'focus is back on "Try again"').to.equal(getButton(card, 'Try again'));
  });

  it('renders every case of the demo campaign accessibly', async () => {
    const campaign = (await (await fetch('/campaigns/write-for-rights-2020.json')).json()) as {
      cases: Case[];
    };
    expect(campaign.cases).to.have.length(4);
    for (const data of campaign.cases) {
      const card = await fixture<W4rCaseCard>(
        html`<w4r-case-card>${inline({ ...data, translations: undefined })}</w4r-case-card>`,
      );
      await loaded(card);
      expect(getAllByRole(card, 'heading')[0]!.textContent).to.equal(data.name);
      await expect(card).to.be.accessible();
    }
  });

  it('loads the case from the endpoint', async function () {
    const config = (await (await fetch('/test/fixtures/campaign.json')).json()) as { cases: Case[] };
    const first = config.cases[0]!;
    const card = await fixture<W4rCaseCard>(
      html`<w4r-case-card endpoint=${endpoint} case=${first.id}></w4r-case-card>`,
    );
    await loaded(card);
    expect(getAllByRole(card, 'heading')[0]!.textContent).to.equal(first.name);
    expect(visibleText(card)).to.contain(first.headline);
    await expect(card).to.be.accessible();
  });
});
