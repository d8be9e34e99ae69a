import { expect, fixture, html } from '@open-wc/testing';
import { adminToken, endpoint, sameOriginEndpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rEvents } from '../../src/elements/events/events.js';
import { loadScript, openPage } from '../support/pages.js';
import { focused, focusedName, press, tabThrough, typeKeys } from '../support/keyboard.js';
import { getButton, getField, type, visibleText, waitUntil } from '../support/queries.js';

// <w4r-events> for everyone: axe finds nothing in its list and forms, it is used with the keyboard alone,
// it reads right to left in Arabic, it keeps its looks and runs nothing hostile on a hostile page, and the
// host form's bad dates are announced by their fields while nothing reaches the endpoint's store.

/** The widget for Gustavo Gatica's case in Chile, from the real endpoint, once its list shows. */
async function events(locale = 'en'): Promise<W4rEvents> {
  const widget = await fixture<W4rEvents>(
    html`<div>
      <button type="button" id="before">Before the widget</button>
      <w4r-events endpoint=${endpoint} case="gustavo-gatica" country="CL" locale=${locale}></w4r-events>
    </div>`,
  ).then((page) => page.querySelector<W4rEvents>('w4r-events')!);
  await waitUntil(() => widget.shadowRoot?.querySelector('[part~="list"]'), 'the events show', 14000);
  return widget;
}

