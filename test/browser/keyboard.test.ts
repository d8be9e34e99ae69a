import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rCaseCard } from '../../src/elements/case-card/case-card.js';
import type { W4rLetter } from '../../src/elements/letter/letter.js';
import type { W4rPetition } from '../../src/elements/petition/petition.js';
import type { W4rShare } from '../../src/elements/share/share.js';
import type { W4rSolidarityWall } from '../../src/elements/solidarity-wall/solidarity-wall.js';
import { getButton, getField, visibleText, waitUntil } from '../support/queries.js';
import {
  coveredBy,
  focused,
  focusedName,
  focusIndicator,
  press,
  scrollingStopped,
  tabThrough,
  typeKeys,
} from '../support/keyboard.js';
import { storedStats } from '../support/stats.js';
import { forgetWidgetStorage } from '../support/widget-storage.js';

// Everything here is done with real key presses sent by the browser: no clicks, no values set by script.

const API = `${endpoint}/v1`;

/** Focus is on something, shown by an outline or a shadow, and not hidden behind anything. */
function expectFocusShown(element: Element | null = focused()): void {
  expect(element, 'something has focus').to.be.instanceOf(Element);
  const name = `"${focusedName()}" (${element!.localName})`;
  expect(element!.matches(':focus-visible'), `${name} matches :focus-visible`).to.equal(true);
  const indicator = focusIndicator(element!);
  expect(
    indicator.visible,
    `${name} shows focus: outline ${indicator.outline}, box-shadow ${indicator.boxShadow}`,
  ).to.equal(true);
  expect(coveredBy(element!), `${name} is not covered`).to.equal(null);
}

/** The widget between two plain buttons of the page, so focus can be followed into it and out of it. */
async function onPage<T extends HTMLElement>(widget: unknown): Promise<{ widget: T; before: HTMLElement }> {
  const page = await fixture<HTMLDivElement>(
    html`<div>
      <button type="button" id="before">Before the widget</button>
      ${widget}
      <button type="button" id="after">After the widget</button>
    </div>`,
  );
  return {
    widget: page.children[1] as T,
    before: page.querySelector<HTMLElement>('#before')!,
  };
}

const isAfter = (element: Element) => element.id === 'after';

/** Tabs from the button before the widget to the one after it; the names on the way. */
async function tabAcross(before: HTMLElement, limit = 20): Promise<string[]> {
  before.focus();
  const names = await tabThrough(limit, isAfter, (element) => {
    if (!isAfter(element)) expectFocusShown(element);
  });
  expect(names.at(-1), 'focus leaves the widget: no keyboard trap').to.equal('After the widget');
  return names.slice(0, -1);
}

/** Tabs forward until focus is on the element named `name`. */
async function tabTo(name: string | RegExp, limit = 20): Promise<Element> {
  const names = await tabThrough(limit, () => {
    const current = focusedName();
    return typeof name === 'string' ? current === name : name.test(current);
  });
  const element = focused()!;
  expect(focusedName(), `Tab reached ${String(name)} after ${names.join(' → ')}`).to.match(
    typeof name === 'string' ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : name,
  );
  expectFocusShown(element);
  return element;
}

beforeEach(forgetWidgetStorage);

