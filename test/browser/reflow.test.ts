import { expect } from '@open-wc/testing';
import { adminToken, endpoint } from '/__w4r__/endpoint.js';
import { partsOf, sidewaysOverflow, smallTargets, targets } from '../support/layout.js';
import { waitUntil } from '../support/queries.js';
import { forgetWidgetStorage } from '../support/widget-storage.js';

// Every widget of a case on a phone-sized page, as WCAG 2.2 measures it: 1.4.10 Reflow (320 CSS px, the
// width of a 1280 px window at 400 % zoom, with no sideways scrolling) and 1.4.4 Resize text (the text
// at 200 % on top of 200 % zoom: a 640 px page whose root font size is doubled), plus 2.5.8 Target Size
// (every button, link, field and checkbox at least 24 × 24 CSS px; links inside a sentence are exempt).

const API = `${endpoint}/v1`;

/** The four cases of the demo campaign, each in the language and look a partner might choose. */
const CASES = [
  { id: 'popi-and-bongeka', locale: 'en', theme: '' },
  { id: 'gustavo-gatica', locale: 'es', theme: 'amnesty' },
  { id: 'nassima-al-sada', locale: 'ar', theme: '' },
  { id: 'melike-and-ozgur', locale: 'tr', theme: 'amnesty' },
] as const;

const VIEWS = [
  { name: '320 CSS px wide', width: 320, rootFontSize: '100%' },
  { name: '640 CSS px wide with text at 200 %', width: 640, rootFontSize: '200%' },
  // Sites that set `html { font-size: 62.5% }` to count in tens: the widgets' rem sizes shrink with it.
  { name: '320 CSS px wide on a page whose root font size is 10 px', width: 320, rootFontSize: '62.5%' },
] as const;

const WIDGETS = [
  'w4r-case-card',
  'w4r-case-card[layout="compact"]',
  'w4r-counter',
  'w4r-petition',
  'w4r-solidarity-wall',
  'w4r-solidarity-wall[layout="grid"]',
  'w4r-letter',
  'w4r-share',
];

