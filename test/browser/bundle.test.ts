import { expect } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import type { Stats } from '../../src/schema/index.js';
import { getAllByRole, getButton, waitUntil } from '../support/queries.js';
import { anotherPage, loadScript, openPage } from '../support/pages.js';
import { PLAIN_HTTP_HOST } from '../support/chromium.mjs';
import { storedStats } from '../support/stats.js';

// What ships is what is tested: these tests load the built dist/w4r.js, the loader that defines each
// element from its chunk when a page first shows it (`npm test` builds first).

interface ProbedWindow extends Window {
  __w4rProblems: string[];
  axe?: { run(context: Element): Promise<{ violations: { id: string; help: string }[] }> };
}

/** One string each widget always shows, to find in the page's language. */
const SAYS = {
  'w4r-case-card': 'Take action',
  'w4r-petition': 'Sign the petition',
  'w4r-counter': 'Signatures',
  'w4r-solidarity-wall': 'Post message',
  'w4r-letter': 'Copy text',
  'w4r-share': 'Copy link',
} as const;

/** The translators' file of a language: plain source strings and their translations. */
async function translationsOf(lang: string): Promise<Map<string, string>> {
  const xliff = new DOMParser().parseFromString(await (await fetch(`/xliff/${lang}.xlf`)).text(), 'text/xml');
  return new Map(
    [...xliff.querySelectorAll('trans-unit')].map((unit) => [
      unit.querySelector('source')!.textContent!,
      unit.querySelector('target')?.textContent ?? '',
    ]),
  );
}