describe('keyboard only', function () {
  it('signs the petition: Tab through the fields in reading order, type, Space to agree, Enter to sign', async () => {
    const before = await storedStats('popi-and-bongeka');
    const { widget: petition, before: start } = await onPage<W4rPetition>(
      html`<w4r-petition
        endpoint=${endpoint}
        case="popi-and-bongeka"
        privacy-href="https://www.amnesty.org/en/about-us/privacy-policy/"
      ></w4r-petition>`,
    );
    await waitUntil(() => petition.shadowRoot!.querySelector('form'), 'the petition has loaded');
    await petition.updateComplete;

    const order = await tabAcross(start);
    expect(order).to.deep.equal([
      'First name *',
      'Last name *',
      'Email *',
      'Country *',
      'I agree that my name and country go to the authorities with this petition, and my details are kept as the privacy policy says.',
      'privacy policy',
      'Email me news about this case.',
      'Sign the petition',
    ]);

    start.focus();
    await tabTo('First name *');
    await typeKeys('Ana');
    await tabTo('Last name *');
    await typeKeys('Pérez');
    await tabTo('Email *');
    await typeKeys(`keyboard-${crypto.randomUUID()}@example.org`);
    const country = (await tabTo('Country *')) as HTMLSelectElement;
    await typeKeys('Chile');
    expect(country.value, 'typing a name picks the country').to.equal('CL');
    const consent = (await tabTo(/^I agree/)) as HTMLInputElement;
    await press('Space');
    expect(consent.checked, 'Space ticks the box').to.equal(true);
    await tabTo('Sign the petition');
    const signed = oneEvent(petition, 'w4r-signed');
    await press('Enter');
    expect((await signed).detail.status).to.equal('counted');
    await petition.updateComplete;
    await waitUntil(() => focusedName() === 'Thank you for signing!', 'focus moves to the thanks');
    expect(visibleText(petition)).to.contain('Your signature is in.');
    expect(focused()!.getRootNode()).to.equal(petition.shadowRoot);
    expectFocusShown();
    expect((await storedStats('popi-and-bongeka')).signatures).to.equal(before.signatures + 1);

    // On from the thanks: the next things to do (with no share buttons of the page's, the case's own), then
    // out of the widget.
    const next = await tabThrough(10, isAfter, (element) => isAfter(element) || expectFocusShown(element));
    expect(next).to.deep.equal([
      'X (opens in a new tab)',
      'Facebook (opens in a new tab)',
      'WhatsApp (opens in a new tab)',
      'Email',
      'Copy link',
      'Sign as someone else',
      'After the widget',
    ]);
    await press('Shift+Tab');
    expect(focusedName()).to.equal('Sign as someone else');
    await press('Enter');
    await waitUntil(() => focusedName() === 'First name *', 'focus is back in the empty form');
    expect((focused() as HTMLInputElement).value).to.equal('');
    await expect(petition).to.be.accessible();
  });

  it('sends an empty petition with Enter: focus goes to the first problem, shown', async () => {
    const { widget: petition, before: start } = await onPage<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica"></w4r-petition>`,
    );
    await waitUntil(() => petition.shadowRoot!.querySelector('form'), 'the petition has loaded');
    start.focus();
    await tabTo('Sign the petition');
    await press('Enter');
    await waitUntil(() => focusedName() === 'First name *', 'focus moves to the first problem');
    expectFocusShown();
    expect(focused()!.getAttribute('aria-invalid')).to.equal('true');
    expect(visibleText(petition)).to.contain('Enter your first name.');
  });

  it('posts on the solidarity wall: name, country skipped, message, Enter on the button', async () => {
    const { widget: wall, before: start } = await onPage<W4rSolidarityWall>(
      html`<w4r-solidarity-wall endpoint=${endpoint} case="open-wall"></w4r-solidarity-wall>`,
    );
    await waitUntil(
      () => wall.shadowRoot!.querySelector('[part="list"][aria-busy="false"]'),
      'the wall has loaded',
    );
    await wall.updateComplete;

    const order = await tabAcross(start);
    expect(order).to.deep.equal([
      'Your name *',
      'Your country (optional)',
      'Your message *',
      'Post message',
      'Messages',
    ]);

    start.focus();
    await tabTo('Your name *');
    await typeKeys('Amina');
    await tabTo('Your message *');
    const text = `Stay strong, typed on a keyboard ${crypto.randomUUID().slice(0, 8)}`;
    await typeKeys(text);
    await tabTo('Post message');
    const posted = oneEvent(wall, 'w4r-message-posted');
    await press('Enter');
    expect((await posted).detail.status).to.equal('approved');
    await waitUntil(() => visibleText(wall).includes('Your message is on the wall'), 'the answer shows');
    await waitUntil(
      () => [...wall.shadowRoot!.querySelectorAll('[part="text"]')].some((p) => p.textContent === text),
      'the message is on the wall',
    );
    expect(focusedName(), 'focus stays where the writer was').to.equal('Post message');
    await tabTo('Messages');
    await expect(wall).to.be.accessible();
  });

  it('scrolls the wall with the keyboard, and "new messages" takes the reader to the newest, focused', async function () {
    this.timeout(30_000);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        fetch(`${API}/cases/open-wall/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: 'Filler', text: `Keyboard filler ${i} ${'words '.repeat(i)}` }),
        }),
      ),
    );
    const { widget: wall, before: start } = await onPage<W4rSolidarityWall>(
      html`<w4r-solidarity-wall endpoint=${endpoint} case="open-wall"></w4r-solidarity-wall>`,
    );
    const list = () => wall.shadowRoot!.querySelector<HTMLElement>('[part="list"]')!;
    await waitUntil(() => list().getAttribute('aria-busy') === 'false', 'the wall has loaded');
    start.focus();
    await tabTo('Messages');
    for (let page = 0; page < 3; page++) await press('PageDown');
    await waitUntil(() => list().scrollTop > 100, 'Page Down scrolls the list');
    await scrollingStopped(list());
    const text = `Arrives while reading by keyboard ${crypto.randomUUID().slice(0, 8)}`;
    await fetch(`${API}/cases/open-wall/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Far Away', text }),
    });
    const newMessages = getButton(wall, /new messages?$/);
    await waitUntil(() => newMessages.checkVisibility(), 'the new-messages button shows');
    await press('Shift+Tab');
    expect(focused(), 'the button comes just before the list').to.equal(newMessages);
    expectFocusShown();
    await press('Enter');
    await waitUntil(() => focused()?.localName === 'article', 'the newest message has focus');
    expect(focused(), 'the newest is the first').to.equal(wall.shadowRoot!.querySelector('article'));
    expect([...wall.shadowRoot!.querySelectorAll('[part="text"]')].map((p) => p.textContent)).to.include(
      text,
    );
    expect(list().scrollTop).to.equal(0);
    expectFocusShown();
  });

  it('writes a letter and reports it: arrows choose the kind, the number steps, Space reports', async () => {
    const before = await storedStats('gustavo-gatica');
    const { widget: letter, before: start } = await onPage<W4rLetter>(
      html`<w4r-letter endpoint=${endpoint} case="gustavo-gatica"></w4r-letter>`,
    );
    await waitUntil(() => letter.shadowRoot!.querySelector('textarea'), 'the letter shows');
    await letter.updateComplete;

    const order = await tabAcross(start);
    expect(order).to.deep.equal([
      'A letter to the authorities',
      'Your name',
      'Your town or city',
      'Your letter',
      'Print',
      'Copy text',
      'Download (.txt)',
      'Letters sent',
      'Posted from',
      'I’ve sent my letter',
    ]);

    start.focus();
    await tabTo('A letter to the authorities');
    await press('ArrowDown');
    expect(letter.mode, 'an arrow key picks the card').to.equal('card');
    expect(focusedName()).to.equal('A card to Gustavo Gatica');
    expectFocusShown();
    await press('ArrowUp');
    expect(letter.mode).to.equal('appeal');
    await tabTo('Your name');
    await typeKeys('Ana Pérez');
    await tabTo('Your town or city');
    await typeKeys('Valparaíso');
    const body = getField<HTMLTextAreaElement>(letter, 'Your letter');
    expect(body.value).to.contain('I am writing from Valparaíso');
    const count = (await tabTo('Letters sent')) as HTMLInputElement;
    await press('ArrowUp');
    expect(count.value, 'the arrow steps the number').to.equal('2');
    const country = (await tabTo('Posted from')) as HTMLSelectElement;
    await typeKeys('Chile');
    expect(country.value).to.equal('CL');
    await tabTo('I’ve sent my letter');
    const sent = oneEvent(letter, 'w4r-letter-sent');
    await press('Space');
    expect((await sent).detail).to.include({ caseId: 'gustavo-gatica', count: 2, kind: 'appeal' });
    await waitUntil(() => focused()?.id === 'thanks', 'focus moves to the thanks');
    expect(focusedName()).to.match(/^Thank you!/);
    expectFocusShown();
    expect((await storedStats('gustavo-gatica')).letters - before.letters).to.be.at.least(2);
    await tabTo('Add a photo of your letters (optional)');
    await tabTo('Send the photo');
    await expect(letter).to.be.accessible();
  });

  it('copies the letter with Enter on "Copy text" and says so', async () => {
    const { widget: letter, before: start } = await onPage<W4rLetter>(
      html`<w4r-letter endpoint=${endpoint} case="popi-and-bongeka"></w4r-letter>`,
    );
    await waitUntil(() => letter.shadowRoot!.querySelector('textarea'), 'the letter shows');
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    try {
      start.focus();
      await tabTo('Copy text');
      await press('Enter');
      await waitUntil(() => visibleText(letter).includes('Letter copied.'), 'the feedback shows');
      expect(written).to.deep.equal([getField<HTMLTextAreaElement>(letter, 'Your letter').value]);
      expect(focusedName(), 'focus stays on the button').to.equal('Copy text');
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['clipboard'];
    }
  });

  it('shares: Tab through the channels, Enter on a link, Space on "Copy link"', async () => {
    const { widget: share, before: start } = await onPage<W4rShare>(
      html`<w4r-share
        endpoint=${endpoint}
        case="popi-and-bongeka"
        channels="x facebook whatsapp email copy"
      ></w4r-share>`,
    );
    await waitUntil(() => share.shadowRoot!.querySelector('ul'), 'the share links show');
    await share.updateComplete;

    const order = await tabAcross(start);
    expect(order).to.deep.equal([
      'X (opens in a new tab)',
      'Facebook (opens in a new tab)',
      'WhatsApp (opens in a new tab)',
      'Email',
      'Copy link',
    ]);

    // The page keeps the test where it is: the channel is chosen, no tab is opened.
    const stay = (event: Event) => event.preventDefault();
    share.addEventListener('click', stay);
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    try {
      start.focus();
      await tabTo('WhatsApp (opens in a new tab)');
      let heard = oneEvent(share, 'w4r-shared');
      await press('Enter');
      expect((await heard).detail).to.deep.equal({ caseId: 'popi-and-bongeka', channel: 'whatsapp' });

      await tabTo('Copy link');
      heard = oneEvent(share, 'w4r-shared');
      await press('Space');
      expect((await heard).detail.channel).to.equal('copy');
      await share.updateComplete;
      expect(written).to.deep.equal([location.href.split('#')[0]]);
      expect(share.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('Link copied');
      expect(focusedName(), 'focus stays on the button').to.equal('Copy link');
      expectFocusShown();
    } finally {
      share.removeEventListener('click', stay);
      delete (navigator as unknown as Record<string, unknown>)['clipboard'];
    }
    await expect(share).to.be.accessible();
  });

  it('opens the story and goes from "Take action" on the card to the petition’s first field', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div>
        <button type="button" id="before">Before the widget</button>
        <w4r-campaign endpoint=${endpoint}>
          <w4r-case-card case="gustavo-gatica"></w4r-case-card>
          <w4r-petition case="gustavo-gatica"></w4r-petition>
        </w4r-campaign>
      </div>`,
    );
    const card = page.querySelector<W4rCaseCard>('w4r-case-card')!;
    const petition = page.querySelector<W4rPetition>('w4r-petition')!;
    await waitUntil(() => card.shadowRoot!.querySelector('[part="action"]'), 'the card has loaded');
    await waitUntil(() => petition.shadowRoot!.querySelector('form'), 'the petition has loaded');

    page.querySelector<HTMLElement>('#before')!.focus();
    const toggle = await tabTo('Read the full story');
    await press('Enter');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(card.shadowRoot!.querySelector<HTMLElement>('#story')!.checkVisibility()).to.equal(true);
    await press('Space');
    expect(toggle.getAttribute('aria-expanded'), 'Space closes it again').to.equal('false');
    expectFocusShown();
    await tabTo('Take action');
    await press('Enter');
    await waitUntil(() => focused() === getField(petition, 'First name *'), 'focus is in the petition');
    expectFocusShown();
    await expect(card).to.be.accessible();
  });

  it('retries a case card that could not load with Enter, and focus lands on what replaced the button', async () => {
    const realFetch = window.fetch;
    let down = true;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      down ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    try {
      const { widget: card, before: start } = await onPage<W4rCaseCard>(
        html`<w4r-case-card endpoint=${endpoint} case="melike-and-ozgur"></w4r-case-card>`,
      );
      await waitUntil(() => card.shadowRoot!.querySelector('[part="retry"]'), 'the error shows', 15000);
      start.focus();
      await tabTo('Try again');
      down = false;
      await press('Enter');
      await waitUntil(() => focused()?.getAttribute('part') === 'name', 'focus is on the name');
      expect(focusedName()).to.equal('Melike Balkan and Özgür Gür');
      expectFocusShown();
      expect(getButton(card, 'Take action')).to.be.instanceOf(HTMLButtonElement);
    } finally {
      window.fetch = realFetch;
    }
  });
});
