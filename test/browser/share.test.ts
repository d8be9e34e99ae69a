import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rShare } from '../../src/elements/share/share.js';
import type { Case } from '../../src/schema/index.js';
import { getLocale } from '../../src/core/locale/localization.js';
import { getButton, getLink, visibleText, waitUntil } from '../support/queries.js';

const tricky: Case = {
  id: 'tricky-case',
  name: 'Özgür & Nassima',
  country: 'TR',
  headline: 'A headline',
  summary: 'A summary.',
  target: { name: 'The Minister', handle: 'MinisterOffice' },
  share: {
    text: 'Çığlık & "justice" #1 — 100% يا حرية? a=b&c=d',
    hashtags: ['ÖzgürlükŞimdi', 'حرية', 'Write_4_Rights'],
    url: 'https://example.org/cases/ozgur?ref=a&lang=tr',
  },
};

const loaded = (share: W4rShare) =>
  waitUntil(() => share.shadowRoot!.querySelector('ul, [role="alert"]'), 'the share links show');

const param = (href: string, name: string) => new URL(href).searchParams.get(name);
/** mailto: parameters, decoded the way mail programs decode them (percent-encoding, no `+` for spaces). */
const mailParam = (href: string, name: string) => {
  const match = new RegExp(`[?&]${name}=([^&]*)`).exec(href);
  return match ? decodeURIComponent(match[1]!) : null;
};

