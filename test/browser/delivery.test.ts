import { expect } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import { waitUntil } from '../support/queries.js';
import { anotherPage, loadScript, openPage } from '../support/pages.js';

// The built loader (dist/w4r.js) from the real endpoint, on partner pages whose CSP lets scripts come
// from the endpoint's origin only. `npm run build` first.

interface Release {
  files: string[];
  elements: Record<string, number[]>;
}

interface ProbedWindow extends Window {
  __w4rProblems: string[];
}

const release = async (): Promise<Release> =>
  (await fetch('/dist/chunks/release.json')).json() as Promise<Release>;

/** The chunk files the page fetched from the endpoint. */
const chunksFetched = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => url.startsWith(`${endpoint}/chunks/`))
    .map((url) => url.slice(`${endpoint}/chunks/`.length));

const filesOf = (built: Release, ...tags: string[]) =>
  [...new Set(tags.flatMap((tag) => built.elements[tag]!.map((index) => built.files[index]!)))].sort();

const INLINE_CASE = JSON.stringify({
  id: 'gustavo-gatica',
  name: 'Gustavo Gatica',
  country: 'CL',
  headline: 'Blinded by police at a protest.',
  summary: 'Gustavo Gatica, a psychology student, was shot in both eyes by police in Santiago.',
  target: { name: 'Jorge Abbott Charme', title: 'National Prosecutor of Chile' },
});

function caseCard(doc: Document): HTMLElement {
  const card = doc.createElement('w4r-case-card');
  const data = doc.createElement('script');
  data.type = 'application/json';
  data.textContent = INLINE_CASE;
  card.append(data);
  return card;
}

describe('the loader /w4r.js', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('fetches only the chunks of the elements a page shows, and defines one added later, even inside a widget', async function () {
    this.timeout(30_000);
    const built = await release();
    frame = await openPage('/test/fixtures/partner.html');
    const win = frame.contentWindow as ProbedWindow;
    const doc = frame.contentDocument!;
    const main = doc.querySelector('main')!;
    main.append(caseCard(doc));
    // Pasted twice, as by a theme and a plugin: the second copy does nothing.
    await loadScript(doc, `${endpoint}/w4r.js`);
    await loadScript(doc, `${endpoint}/w4r.js`);

    const card = doc.querySelector('w4r-case-card')!;
    await waitUntil(() => card.shadowRoot?.querySelector('h2, h3, [role="heading"]'), 'the card rendered');
    expect(card.shadowRoot!.textContent).to.contain('Gustavo Gatica');
    expect(chunksFetched(win).sort(), 'the card’s chunk and the chunks it needs, once each').to.deep.equal(
      filesOf(built, 'w4r-case-card'),
    );
    for (const tag of ['w4r-petition', 'w4r-letter', 'w4r-solidarity-wall', 'w4r-share']) {
      expect(win.customElements.get(tag), `${tag}, never shown, is not defined`).to.equal(undefined);
    }

    // Later, a petition (which shows a counter inside it) is added to the page.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const petition = doc.createElement('w4r-petition');
    petition.setAttribute('endpoint', endpoint);
    petition.setAttribute('case', 'gustavo-gatica');
    main.append(petition);
    await waitUntil(
      () => petition.shadowRoot?.querySelector('form'),
      'the petition added later shows its form',
      15000,
    );
    const counter = petition.shadowRoot!.querySelector('w4r-counter');
    if (counter)
      await waitUntil(() => counter.shadowRoot?.querySelector('[part="count"]'), 'its counter shows');

    // A widget placed inside another widget's shadow root is found there too.
    const share = doc.createElement('w4r-share');
    share.setAttribute('endpoint', endpoint);
    share.setAttribute('case', 'gustavo-gatica');
    card.shadowRoot!.append(share);
    await waitUntil(
      () => share.shadowRoot?.querySelector('ul'),
      'the share buttons inside the card show',
      15000,
    );

    expect(chunksFetched(win).sort()).to.deep.equal(
      filesOf(built, 'w4r-case-card', 'w4r-petition', 'w4r-share'),
    );
    expect(win.customElements.get('w4r-letter'), 'the letter was never used').to.equal(undefined);
    expect(win.__w4rProblems).to.deep.equal([]);
  });

  for (const how of ['async', 'defer', 'blocking']) {
    it(`works as a ${how} script, loaded twice, under a CSP that allows scripts from the endpoint only`, async () => {
      const attribute = how === 'blocking' ? '' : how;
      frame = await anotherPage(
        `<w4r-case-card><script type="application/json">${INLINE_CASE}</script></w4r-case-card>`,
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${endpoint}; style-src 'none'; img-src data:; connect-src ${endpoint}">` +
          `<script src="${endpoint}/w4r.js" ${attribute}></script><script src="${endpoint}/w4r.js" ${attribute}></script>`,
      );
      const doc = frame.contentDocument!;
      const violations: string[] = [];
      doc.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      const card = doc.querySelector('w4r-case-card')!;
      await waitUntil(
        () => card.shadowRoot?.textContent?.includes('Gustavo Gatica'),
        'the card rendered',
        15000,
      );
      expect(violations).to.deep.equal([]);
    });
  }

  it('says in words that a widget could not load when its chunks are blocked', async () => {
    // A filter that lets /w4r.js through but blocks the chunks: here, a CSP that names the loader alone.
    frame = await anotherPage(
      `<w4r-case-card><script type="application/json">${INLINE_CASE}</script></w4r-case-card>`,
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${endpoint}/w4r.js">` +
        `<script src="${endpoint}/w4r.js" defer></script>`,
    );
    const card = frame.contentDocument!.querySelector('w4r-case-card')!;
    await waitUntil(
      () => card.shadowRoot?.querySelector('[role="alert"]'),
      'the card says what happened',
      15000,
    );
    expect(card.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'This campaign widget could not load. Check your connection, then reload the page.',
    );
    expect(frame.contentWindow!.customElements.get('w4r-case-card')).to.equal(undefined);
  });
});
