import { expect } from '@open-wc/testing';
import ICAL from 'ical.js';
import { adminToken, endpoint } from '/__w4r__/endpoint.js';
import { loadScript, openPage } from '../support/pages.js';
import { getButton, getField, getLink, type, waitUntil } from '../support/queries.js';

// Letter-writing events from the real endpoint, on a page like the demo's: a Spanish reader finds the sample
// events for Gustavo Gatica's case, adds one to a calendar, hosts one that shows once approved, and
// reports its letters, which every open letter counter shows.

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const frame of frames.splice(0)) frame.remove();
});

/** A widget's text (its shadow root's, whitespace folded): the page is another frame, another realm. */
const textOf = (widget: Element) => (widget.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A partner's page under a strict Content-Security-Policy with `markup` in it, the widgets from the real endpoint. */
async function partnerPage(markup: string, hash = ''): Promise<Document> {
  const frame = await openPage('/test/fixtures/partner.html');
  frames.push(frame);
  // The address's fragment, as when the host opens their private edit link.
  if (hash) frame.contentWindow!.location.hash = hash;
  const doc = frame.contentDocument!;
  doc.querySelector('main')!.insertAdjacentHTML('beforeend', markup);
  await loadScript(doc, `${endpoint}/w4r.js`);
  return doc;
}

/** The events of Gustavo's case in Chilean Spanish, as the demo's case section has them. */
async function eventsPage(hash = ''): Promise<ShadowRoot> {
  const doc = await partnerPage(
    `<w4r-campaign endpoint="${endpoint}" campaign="write-for-rights-2020" locale="es-CL">` +
      '<w4r-events case="gustavo-gatica" heading-level="2"></w4r-events></w4r-campaign>',
    hash,
  );
  const widget = doc.querySelector('w4r-events')!;
  await waitUntil(
    () => widget.shadowRoot?.querySelector('[part~="list"], .empty, form'),
    'the events show',
    14000,
  );
  return widget.shadowRoot!;
}

async function letterCounter(): Promise<Element> {
  const doc = await partnerPage(
    `<w4r-counter endpoint="${endpoint}" case="gustavo-gatica" metric="letters"></w4r-counter>`,
  );
  const counter = doc.querySelector('w4r-counter')!;
  await waitUntil(() => /\d/.test(textOf(counter)), 'the counter shows a number', 14000);
  return counter;
}

const lettersOf = (counter: Element) => Number(textOf(counter).replace(/\D/g, ''));

async function letters(): Promise<number> {
  return ((await (await fetch(`${endpoint}/v1/cases/gustavo-gatica/stats`)).json()) as { letters: number })
    .letters;
}

describe('<w4r-events> in the demo, against the real endpoint', () => {
  it("shows a Spanish reader in Chile the sample events for Gustavo's case, in Spanish, and one goes into a calendar", async () => {
    const root = await eventsPage();
    expect((root.getElementById('country-filter') as HTMLSelectElement).value).to.equal('CL');
    const text = textOf(root.host);
    expect(text).to.contain('Eventos para escribir cartas');
    expect(text).to.contain('Cartas por Gustavo Gatica');
    expect(text).to.contain('Santiago, Chile');
    expect(text).to.contain('Escribimos por Gustavo Gatica');
    // Chile's time, in Spanish: 10 December 2040, 19:00 in Santiago.
    expect(text).to.match(/10 de diciembre de 2040/);
    expect(root.querySelector('[part~="event"] bdi')!.getAttribute('lang')).to.equal('es');

    const calendar = getLink(root, 'Añadir al calendario');
    const ics = await (await fetch(calendar.href)).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.summary).to.equal('Cartas por Gustavo Gatica');
    expect(event.startDate.toJSDate().toISOString()).to.equal('2040-12-10T22:00:00.000Z');
    expect(event.location).to.equal('Santiago, Chile');
  });

  it('hosts an event that shows once approved, and its report of 25 letters moves every open letter counter by 25', async () => {
    const counters = [await letterCounter(), await letterCounter()];
    const before = await letters();
    await waitUntil(() => counters.every((counter) => lettersOf(counter) === before), 'the counters agree');

    let root = await eventsPage();
    getButton(root, 'Organiza un evento').click();
    await waitUntil(() => root.querySelector('form[part~="host-form"]'), 'the form opens');
    const day = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    await type(getField(root, /Tu grupo/), 'Escuela República de Chile');
    await type(getField(root, /Título del evento/), 'Cartas desde la escuela');
    await type(getField(root, /^Día/), day);
    await type(getField(root, /^Ciudad/), 'Concepción');
    const country = getField<HTMLSelectElement>(root, /^País/);
    country.value = 'CL';
    country.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await type(getField(root, /Tu correo electrónico/), 'escuela@example.org');
    getButton(root, 'Anunciar el evento').click();

    await waitUntil(() => root.querySelector('.edit-link'), 'the private edit link is shown', 14000);
    expect(textOf(root.host)).to.contain('¡Gracias! Tu evento fue enviado');
    const editLink = (root.querySelector('.edit-link') as HTMLAnchorElement).href;
    const [, id] = /#w4r-report=([\w-]+)\./.exec(editLink)!;
    const approved = await fetch(`${endpoint}/v1/admin/gatherings/${id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(approved.status).to.equal(200);
    getButton(root, 'Volver a los eventos').click();
    await waitUntil(
      () => textOf(root.host).includes('Cartas desde la escuela'),
      'the approved event is listed',
    );

    // The host opens their private link after the event and reports 25 letters for Gustavo.
    root = await eventsPage(`#${editLink.split('#')[1]}`);
    await waitUntil(() => root.querySelector('form[part~="report-form"]'), 'the report form opens', 14000);
    await type(getField(root, 'Gustavo Gatica'), '25');
    getButton(root, 'Informar de las cartas').click();
    await waitUntil(() => textOf(root.host).includes('¡Gracias! Se cuentan 25 cartas.'), 'the thanks');
    await waitUntil(
      () => counters.every((counter) => lettersOf(counter) === before + 25),
      'every open counter moves by 25',
      14000,
    );
    expect(await letters()).to.equal(before + 25);
  });
});