describe('the drop-in script dist/w4r.js', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('renders a card on a hostile page with a strict CSP, loaded three ways at once, without a console error', async () => {
    const built = await fetch('/dist/w4r.js', { method: 'HEAD' });
    expect(built.ok, 'dist/w4r.js exists: run `npm run build` first').to.equal(true);

    frame = await openPage('/test/fixtures/hostile.html');
    const win = frame.contentWindow as ProbedWindow;
    const doc = frame.contentDocument!;
    const card = doc.getElementById('card')!;
    // The card lives in the frame's realm, where `instanceof Element` fails: query its shadow root.
    const shadow = () => card.shadowRoot!;

    await waitUntil(() => win.customElements.get('w4r-case-card'), 'the script defined the card');
    await waitUntil(
      () => card.shadowRoot && getAllByRole(shadow(), 'heading').length > 0,
      'the card rendered its heading',
    );
    const [heading] = getAllByRole(shadow(), 'heading');
    expect(heading!.textContent).to.equal('Gustavo Gatica');
    expect(shadow().querySelector('[part="country"]')!.textContent).to.equal('Chile');
    // Only what the page shows is fetched and defined.
    for (const tag of [
      'w4r-campaign',
      'w4r-petition',
      'w4r-counter',
      'w4r-solidarity-wall',
      'w4r-letter',
      'w4r-share',
    ]) {
      expect(win.customElements.get(tag), `${tag} is not defined`).to.equal(undefined);
    }

    // The host page's CSS stays out (only its font is inherited, by design) and the card fits the page.
    const headingStyle = win.getComputedStyle(heading!);
    expect(headingStyle.textTransform).to.equal('none');
    expect(headingStyle.letterSpacing).to.equal('normal');
    expect(card.getBoundingClientRect().width).to.be.at.most(frame.clientWidth);
    expect(card.shadowRoot!.querySelector('img'), 'no image from another site').to.equal(null);

    // A second card on the page, with a photo the page's \`img { width: 2000px }\` does not reach.
    const compact = doc.getElementById('compact')!;
    await waitUntil(() => compact.shadowRoot?.querySelector('img'), 'the second card shows its photo');
    const photo = compact.shadowRoot!.querySelector('img')!;
    expect(photo.alt).to.equal('Nassima al-Sada');
    expect(photo.getBoundingClientRect().width).to.be.below(200);

    // Its controls still work there.
    getButton(shadow(), 'Read the full story').click();
    const story = shadow().querySelector('[part="story"]')!;
    await waitUntil(() => story.checkVisibility(), 'the story opens');
    expect(story.textContent).to.contain('Police fired riot-control shotguns');

    await loadScript(doc, '/node_modules/axe-core/axe.min.js');
    for (const widget of [card, compact]) {
      const { violations } = await win.axe!.run(widget);
      expect(violations.map((v) => `${widget.id}: ${v.id}: ${v.help}`)).to.deep.equal([]);
    }

    expect(win.__w4rProblems).to.deep.equal([]);
    const fetched = win.performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(
      fetched.filter((url) => /\/(ar|es|fr|tr)-[\w-]+\.js$/.test(url)),
      'an English page loads no language file',
    ).to.deep.equal([]);
  });

  for (const { lang, dir } of [
    { lang: 'ar', dir: 'rtl' },
    { lang: 'es', dir: 'ltr' },
    { lang: 'fr', dir: 'ltr' },
    { lang: 'tr', dir: 'ltr' },
  ]) {
    it(`speaks the page's language (${lang}), ${dir}, in every widget on a partner page with a strict CSP`, async () => {
      frame = await openPage('/test/fixtures/partner.html');
      const win = frame.contentWindow as ProbedWindow;
      const doc = frame.contentDocument!;
      // As a partner's page in that language says in its markup, before the script runs.
      doc.documentElement.lang = lang;
      doc.documentElement.dir = dir;
      await loadScript(doc, `${endpoint}/w4r.js`);
      const widgets = Object.keys(SAYS).map((tag) => {
        const widget = doc.createElement(tag);
        widget.setAttribute('endpoint', endpoint);
        widget.setAttribute('case', 'gustavo-gatica');
        doc.querySelector('main')!.append(widget);
        return widget;
      });
      const inside = (tag: string, selector: string) =>
        doc.querySelector(tag)?.shadowRoot?.querySelector(selector);
      await waitUntil(
        () =>
          inside('w4r-case-card', '[part="action"]') &&
          inside('w4r-petition', 'form') &&
          inside('w4r-counter', '[role="progressbar"]') &&
          inside('w4r-solidarity-wall', '[part="list"][aria-busy="false"]') &&
          inside('w4r-letter', 'textarea') &&
          inside('w4r-share', 'ul'),
        'every widget has loaded',
        15000,
      );
      const translations = await translationsOf(lang);
      // The widgets live in the frame's realm, where the query helpers' `instanceof` checks fail.
      const text = (widget: HTMLElement) => widget.shadowRoot!.textContent ?? '';
      await waitUntil(
        () => text(doc.querySelector('w4r-petition')!).includes(translations.get('Sign the petition')!),
        `the ${lang} strings are in use`,
      );
      for (const widget of widgets) {
        const english = SAYS[widget.localName as keyof typeof SAYS];
        const translated = translations.get(english);
        expect(translated, `"${english}" has a ${lang} translation`).to.be.a('string');
        expect(text(widget), `${widget.localName} says "${english}" in ${lang}`).to.contain(translated);
        if (translated !== english) expect(text(widget)).not.to.contain(english);
        expect(win.getComputedStyle(widget.shadowRoot!.firstElementChild!).direction).to.equal(dir);
      }
      const fetched = win.performance.getEntriesByType('resource').map((entry) => entry.name);
      expect(
        fetched.filter((url) => new RegExp(`^${endpoint}/chunks/${lang}-[\\w-]+\\.js$`).test(url)),
      ).to.have.length(1);

      await loadScript(doc, '/node_modules/axe-core/axe.min.js');
      for (const widget of widgets) {
        const { violations } = await win.axe!.run(widget);
        expect(violations.map((v) => `${widget.localName}: ${v.id}: ${v.help}`)).to.deep.equal([]);
      }
      expect(win.__w4rProblems).to.deep.equal([]);
    });
  }

  it('takes a supporter to an addressed letter, a counted report and a copied link on a strict-CSP partner page', async () => {
    frame = await openPage('/test/fixtures/partner.html');
    const win = frame.contentWindow as ProbedWindow;
    const doc = frame.contentDocument!;
    await loadScript(doc, `${endpoint}/w4r.js`);
    for (const tag of ['w4r-letter', 'w4r-share']) {
      const widget = doc.createElement(tag);
      widget.setAttribute('endpoint', endpoint);
      widget.setAttribute('case', 'gustavo-gatica');
      doc.querySelector('main')!.append(widget);
    }
    const root = {
      letter: () => doc.querySelector('w4r-letter')!.shadowRoot!,
      share: () => doc.querySelector('w4r-share')!.shadowRoot!,
    };
    await waitUntil(() => root.letter()?.querySelector('textarea'), 'the letter shows');
    await waitUntil(() => root.share()?.querySelector('ul'), 'the share links show');
    // The widgets live in the frame's realm, where the query helpers' `instanceof` checks fail.
    const field = (scope: ShadowRoot, label: string) => {
      const found = [...scope.querySelectorAll('label')].find((each) =>
        each.textContent!.trim().startsWith(label),
      );
      return scope.getElementById(found!.htmlFor) as HTMLInputElement;
    };
    const button = (scope: ShadowRoot, name: string) =>
      [...scope.querySelectorAll('button')].find((each) => each.textContent!.trim() === name)!;
    const typeInto = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    };

    typeInto(field(root.letter(), 'Your name'), 'Ana Pérez');
    await waitUntil(
      () => root.letter().querySelector('textarea')!.value.includes('Ana Pérez'),
      'the letter is signed with the writer’s name',
    );
    const letterText = root.letter().querySelector('textarea')!.value;
    expect(letterText, 'addressed to the authority').to.match(/^Dear .*Jorge Abbott Charme/);
    expect(root.letter().querySelector('[part="address"]')!.textContent).to.contain('Fiscalía Nacional');

    const before = ((await (await fetch(`${endpoint}/v1/cases/gustavo-gatica/stats`)).json()) as Stats)
      .letters;
    typeInto(field(root.letter(), 'Letters sent'), '2');
    button(root.letter(), 'I’ve sent my letter').click();
    await waitUntil(() => root.letter().textContent!.includes('Thank you!'), 'the writer is thanked');
    const after = ((await (await fetch(`${endpoint}/v1/cases/gustavo-gatica/stats`)).json()) as Stats)
      .letters;
    expect(after - before, 'the report is counted').to.be.at.least(2);

    Object.defineProperty(win.navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.resolve() },
    });
    button(root.share(), 'Copy link').click();
    await waitUntil(() => root.share().textContent!.includes('Link copied'), 'the copy is confirmed');
    expect(win.__w4rProblems).to.deep.equal([]);
  });

  it('shows a count and its goal apart ("0 of 50,000"), the space kept by the template minifier', async () => {
    frame = await openPage('/test/fixtures/partner.html');
    const doc = frame.contentDocument!;
    await loadScript(doc, `${endpoint}/w4r.js`);
    const counter = doc.createElement('w4r-counter') as HTMLElement & { stats: Stats };
    counter.stats = { signatures: 0, messages: 0, letters: 0, goal: 50000 };
    doc.querySelector('main')!.append(counter);
    await waitUntil(() => counter.shadowRoot?.querySelector('[part="count"]'), 'the counter shows');
    const count = counter.shadowRoot!.querySelector('[part="count"]')!;
    expect(count.textContent!.replace(/\s+/g, ' ').trim()).to.equal('0 of 50,000');
  });

  it('works on a partner page on plain http, which has no crypto.randomUUID: shows the case and counts a signature', async function () {
    this.timeout(30_000);
    const signatures = async () => (await storedStats('gustavo-gatica')).signatures;
    const before = await signatures();
    const report = new Promise<Record<string, unknown>>((resolve) => {
      const hear = (event: MessageEvent) => {
        if (!event.data?.plainHttp) return;
        window.removeEventListener('message', hear);
        resolve(event.data.plainHttp);
      };
      window.addEventListener('message', hear);
    });
    frame = await openPage(`http://${PLAIN_HTTP_HOST}:${location.port}/test/fixtures/plain-http.html`);
    const seen = await report;
    expect(seen, 'a page that is not a secure context').to.include({
      secure: false,
      randomUUID: 'undefined',
    });
    expect(seen).to.include({ heading: 'Gustavo Gatica', signed: 'counted', thanked: true });
    expect(await signatures(), 'counted once').to.equal(before + 1);
  });

  it('lets people who install the package define one element: w4r-widgets/elements/<name>', async () => {
    const manifest = (await (await fetch('/package.json')).json()) as {
      exports: Record<string, Record<string, string>>;
    };
    const subpath = manifest.exports['./elements/*']!;
    for (const name of ['campaign', 'case-card', 'petition', 'counter', 'solidarity-wall', 'letter', 'share'])
      for (const [condition, target] of Object.entries(subpath)) {
        const file = new URL(target.replace('*', name), `${location.origin}/`).pathname;
        const found = await fetch(file, { method: 'HEAD' });
        expect(found.ok, `w4r-widgets/elements/${name} (${condition}) is ${file}`).to.equal(true);
      }
    const module = new URL(subpath['default']!.replace('*', 'case-card'), `${location.origin}/`).pathname;
    frame = await anotherPage(`<script type="module">import '${module}';</script>`);
    const registry = frame.contentWindow!.customElements;
    await waitUntil(() => registry.get('w4r-case-card'), 'the case card is defined');
    expect(registry.get('w4r-petition'), 'and nothing else').to.equal(undefined);
  });

  it('ships w4r.css, which reserves a widget’s space before the script defines it', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/dist/w4r.css';
    const loaded = new Promise((resolve, reject) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', reject, { once: true });
    });
    document.head.append(link);
    await loaded;
    // Nothing defines w4r-* elements on this test page, as on a page whose script has not run yet.
    const card = document.createElement('w4r-case-card');
    const json = Object.assign(document.createElement('script'), {
      type: 'application/json',
      textContent: '{"id":"x"}',
    });
    card.append(json);
    document.body.append(card);
    try {
      expect(customElements.get('w4r-case-card')).to.equal(undefined);
      expect(card.getBoundingClientRect().height).to.be.at.least(14 * 16 - 1);
      expect(getComputedStyle(json).display, 'inline JSON never shows').to.equal('none');
    } finally {
      card.remove();
      link.remove();
    }
  });
});
