import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import { endpoint as minFillEndpoint } from '/__w4r__/min-fill-endpoint.js';
import '../../src/define.js';
import { getLocale } from '../../src/core/locale/localization.js';
import type { W4rPetition } from '../../src/elements/petition/petition.js';
import type { Case } from '../../src/schema/index.js';
import { getButton, getField, getLink, type, visibleText, waitUntil } from '../support/queries.js';
import { simulateConnection } from '../support/offline.js';
import { hiddenOnPurpose } from '../support/layout.js';
import { anotherPage } from '../support/pages.js';
import { publicStats, signUntilPublicCountMoves, storedStats } from '../support/stats.js';
import { forgetWidgetStorage } from '../support/widget-storage.js';

const API = `${endpoint}/v1`;
const uniqueEmail = () => `signer-${crypto.randomUUID()}@example.org`;

async function ready(petition: W4rPetition): Promise<void> {
  await waitUntil(
    () => petition.shadowRoot!.querySelector('form, .notice, .failure'),
    'the petition has loaded',
  );
  await petition.updateComplete;
}

async function fill(petition: W4rPetition, email = uniqueEmail()): Promise<void> {
  await type(getField(petition, /^First name/), 'Ana');
  await type(getField(petition, /^Last name/), 'Pérez');
  await type(getField(petition, /^Email/), email);
  const consent = getField(petition, /^I agree/);
  if (!consent.checked) consent.click();
  await petition.updateComplete;
}

const submit = (petition: W4rPetition) => getButton(petition, /^Sign the petition/).click();

const errorOf = (petition: W4rPetition, field: HTMLElement) =>
  petition.shadowRoot!.getElementById(field.getAttribute('aria-describedby')!)!.textContent!.trim();

beforeEach(forgetWidgetStorage);

