import { expect } from '@open-wc/testing';
import { getAllByRole, getLink, waitUntil } from '../support/queries.js';

// The demo pages as they ship (demo/ with the built bundle beside them), opened in a frame.

interface AxeWindow extends Window {
  axe?: { run(context: Document | Element): Promise<{ violations: { id: string; help: string }[] }> };
}

async function open(src: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.title = 'Demo page';
  frame.width = '1000';
  frame.height = '900';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = src;
  document.body.append(frame);
  await loaded;
  return frame;
}

async function axeViolations(frame: HTMLIFrameElement): Promise<string[]> {
  const doc = frame.contentDocument!;
  const script = doc.createElement('script');
  script.src = '/node_modules/axe-core/axe.min.js';
  await new Promise((resolve, reject) => {
    script.addEventListener('load', resolve, { once: true });
    script.addEventListener('error', reject, { once: true });
    doc.head.append(script);
  });
  const { violations } = await (frame.contentWindow as AxeWindow).axe!.run(doc);
  return violations.map((violation) => `${violation.id}: ${violation.help}`);
}

describe('the demo', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('blog page: one script tag and one card with inline data', async () => {
    frame = await open('/demo/blog.html');
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
    frame = await open('/demo/index.html?case=nassima-al-sada&locale=ar&theme=amnesty');
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
    await waitUntil(
      () => cards.every((card) => card.shadowRoot?.querySelector('[part~="base"]')),
      'cards render',
    );
    await waitUntil(
      () => cards.every((card) => !card.shadowRoot!.querySelector('[aria-busy="true"]')),
      'cards have loaded',
      14000,
    );
    expect(await axeViolations(frame)).to.deep.equal([]);
  });
});