/** Every event the moderators have, whatever its status: what the endpoint stored. */
async function storedEvents(): Promise<number> {
  const response = await fetch(`${endpoint}/v1/admin/gatherings?limit=200`, {
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  return ((await response.json()) as { total: number }).total;
}

async function openHostForm(widget: W4rEvents): Promise<ShadowRoot> {
  const root = widget.shadowRoot!;
  getButton(root, 'Host an event').click();
  await waitUntil(() => root.querySelector('form[part~="host-form"] [name="cases"]'), 'the form opens');
  return root;
}

/** A day as a date field holds it, `days` from today. */
function dayFromToday(days: number): string {
  const day = new Date(Date.now() + days * 24 * 3600_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

/** The problem shown for a field, which a screen reader hears: in a live region the field points at. */
function announcedFor(root: ShadowRoot, field: HTMLElement): string {
  expect(field.getAttribute('aria-invalid'), `${field.id} is marked invalid`).to.equal('true');
  const problem = root.getElementById(field.getAttribute('aria-describedby')!)!;
  expect(problem.getAttribute('aria-live'), `${field.id}'s problem is announced`).to.equal('polite');
  return problem.textContent!.trim();
}

describe('<w4r-events> for everyone', () => {
  it('is accessible to axe in its list, its host form with problems, and after "I\'ll come"', async () => {
    const widget = await events();
    await expect(widget).to.be.accessible();
    const root = await openHostForm(widget);
    getButton(root, 'Announce the event').click();
    await waitUntil(() => root.querySelector('[aria-invalid="true"]'), 'the problems show');
    await expect(widget).to.be.accessible();
  });

  it('is used with the keyboard alone: through the list to the form, and the form sent with Enter', async () => {
    const widget = await events();
    const before = document.getElementById('before')!;
    before.focus();
    const names = await tabThrough(40, () => focusedName() === 'Host an event');
    expect(names).to.include.members(['Country', 'Online only', 'Cartas por Gustavo Gatica', "I'll come"]);
    expect(names.some((name) => /Add to calendar/.test(name))).to.equal(true);

    const stored = await storedEvents();
    await press('Enter');
    await waitUntil(() => focused()?.id === 'group', 'focus moves to the first field of the form');
    await typeKeys('Escuela República de Chile');
    await press('Tab');
    expect(focusedName()).to.match(/^Title of the event/);
    await typeKeys('Cartas desde la escuela');
    // Enter in a field sends the form; what is missing is said, and focus goes to its field.
    await press('Enter');
    const root = widget.shadowRoot!;
    await waitUntil(() => focused()?.id === 'date', 'focus moves to the first problem, the day');
    expect(announcedFor(root, getField(root, /^Day/))).to.equal(
      'Choose a day from today on, and a start time.',
    );
    expect(await storedEvents()).to.equal(stored);
  });

  it('reads right to left in Arabic, each event in its own language', async () => {
    const widget = await events('ar');
    const root = widget.shadowRoot!;
    await waitUntil(() => visibleText(widget).includes('فعاليات كتابة الرسائل'), 'the Arabic strings');
    const base = root.querySelector('[part~="base"]')!;
    expect([base.getAttribute('dir'), base.getAttribute('lang')]).to.deep.equal(['rtl', 'ar']);
    expect(getComputedStyle(base).direction).to.equal('rtl');
    expect(visibleText(widget)).to.contain('سأحضر');
    const title = root.querySelector('[part~="event"] bdi')!;
    expect([title.getAttribute('lang'), title.getAttribute('dir')]).to.deep.equal(['es', 'ltr']);
    await expect(widget).to.be.accessible();
  });

  it('announces a host form ending before it starts, or on a day gone, and stores nothing', async () => {
    const widget = await events();
    const stored = await storedEvents();
    const root = await openHostForm(widget);
    await type(getField(root, /^Your group/), 'Escuela República de Chile');
    await type(getField(root, /^Title of the event/), 'Cartas desde la escuela');
    await type(getField(root, /^City/), 'Concepción');
    const country = getField<HTMLSelectElement>(root, /^Country/);
    country.value = 'CL';
    country.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await type(getField(root, /^Your email/), 'escuela@example.org');

    await type(getField(root, /^Day/), dayFromToday(10));
    await type(getField(root, /^Starts at/), '19:00');
    await type(getField(root, /^Ends at/), '18:00');
    getButton(root, 'Announce the event').click();
    await waitUntil(() => focused()?.id === 'endTime', 'focus moves to the end');
    expect(announcedFor(root, getField(root, /^Ends at/))).to.equal(
      'The event ends after it starts, on the same day.',
    );

    await type(getField(root, /^Ends at/), '21:00');
    await type(getField(root, /^Day/), dayFromToday(-1));
    getButton(root, 'Announce the event').click();
    await waitUntil(() => focused()?.id === 'date', 'focus moves to the day');
    expect(announcedFor(root, getField(root, /^Day/))).to.equal(
      'Choose a day from today on, and a start time.',
    );
    expect(getField(root, /^Ends at/).getAttribute('aria-invalid')).to.equal('false');

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedEvents(), 'nothing reached the endpoint').to.equal(stored);
    expect(root.querySelector('.edit-link')).to.equal(null);
  });
});

describe('<w4r-events> when an event is full', () => {
  it('says so when the last place went while the reader was looking, and counts them not', async () => {
    const start = Date.now() + 20 * 24 * 3600_000;
    const posted = await fetch(`${endpoint}/v1/gatherings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({
        group: 'Johannesburg writers',
        title: 'Letters for Popi and Bongeka',
        start: new Date(start).toISOString(),
        end: new Date(start + 7200_000).toISOString(),
        timeZone: 'Africa/Johannesburg',
        place: { city: 'Johannesburg', country: 'ZA' },
        cases: ['popi-and-bongeka'],
        capacity: 1,
        email: 'joburg@example.org',
      }),
    });
    const { id } = (await posted.json()) as { id: string };
    await fetch(`${endpoint}/v1/admin/gatherings/${id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    const widget = await fixture<W4rEvents>(
      html`<w4r-events endpoint=${endpoint} case="popi-and-bongeka" country="ZA"></w4r-events>`,
    );
    await waitUntil(() => widget.shadowRoot?.querySelector('[part~="join"]'), 'the event shows', 14000);
    // Someone else takes the one place meanwhile.
    const other = await fetch(`${endpoint}/v1/gatherings/${id}/participants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: '{}',
    });
    expect(other.status).to.equal(201);
    getButton(widget.shadowRoot!, "I'll come").click();
    await waitUntil(() => visibleText(widget).includes('This event is full'), 'the refusal is announced');
    const button = widget.shadowRoot!.querySelector<HTMLButtonElement>('[part~="join"]')!;
    expect([button.textContent!.trim(), button.disabled]).to.deep.equal(['Full', true]);
    const read = (await (await fetch(`${endpoint}/v1/gatherings/${id}`)).json()) as { participants: number };
    expect(read.participants).to.equal(1);
  });
});

interface ProbedWindow extends Window {
  __w4rProblems: string[];
  w4rPwned?: boolean;
  axe?: { run(context: Element): Promise<{ violations: { id: string; help: string }[] }> };
}

describe('<w4r-events> on a hostile page (the built dist/w4r.js, a strict CSP)', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  // For a case no other test lists the events of, so the hostile one is first only here.
  it('keeps its looks, shows a hostile event as text and runs none of it', async () => {
    const start = Date.now() + 30 * 24 * 3600_000;
    const hostile = '<img src=x onerror="window.w4rPwned=true"> Cartas <b>hostiles</b>';
    const posted = await fetch(`${sameOriginEndpoint}/v1/gatherings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({
        group: '<script>window.w4rPwned=true</script>',
        title: hostile,
        start: new Date(start).toISOString(),
        end: new Date(start + 3600_000).toISOString(),
        timeZone: 'Europe/Istanbul',
        place: { city: 'İzmir', country: 'TR' },
        cases: ['melike-and-ozgur'],
        email: 'mallory@example.org',
      }),
    });
    expect(posted.status, await posted.clone().text()).to.equal(201);
    const { id } = (await posted.json()) as { id: string };
    const approved = await fetch(`${sameOriginEndpoint}/v1/admin/gatherings/${id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(approved.status).to.equal(200);

    frame = await openPage('/test/fixtures/hostile.html');
    const win = frame.contentWindow as ProbedWindow;
    const doc = frame.contentDocument!;
    doc
      .querySelector('main')!
      .insertAdjacentHTML(
        'beforeend',
        `<w4r-events id="events" endpoint="${sameOriginEndpoint}" case="melike-and-ozgur" country="TR" heading-level="2"></w4r-events>`,
      );
    const widget = doc.getElementById('events')!;
    await waitUntil(
      () =>
        [...(widget.shadowRoot?.querySelectorAll('[part~="event"] bdi') ?? [])].some(
          (bdi) => bdi.textContent === hostile,
        ),
      'the hostile event is listed, as text',
      14000,
    );
    const root = widget.shadowRoot!;
    expect(root.querySelector('[part~="event"] img, [part~="event"] b, [part~="event"] script')).to.equal(
      null,
    );
    expect(win.w4rPwned).to.equal(undefined);

    // The theme's `* { all: unset; text-transform: uppercase }`, `button { font-size: 60px }` stay out.
    const join = root.querySelector<HTMLElement>('[part~="join"]')!;
    expect(win.getComputedStyle(join).textTransform).to.equal('none');
    expect(parseFloat(win.getComputedStyle(join).fontSize)).to.be.below(30);
    expect(widget.getBoundingClientRect().width).to.be.at.most(frame.clientWidth);

    // Its controls still work there.
    (root.querySelector('[part~="event"] .disclosure') as HTMLButtonElement).click();
    await waitUntil(() => root.querySelector('.details:not([hidden])'), 'the details open');

    await loadScript(doc, '/node_modules/axe-core/axe.min.js');
    const { violations } = await win.axe!.run(widget);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
    expect(win.__w4rProblems).to.deep.equal([]);
  });
});