describe('<w4r-petition>', () => {
  it('shows the petition, who it is addressed to, the count and a labelled form', async () => {
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition
        endpoint=${endpoint}
        case="gustavo-gatica"
        locale="es-CL"
        privacy-href="https://www.amnesty.org/en/about-us/privacy-policy/"
      ></w4r-petition>`,
    );
    await ready(petition);
    await waitUntil(() => getLocale() === 'es', 'the Spanish strings are in use');
    await petition.updateComplete;
    const text = visibleText(petition);
    expect(text, 'the case in Spanish, from the endpoint').to.contain(
      'Le pedimos que garantice justicia para Gustavo Gatica',
    );
    expect(text, 'addressed to the authority').to.match(/Para: Fiscal Nacional de Chile/);
    for (const label of [
      /^Nombre/,
      /^Apellidos/,
      /^Correo electrónico/,
      /^País/,
      /^Acepto/,
      /^Quiero recibir/,
    ]) {
      expect(getField(petition, label)).to.be.instanceOf(HTMLElement);
    }
    expect(getField<HTMLSelectElement>(petition, /^País/).value, 'preselected from es-CL').to.equal('CL');
    expect(getField(petition, /^Quiero recibir/).checked, 'opt-in starts unchecked').to.equal(false);
    expect(getField(petition, /^Acepto/).checked).to.equal(false);
    expect(getLink(petition, 'política de privacidad').href).to.equal(
      'https://www.amnesty.org/en/about-us/privacy-policy/',
    );
    await waitUntil(
      () =>
        petition.shadowRoot!.querySelector('w4r-counter')?.shadowRoot?.querySelector('[role="progressbar"]'),
      'the count shows',
    );
    await expect(petition).to.be.accessible();
  });

  it('offers every ISO 3166-1 country once, sorted by its name in the reader’s language', async () => {
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica" locale="en-GB"></w4r-petition>`,
    );
    await ready(petition);
    const options = [...getField<HTMLSelectElement>(petition, /^Country/).options].filter((o) => o.value);
    const codes = options.map((option) => option.value);
    expect(new Set(codes).size, 'each once').to.equal(249);
    for (const code of ['AD', 'AX', 'BQ', 'CW', 'PS', 'SS', 'SX', 'TL', 'ZW']) expect(codes).to.include(code);
    expect(codes.every((code) => /^[A-Z]{2}$/.test(code))).to.equal(true);
    const names = options.map((option) => option.textContent!.trim());
    const collator = new Intl.Collator('en-GB');
    expect(names.every((name, i) => i === 0 || collator.compare(names[i - 1]!, name) <= 0)).to.equal(true);
    expect(options.find((option) => option.value === 'ZA')!.textContent!.trim()).to.equal('South Africa');
  });

  it('addresses the petition with the title and name joined as the reader’s language does', async () => {
    const data = (await (await fetch(`${API}/cases/gustavo-gatica`)).json()) as Case;
    const target = { name: 'الملك سلمان بن عبد العزيز آل سعود', title: 'ملك المملكة العربية السعودية' };
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition locale="ar" .caseData=${{ ...data, lang: 'ar', target }}></w4r-petition>`,
    );
    await ready(petition);
    await waitUntil(() => getLocale() === 'ar', 'the Arabic strings are in use');
    await petition.updateComplete;
    expect(petition.shadowRoot!.querySelector('[part="target"] bdi')!.textContent).to.equal(
      'ملك المملكة العربية السعودية، الملك سلمان بن عبد العزيز آل سعود',
    );
    await expect(petition).to.be.accessible();
  });

  it('marks the petition text that a translation left in English as English', async () => {
    const data = (await (await fetch(`${API}/cases/gustavo-gatica`)).json()) as Case;
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition
        locale="ar"
        .caseData=${{ ...data, lang: 'ar', petition: { ...data.petition!, lang: 'en' } }}
      ></w4r-petition>`,
    );
    await ready(petition);
    const text = petition.shadowRoot!.querySelector('[part="text"]')!;
    expect([text.getAttribute('lang'), text.getAttribute('dir')]).to.deep.equal(['en', 'ltr']);
    const to = petition.shadowRoot!.querySelector('[part="target"] bdi')!;
    expect(to.getAttribute('lang'), 'the target, translated with the case').to.equal('ar');
    await expect(petition).to.be.accessible();
  });

  it('hides the honeypot from people and assistive technology', async () => {
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica"></w4r-petition>`,
    );
    await ready(petition);
    const honeypot = petition.shadowRoot!.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot.closest('[aria-hidden="true"]')).to.be.instanceOf(HTMLElement);
    expect(honeypot.tabIndex).to.equal(-1);
    expect(hiddenOnPurpose(honeypot, petition), 'clipped out of sight').to.equal(true);
    const spot = honeypot.getBoundingClientRect();
    expect(
      petition.shadowRoot!.elementFromPoint(spot.left + spot.width / 2, spot.top + spot.height / 2),
      'nothing of it under a pointer',
    ).not.to.equal(honeypot);
  });

  it('signs by labels and buttons: thanks, the public count, sharing, and remembers it on return', async () => {
    // Below its first step the public count is 0, and the thanks leave it out.
    await signUntilPublicCountMoves('popi-and-bongeka', 0);
    const before = await storedStats('popi-and-bongeka');
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="popi-and-bongeka" source="partner-ngo"
        ><p slot="share">Share buttons here</p></w4r-petition
      >`,
    );
    await ready(petition);
    await fill(petition);
    const signed = oneEvent(petition, 'w4r-signed');
    submit(petition);
    await petition.updateComplete;
    const button = getButton(petition, /^Signing/);
    expect(button.disabled, 'busy while sending').to.equal(true);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    const event = await signed;
    expect(event.detail).to.deep.equal({
      caseId: 'popi-and-bongeka',
      status: 'counted',
      source: 'partner-ngo',
    });
    await petition.updateComplete;
    const text = visibleText(petition);
    expect(text).to.contain('Thank you for signing!');
    const shown = (await publicStats('popi-and-bongeka')).signatures;
    expect(text).to.contain(`Signatures so far: ${shown.toLocaleString('en')}`);
    expect(text).to.contain('Share buttons here');
    expect((await storedStats('popi-and-bongeka')).signatures).to.equal(before.signatures + 1);
    expect(petition.shadowRoot!.activeElement?.textContent).to.equal('Thank you for signing!');
    getButton(petition, 'Sign as someone else');
    await expect(petition).to.be.accessible();

    const returning = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="popi-and-bongeka"></w4r-petition>`,
    );
    await ready(returning);
    expect(visibleText(returning)).to.contain('You signed this petition');
    expect(JSON.stringify({ ...localStorage })).not.to.contain('Pérez');
    await expect(returning).to.be.accessible();
  });

  it('after signing, shows the case’s share buttons itself when the page slots none', async () => {
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="popi-and-bongeka"></w4r-petition>`,
    );
    await ready(petition);
    await fill(petition);
    submit(petition);
    await waitUntil(() => visibleText(petition).includes('Thank you for signing!'), 'the thanks');
    expect(visibleText(petition)).to.contain('Share the case, so more people sign:');
    const share = petition.shadowRoot!.querySelector('w4r-share')!;
    await waitUntil(() => share.shadowRoot?.querySelector('a, button'), 'the share buttons');
    const whatsapp = getLink(share, /^WhatsApp/);
    expect(new URL(whatsapp.href).hostname).to.equal('wa.me');
    getButton(share, 'Copy link');
    await expect(petition).to.be.accessible();

    // Share buttons of the page's own take their place.
    const slotted = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="popi-and-bongeka"
        ><p slot="share">Share buttons here</p></w4r-petition
      >`,
    );
    await ready(slotted);
    expect(visibleText(slotted)).to.contain('Share buttons here');
    expect(visibleText(slotted)).not.to.contain('Copy link');
  });

  it('says every problem beside its field, announced, and puts the supporter in the first', async () => {
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica"></w4r-petition>`,
    );
    await ready(petition);
    const country = getField<HTMLSelectElement>(petition, /^Country/);
    country.value = '';
    country.dispatchEvent(new Event('change', { bubbles: true }));
    submit(petition);
    await petition.updateComplete;
    await petition.updateComplete;
    const first = getField(petition, /^First name/);
    expect(petition.shadowRoot!.activeElement).to.equal(first);
    const expected: [RegExp, string][] = [
      [/^First name/, 'Enter your first name.'],
      [/^Last name/, 'Enter your last name.'],
      [/^Email$|^Email \*/, 'Enter your email address.'],
      [/^Country/, 'Choose your country.'],
      [/^I agree/, 'Tick this box to sign.'],
    ];
    for (const [label, message] of expected) {
      const field = getField(petition, label);
      expect(field.getAttribute('aria-invalid'), String(label)).to.equal('true');
      expect(errorOf(petition, field)).to.equal(message);
      expect(
        petition
          .shadowRoot!.getElementById(field.getAttribute('aria-describedby')!)!
          .getAttribute('aria-live'),
      ).to.equal('polite');
    }
    expect(visibleText(petition)).to.contain('Some fields need your attention.');
    await expect(petition).to.be.accessible();

    // On leaving a field, its problem shows or goes.
    const email = getField(petition, /^Email \*/);
    await type(email, 'not-an-email');
    expect(errorOf(petition, email)).to.equal('Enter an email address such as name@example.org.');
    await type(email, 'ana@example.org');
    expect(errorOf(petition, email)).to.equal('');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    await type(first, 'x'.repeat(81));
    expect(errorOf(petition, first)).to.equal('Use at most 80 characters.');
    await type(first, 'Ana\u0007');
    expect(errorOf(petition, first)).to.equal('Remove the characters that cannot be used here.');
    // A right-to-left override would turn round what follows the name in the export; a name is one line
    // (a text field drops line breaks by itself, a tab it keeps).
    for (const name of ['Ana\u202Egpj.exe', 'Ana\u2067Y\u2069', 'Ana\tPérez']) {
      await type(first, name);
      expect(errorOf(petition, first), JSON.stringify(name)).to.equal(
        'Remove the characters that cannot be used here.',
      );
    }
    await type(first, '   ');
    expect(errorOf(petition, first)).to.equal('Enter your first name.');
    await expect(petition).to.be.accessible();
  });

  it('signs the same person twice: the same thanks, and the count does not move', async () => {
    const email = uniqueEmail();
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica"></w4r-petition>`,
    );
    await ready(petition);
    await fill(petition, email);
    submit(petition);
    await waitUntil(() => visibleText(petition).includes('Thank you for signing!'), 'the first is counted');
    const first = visibleText(petition);
    const after = await storedStats('gustavo-gatica');
    getButton(petition, 'Sign as someone else').click();
    await petition.updateComplete;
    await fill(petition, `  ${email.toUpperCase()} `);
    const signed = oneEvent(petition, 'w4r-signed');
    submit(petition);
    // Nothing on the page tells whether this email signed before.
    expect((await signed).detail.status).to.equal('counted');
    await petition.updateComplete;
    expect(visibleText(petition)).to.equal(first);
    expect(visibleText(petition)).to.contain('Your signature is in. Each person is counted once.');
    expect((await storedStats('gustavo-gatica')).signatures).to.equal(after.signatures);
    await expect(petition).to.be.accessible();
  });

  it('waits, busy, when autofill lets a supporter sign sooner than the campaign allows, and counts it', async () => {
    const before = await storedStats('gustavo-gatica', minFillEndpoint);
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${minFillEndpoint} case="gustavo-gatica"></w4r-petition>`,
    );
    await ready(petition);
    await fill(petition);
    const heard: string[] = [];
    petition.addEventListener('w4r-signed', (event) => heard.push(event.detail.status));
    petition.addEventListener('w4r-error', (event) => heard.push(event.detail.code));
    submit(petition);
    await petition.updateComplete;
    const button = getButton(petition, /^Signing/);
    expect(button.disabled, 'busy').to.equal(true);
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await waitUntil(() => heard.length, 'the endpoint has answered', 12000);
    expect(heard, 'not taken for a bot').to.deep.equal(['counted']);
    await petition.updateComplete;
    expect(visibleText(petition)).to.contain('Thank you for signing!');
    expect((await storedStats('gustavo-gatica', minFillEndpoint)).signatures).to.equal(before.signatures + 1);
  });

  it('offline: saves the signature, says so, and sends it once when back online', async () => {
    const connection = simulateConnection(endpoint);
    try {
      const before = await storedStats('gustavo-gatica');
      const petition = await fixture<W4rPetition>(
        html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica"></w4r-petition>`,
      );
      await ready(petition);
      await fill(petition);
      // The request reaches the endpoint but the answer is lost: sent again, it must not count twice.
      connection.set('lose-answer');
      const events: string[] = [];
      petition.addEventListener('w4r-signed', (event) => events.push(event.detail.status));
      submit(petition);
      await waitUntil(() => events.includes('queued'), 'the signature is saved', 12000);
      await petition.updateComplete;
      const text = visibleText(petition);
      expect(text).to.contain('Your signature is saved');
      expect(text).to.contain('sent automatically when you are back online');
      expect(localStorage.getItem('w4r-outbox')).to.contain('gustavo-gatica');
      await expect(petition).to.be.accessible();

      connection.set('online');
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => events.includes('counted'), 'the signature is counted');
      await petition.updateComplete;
      expect(events).to.deep.equal(['queued', 'counted']);
      expect(visibleText(petition)).to.contain('Thank you for signing!');
      expect(localStorage.getItem('w4r-outbox') ?? '', 'removed once acknowledged').not.to.contain(endpoint);
      expect((await storedStats('gustavo-gatica')).signatures, 'counted once').to.equal(
        before.signatures + 1,
      );
      expect(new Set(connection.state.keys).size, 'one key on every attempt').to.equal(1);
    } finally {
      connection.restore();
    }
  });

  it('offline, then the page is closed: the next load sends it, counted once', async () => {
    const connection = simulateConnection(endpoint);
    const before = await storedStats('popi-and-bongeka');
    try {
      const petition = await fixture<W4rPetition>(
        html`<w4r-petition endpoint=${endpoint} case="popi-and-bongeka"></w4r-petition>`,
      );
      await ready(petition);
      await fill(petition);
      connection.set('offline');
      submit(petition);
      await waitUntil(() => visibleText(petition).includes('Your signature is saved'), 'saved', 12000);
      petition.remove();
    } finally {
      connection.restore();
    }
    const frame = await anotherPage(
      `<w4r-petition endpoint="${endpoint}" case="popi-and-bongeka"></w4r-petition>
      <script type="module" src="/src/define.ts"></script>`,
    );
    try {
      await waitUntil(
        () => {
          const reloaded = frame.contentDocument?.querySelector('w4r-petition');
          return reloaded?.shadowRoot?.textContent?.includes('Thank you for signing!');
        },
        'the reloaded page sends the saved signature',
        12000,
      );
      expect(localStorage.getItem('w4r-outbox') ?? '').not.to.contain(endpoint);
      expect((await storedStats('popi-and-bongeka')).signatures).to.equal(before.signatures + 1);
    } finally {
      frame.remove();
    }
  });

  it('shows a closed petition as closed, with no form', async () => {
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="closed-petition"></w4r-petition>`,
    );
    await ready(petition);
    expect(visibleText(petition)).to.contain('This petition closed on December 31, 2020.');
    expect(petition.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(petition).to.be.accessible();
  });

  it('tells the endpoint’s refusals in plain words and fires w4r-error', async () => {
    const closed = await (await fetch(`${API}/cases/closed-petition`)).json();
    delete closed.petition.closes;
    const petition = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} .caseData=${closed}></w4r-petition>`,
    );
    await ready(petition);
    await fill(petition);
    const failed = oneEvent(petition, 'w4r-error');
    submit(petition);
    expect((await failed).detail).to.include({ caseId: 'closed-petition', code: 'petition_closed' });
    await petition.updateComplete;
    expect(visibleText(petition)).to.contain('This petition has closed.');
    expect(petition.shadowRoot!.activeElement?.textContent?.trim()).to.equal('This petition has closed.');
    expect(petition.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(
      'This petition has closed and takes no more signatures.',
    );
    await expect(petition).to.be.accessible();

    const bot = await fixture<W4rPetition>(
      html`<w4r-petition endpoint=${endpoint} case="gustavo-gatica"></w4r-petition>`,
    );
    await ready(bot);
    await fill(bot);
    await type(bot.shadowRoot!.querySelector<HTMLInputElement>('input[name="website"]')!, 'http://spam');
    const refused = oneEvent(bot, 'w4r-error');
    submit(bot);
    expect((await refused).detail.code).to.equal('looks_automated');
    await bot.updateComplete;
    expect(bot.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('looked automated');
    expect(getButton(bot, 'Sign the petition').disabled).to.equal(false);
    await expect(bot).to.be.accessible();
  });

  it('takes its endpoint and privacy policy from <w4r-campaign>, and focuses its first field', async () => {
    const page = await fixture<HTMLElement>(
      html`<w4r-campaign endpoint=${endpoint} privacy-href="/privacy.html">
        <w4r-petition case="melike-and-ozgur"></w4r-petition>
      </w4r-campaign>`,
    );
    const petition = page.querySelector('w4r-petition')!;
    await ready(petition);
    expect(getLink(petition, 'privacy policy').getAttribute('href')).to.equal('/privacy.html');
    await petition.focusFirstField();
    expect(petition.shadowRoot!.activeElement).to.equal(getField(petition, /^First name/));
  });
});