function expectLinks(
  share: W4rShare,
  content: { text: string; hashtags: string[]; url: string; subject: string; handle?: string },
) {
  const tags = content.hashtags.map((tag) => `#${tag}`).join(' ');
  const withTags = tags ? `${content.text} ${tags}` : content.text;
  const x = getLink(share, /^X/).href;
  expect(x.startsWith('https://x.com/intent/post?')).to.equal(true);
  expect(param(x, 'text')).to.equal(content.handle ? `${content.text} @${content.handle}` : content.text);
  expect(param(x, 'url')).to.equal(content.url);
  expect(param(x, 'hashtags')).to.equal(content.hashtags.join(',') || null);
  const facebook = getLink(share, /^Facebook/).href;
  expect(facebook.startsWith('https://www.facebook.com/sharer/sharer.php?')).to.equal(true);
  expect(param(facebook, 'u')).to.equal(content.url);
  const whatsapp = getLink(share, /^WhatsApp/).href;
  expect(whatsapp.startsWith('https://wa.me/?')).to.equal(true);
  expect(param(whatsapp, 'text')).to.equal(`${withTags} ${content.url}`);
  const email = share.shadowRoot!.querySelector('a[href^="mailto:"]')!.getAttribute('href')!;
  expect(email.startsWith('mailto:?')).to.equal(true);
  expect(email, 'no raw space, & or # inside a value').to.match(/^mailto:\?subject=[^ #&]*&body=[^ #&]*$/);
  expect(mailParam(email, 'subject')).to.equal(content.subject);
  expect(mailParam(email, 'body')).to.equal(`${withTags}\n\n${content.url}`);
}

describe('<w4r-share>', () => {
  it('encodes text with & # and quotes, Turkish and Arabic hashtags and the handle for every channel', async () => {
    const share = await fixture<W4rShare>(html`<w4r-share .caseData=${tricky}></w4r-share>`);
    await loaded(share);
    expectLinks(share, {
      text: tricky.share!.text,
      hashtags: tricky.share!.hashtags,
      url: tricky.share!.url!,
      subject: tricky.name,
      handle: 'MinisterOffice',
    });
    await expect(share).to.be.accessible();
  });

  it('opens the networks in a new tab without giving them this page, and email in the mail program', async () => {
    const share = await fixture<W4rShare>(html`<w4r-share .caseData=${tricky}></w4r-share>`);
    await loaded(share);
    for (const name of [/^X/, /^Facebook/, /^WhatsApp/]) {
      const link = getLink(share, name);
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(link.textContent).to.contain('(opens in a new tab)');
    }
    expect(getLink(share, 'Email').hasAttribute('target')).to.equal(false);
    expect(share.shadowRoot!.querySelectorAll('svg[aria-hidden="true"]')).to.have.length(5);
  });

  for (const [locale, caseId] of [
    ['en', 'popi-and-bongeka'],
    ['es', 'gustavo-gatica'],
    ['tr', 'melike-and-ozgur'],
    ['ar', 'nassima-al-sada'],
  ] as const) {
    it(`shares the case's own text in ${locale}, loaded from the endpoint, on every channel`, async function () {
      const served = (await (await fetch(`${endpoint}/v1/cases/${caseId}?locale=${locale}`)).json()) as Case;
      expect(served.share, 'the fixture case has share text').to.not.equal(undefined);
      const share = await fixture<W4rShare>(
        html`<w4r-share endpoint=${endpoint} case=${caseId} locale=${locale}></w4r-share>`,
      );
      await loaded(share);
      await waitUntil(() => getLocale() === locale, `the ${locale} strings are in use`);
      expect(served.lang).to.equal(locale);
      expectLinks(share, {
        text: served.share!.text,
        hashtags: served.share!.hashtags,
        url: location.href.split('#')[0]!,
        subject: served.name,
      });
      await expect(share).to.be.accessible();
    });
  }

  it("shares this page's address without its fragment, or the address the page gives", async () => {
    history.replaceState(null, '', '#section-2');
    try {
      const share = await fixture<W4rShare>(
        html`<w4r-share .caseData=${{ ...tricky, share: { text: 'Text', hashtags: [] } }}></w4r-share>`,
      );
      await loaded(share);
      const url = param(getLink(share, /^Facebook/).href, 'u')!;
      expect(url).to.equal(location.href.replace(/#.*$/, ''));
      expect(param(getLink(share, /^X/).href, 'hashtags'), 'no empty hashtags').to.equal(null);
      share.url = 'https://partner.example/act';
      await share.updateComplete;
      expect(param(getLink(share, /^Facebook/).href, 'u')).to.equal('https://partner.example/act');
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('falls back to the headline when the case has no share text', async () => {
    const share = await fixture<W4rShare>(
      html`<w4r-share .caseData=${{ ...tricky, share: undefined }}></w4r-share>`,
    );
    await loaded(share);
    expect(param(getLink(share, /^WhatsApp/).href, 'text')).to.equal(
      `A headline ${location.href.split('#')[0]}`,
    );
  });

  it('fires w4r-shared naming the channel, with no personal data', async () => {
    const share = await fixture<W4rShare>(html`<w4r-share .caseData=${tricky}></w4r-share>`);
    await loaded(share);
    const link = getLink(share, /^WhatsApp/);
    link.addEventListener('click', (event) => event.preventDefault());
    const heard = oneEvent(share, 'w4r-shared');
    link.click();
    expect((await heard).detail).to.deep.equal({ caseId: 'tricky-case', channel: 'whatsapp' });
  });

  it('copies the link and says so, visibly and to screen readers', async () => {
    const share = await fixture<W4rShare>(html`<w4r-share .caseData=${tricky}></w4r-share>`);
    await loaded(share);
    const written: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')!;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    try {
      const heard = oneEvent(share, 'w4r-shared');
      getButton(share, 'Copy link').click();
      expect((await heard).detail.channel).to.equal('copy');
      await share.updateComplete;
      expect(written).to.deep.equal([tricky.share!.url]);
      const status = share.shadowRoot!.querySelector('[role="status"]')!;
      expect(status.textContent!.trim()).to.equal('Link copied');
      expect(visibleText(share)).to.contain('Link copied');
      await expect(share).to.be.accessible();
      // Without the Clipboard API (a frame without the permission), the old way is tried; if that fails too, the address is shown to copy by hand.
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) },
      });
      const execCommand = document.execCommand;
      document.execCommand = () => false;
      try {
        getButton(share, 'Copy link').click();
        await waitUntil(() => status.textContent!.includes('did not work'), 'the failure shows');
      } finally {
        document.execCommand = execCommand;
      }
      expect(visibleText(share)).to.contain(`Select and copy this address: ${tricky.share!.url}`);
      await expect(share).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['clipboard'];
      Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('uses the system share sheet where there is one, and the links when it fails', async () => {
    const calls: ShareData[] = [];
    let answer: () => Promise<void> = () => Promise.resolve();
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: (data: ShareData) => (calls.push(data), answer()),
    });
    try {
      const share = await fixture<W4rShare>(html`<w4r-share .caseData=${tricky}></w4r-share>`);
      await loaded(share);
      expect(() => getLink(share, /^X/), 'no links beside the sheet').to.throw();
      const heard = oneEvent(share, 'w4r-shared');
      getButton(share, 'Share').click();
      expect((await heard).detail.channel).to.equal('native');
      expect(calls[0]).to.deep.equal({
        title: tricky.name,
        text: `${tricky.share!.text} #ÖzgürlükŞimdi #حرية #Write_4_Rights`,
        url: tricky.share!.url,
      });
      await expect(share).to.be.accessible();
      answer = () => Promise.reject(new DOMException('Cancelled', 'AbortError'));
      getButton(share, 'Share').click();
      await share.updateComplete;
      expect(getButton(share, 'Share'), 'closing the sheet changes nothing').to.be.instanceOf(Element);
      answer = () => Promise.reject(new DOMException('Not allowed', 'NotAllowedError'));
      getButton(share, 'Share').click();
      await waitUntil(() => share.shadowRoot!.querySelector('a[href^="https://x.com"]'), 'the links show');
      const links = await fixture<W4rShare>(
        html`<w4r-share channels="x email" .caseData=${tricky}></w4r-share>`,
      );
      await loaded(links);
      expect(() => getButton(links, 'Share')).to.throw();
      expect([...links.shadowRoot!.querySelectorAll('li')].map((li) => li.dataset['channel'])).to.deep.equal([
        'x',
        'email',
      ]);
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['share'];
    }
  });

  it('mirrors the share arrow in right-to-left, not the brands', async () => {
    Object.defineProperty(navigator, 'share', { configurable: true, value: () => Promise.resolve() });
    try {
      const share = await fixture<W4rShare>(
        html`<w4r-share locale="ar" channels="native x" .caseData=${tricky}></w4r-share>`,
      );
      await loaded(share);
      const arrow = share.shadowRoot!.querySelector('svg.native')!;
      expect(getComputedStyle(arrow).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
      await expect(share).to.be.accessible();
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['share'];
    }
  });
});