/** A message on the case's wall with a long name and an unbroken word, approved so it shows. */
async function seedWall(caseId: string): Promise<void> {
  const posted = await fetch(`${API}/cases/${caseId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: 'DayanışmaİçinİmzalayanlarınHepsiAdınaKonuşanBirİnsan',
      country: 'ZA',
      text: `We stand with you. ${'Gerechtigkeitsforderungsunterstützungsbekundung'.repeat(2)} — https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all`,
    }),
  });
  expect(posted.status).to.equal(201);
  const { id } = (await posted.json()) as { id: string };
  const approved = await fetch(`${API}/admin/messages/${id}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  expect(approved.status).to.equal(200);
}

/** A page of the given width with every widget of one case, loaded from the endpoint. */
async function openPage(
  view: (typeof VIEWS)[number],
  { id, locale, theme }: (typeof CASES)[number],
): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.title = `Page ${view.width} px wide`;
  frame.width = String(view.width);
  frame.height = '900';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <style>html { font-size: ${view.rootFontSize}; } body { margin: 0; }</style></head><body>
    <w4r-campaign endpoint="${endpoint}" locale="${locale}" ${theme ? `theme="${theme}"` : ''}
      privacy-href="https://www.amnesty.org/en/about-us/privacy-policy/">
      <w4r-case-card case="${id}"></w4r-case-card>
      <w4r-case-card case="${id}" layout="compact"></w4r-case-card>
      <w4r-counter case="${id}"></w4r-counter>
      <w4r-petition case="${id}"></w4r-petition>
      <w4r-solidarity-wall case="${id}"></w4r-solidarity-wall>
      <w4r-solidarity-wall case="${id}" layout="grid" links></w4r-solidarity-wall>
      <w4r-letter case="${id}"></w4r-letter>
      <w4r-share case="${id}"></w4r-share>
    </w4r-campaign>
    <script type="module" src="/src/define.ts"></script></body></html>`;
  document.body.append(frame);
  await waitUntil(
    () => frame.contentDocument?.querySelector('w4r-share')?.shadowRoot,
    'the page has started',
  );
  const doc = frame.contentDocument!;
  const inside = (selector: string, part: string) =>
    doc.querySelector(selector)?.shadowRoot?.querySelector(part);
  await waitUntil(
    () =>
      inside('w4r-case-card', '[part="action"]') &&
      inside('w4r-case-card[layout="compact"]', '[part="action"]') &&
      inside('w4r-counter', '[role="progressbar"]') &&
      inside('w4r-petition', 'form') &&
      inside('w4r-solidarity-wall', '[part="list"][aria-busy="false"] article') &&
      inside('w4r-solidarity-wall[layout="grid"]', '[part="list"][aria-busy="false"] article') &&
      inside('w4r-letter', 'textarea') &&
      inside('w4r-share', 'ul'),
    'every widget has loaded',
    15000,
  );
  // Measured in the page's language: translations are often longer than the English.
  await waitUntil(
    () => locale === 'en' || !inside('w4r-petition', 'button[type="submit"]')!.textContent!.includes('Sign'),
    `the ${locale} strings are in use`,
  );
  await Promise.all(
    [...doc.querySelectorAll('*')]
      .filter((element) => element.localName.startsWith('w4r-'))
      .map((element) => (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete),
  );
  return frame;
}

/** Sends the petition's and the wall's forms empty, so every problem shows beside its field. */
async function showEveryProblem(doc: Document): Promise<void> {
  for (const selector of ['w4r-petition', 'w4r-solidarity-wall']) {
    doc.querySelector(selector)!.shadowRoot!.querySelector('form')!.requestSubmit();
  }
  await waitUntil(
    () =>
      doc.querySelector('w4r-petition')!.shadowRoot!.querySelector('[aria-invalid="true"]') &&
      doc.querySelector('w4r-solidarity-wall')!.shadowRoot!.querySelector('[aria-invalid="true"]'),
    'the problems show',
  );
}

function expectReflows(doc: Document, when: string): void {
  const root = doc.documentElement;
  const beyond = WIDGETS.flatMap((selector) =>
    partsOf(doc.querySelector(selector)!)
      .filter((element) => {
        const rect = element.getBoundingClientRect();
        return rect.width > 0 && (rect.right > root.clientWidth + 0.5 || rect.left < -0.5);
      })
      .map((element) => `${selector}: <${element.localName} class="${element.getAttribute('class') ?? ''}">`),
  );
  expect(root.scrollWidth, `${when}: the page does not scroll sideways (${beyond.join(', ')})`).to.be.at.most(
    root.clientWidth,
  );
  const problems = WIDGETS.flatMap((selector) => {
    const host = doc.querySelector(selector)!;
    const width = host.getBoundingClientRect().width;
    return [
      ...(width > root.clientWidth ? [`${width} px wide on a ${root.clientWidth} px page`] : []),
      ...sidewaysOverflow(host),
    ].map((problem) => `${selector}: ${problem}`);
  });
  expect(problems, when).to.deep.equal([]);
}

describe('reflow and target size', function () {
  this.timeout(60_000);
  let frame: HTMLIFrameElement | undefined;

  before(async function () {
    // Every form shows, not a thanks left by a test file that signed before this one.
    forgetWidgetStorage();
    for (const { id } of CASES) await seedWall(id);
  });

  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  for (const view of VIEWS) {
    for (const page of CASES) {
      it(`${page.id} in ${page.locale}${page.theme ? `, ${page.theme} look` : ''}: ${view.name}`, async () => {
        frame = await openPage(view, page);
        const doc = frame.contentDocument!;
        expect(doc.documentElement.clientWidth).to.equal(view.width);
        expectReflows(doc, 'as it opens');

        const measured = WIDGETS.flatMap((selector) => targets(doc.querySelector(selector)!));
        expect(measured.length, 'buttons, links and fields were measured').to.be.greaterThan(30);
        const small = WIDGETS.flatMap((selector) =>
          smallTargets(doc.querySelector(selector)!).map((problem) => `${selector}: ${problem}`),
        );
        expect(small, 'targets under 24 × 24 CSS px').to.deep.equal([]);

        await showEveryProblem(doc);
        expectReflows(doc, 'with every problem shown');
        const card = doc.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('w4r-case-card')!;
        card.shadowRoot!.querySelector<HTMLButtonElement>('[part="story-toggle"]')!.click();
        await card.updateComplete;
        expect(card.shadowRoot!.querySelector<HTMLElement>('#story')!.hidden).to.equal(false);
        expectReflows(doc, 'with the story open');
      });
    }
  }
});
