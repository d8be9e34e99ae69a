import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { adminToken, endpoint } from '/__w4r__/endpoint.js';
import { endpoint as minFillEndpoint } from '/__w4r__/min-fill-endpoint.js';
import '../../src/define.js';
import type { W4rSolidarityWall } from '../../src/elements/solidarity-wall/solidarity-wall.js';
import type { MessagePage, PublicMessage } from '../../src/schema/index.js';
import { MESSAGE_MAX_LENGTH } from '../../src/schema/index.js';
import { getButton, getField, type, visibleText, waitUntil } from '../support/queries.js';
import { simulateConnection } from '../support/offline.js';
import { anotherPage } from '../support/pages.js';

const api = endpoint;

async function post(caseId: string, text: string, name = 'Tester', country?: string): Promise<string> {
  const response = await fetch(`${api}/v1/cases/${caseId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, text, ...(country ? { country } : {}) }),
  });
  expect(response.status, await response.clone().text()).to.equal(201);
  return ((await response.json()) as { id: string }).id;
}

async function approve(id: string): Promise<void> {
  const response = await fetch(`${api}/v1/admin/messages/${id}/approve`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  expect(response.status).to.equal(200);
}

const shadow = (wall: W4rSolidarityWall) => wall.shadowRoot!;
const list = (wall: W4rSolidarityWall) => shadow(wall).querySelector<HTMLElement>('[part="list"]')!;
const texts = (wall: W4rSolidarityWall) =>
  [...shadow(wall).querySelectorAll('[part="text"]')].map((p) => p.textContent);

async function loaded(wall: W4rSolidarityWall): Promise<void> {
  await waitUntil(
    () => shadow(wall).querySelector('[part="total"]') && list(wall).getAttribute('aria-busy') === 'false',
    'the wall has loaded',
  );
  await wall.updateComplete;
}

async function wall(caseId: string, extra = html``, at = api): Promise<W4rSolidarityWall> {
  const element = await fixture<W4rSolidarityWall>(
    html`<div><w4r-solidarity-wall endpoint=${at} case=${caseId}></w4r-solidarity-wall>${extra}</div>`,
  );
  const found = element.querySelector('w4r-solidarity-wall')!;
  await loaded(found);
  return found;
}

/** Fills and sends the form as a person does. */
async function write(element: W4rSolidarityWall, name: string, text: string, country = ''): Promise<void> {
  await type(getField(element, /^Your name/), name);
  const select = getField<HTMLSelectElement>(element, 'Your country (optional)');
  select.value = country;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await type(getField<HTMLTextAreaElement>(element, /^Your message/), text);
  getButton(element, 'Post message').click();
}

/** How many of the newest messages on a wall read `text`. */
async function onTheWall(caseId: string, text: string, at = api): Promise<number> {
  const page = (await (await fetch(`${at}/v1/cases/${caseId}/messages?limit=100`)).json()) as MessagePage;
  return page.items.filter((message) => message.text === text).length;
}

describe('<w4r-solidarity-wall>', () => {
  it('posts a message through the form and shows it on an auto-approved wall at once', async () => {
    const element = await wall('open-wall');
    const text = `Stay strong — ${crypto.randomUUID()}`;
    const posted = oneEvent(element, 'w4r-message-posted');
    await write(element, 'Amina', text, 'ZA');
    const event = await posted;
    expect(event.detail).to.deep.equal({ caseId: 'open-wall', status: 'approved' });
    expect(JSON.stringify(event.detail)).not.to.contain('Amina');
    await waitUntil(() => visibleText(element).includes('Your message is on the wall'), 'the answer shows');
    await waitUntil(() => texts(element).includes(text), 'the message is on the wall');
    const first = shadow(element).querySelector('article')!;
    expect(first.querySelector('[part="name"]')!.textContent).to.equal('Amina');
    expect(first.querySelector('[part="country"]')!.textContent).to.equal('South Africa');
    expect(first.querySelector('time')!.textContent!.trim()).to.equal('now');
    expect(first.querySelector('[part="text"]')!.getAttribute('dir')).to.equal('auto');
    expect(
      getField<HTMLTextAreaElement>(element, /^Your message/).value,
      'the form is ready for another',
    ).to.equal('');
    await expect(element).to.be.accessible();
  });

  it('tells the writer their message waits for review on a moderated wall', async () => {
    const element = await wall('gustavo-gatica');
    const posted = oneEvent(element, 'w4r-message-posted');
    await write(element, 'Jorge', `Fuerza, Gustavo ${crypto.randomUUID()}`);
    expect((await posted).detail.status).to.equal('pending');
    await waitUntil(() => visibleText(element).includes('once a moderator has read it'), 'the answer shows');
    await expect(element).to.be.accessible();
  });

  it('keeps a message written offline on the device and posts it once when back online', async () => {
    localStorage.removeItem('w4r-outbox');
    const connection = simulateConnection(api);
    try {
      const element = await wall('open-wall');
      const text = `Written on a train — ${crypto.randomUUID()}`;
      const posted = oneEvent(element, 'w4r-message-posted');
      // The message reaches the endpoint but the answer is lost: sent again, it must appear once.
      connection.set('lose-answer');
      await write(element, 'Amina', text);
      await waitUntil(
        () => visibleText(element).includes('Your message is saved'),
        'the message is saved',
        15000,
      );
      expect(localStorage.getItem('w4r-outbox')).to.contain('open-wall');
      await expect(element).to.be.accessible();

      connection.set('online');
      window.dispatchEvent(new Event('online'));
      expect((await posted).detail.status).to.equal('approved');
      await waitUntil(() => texts(element).includes(text), 'the message is on the wall');
      const page = (await (await fetch(`${api}/v1/cases/open-wall/messages`)).json()) as MessagePage;
      expect(page.items.filter((message) => message.text === text)).to.have.length(1);
      expect(connection.state.keys.length).to.be.greaterThan(1);
      expect(new Set(connection.state.keys).size, 'every attempt carried the same key').to.equal(1);
    } finally {
      connection.restore();
    }
  });

  it('shows a message saved offline as saved again after a reload, and posts it once back online', async () => {
    const connection = simulateConnection(api);
    const text = `Saved before the reload — ${crypto.randomUUID()}`;
    try {
      const before = await wall('open-wall');
      connection.set('offline');
      await write(before, 'Amina', text);
      await waitUntil(() => visibleText(before).includes('Your message is saved'), 'saved', 15000);
      before.remove();

      // The page again, still offline: the message waits, and the wall says so.
      const element = await fixture<W4rSolidarityWall>(
        html`<w4r-solidarity-wall endpoint=${api} case="open-wall"></w4r-solidarity-wall>`,
      );
      await waitUntil(() => visibleText(element).includes('Your message is saved'), 'the saved state shows');
      expect(getField<HTMLTextAreaElement>(element, /^Your message/).value).to.equal('');
      await expect(element).to.be.accessible();

      connection.set('online');
      const posted = oneEvent(element, 'w4r-message-posted');
      window.dispatchEvent(new Event('online'));
      expect((await posted).detail.status).to.equal('approved');
      await waitUntil(() => visibleText(element).includes('Your message is on the wall'), 'the answer shows');
      expect(await onTheWall('open-wall', text)).to.equal(1);
    } finally {
      connection.restore();
    }
  });

  it('sends a message saved offline from the next page that has only the wall, once', async function () {
    this.timeout(30_000);
    const connection = simulateConnection(api);
    const text = `Saved on a page with only the wall — ${crypto.randomUUID()}`;
    try {
      const element = await wall('open-wall');
      connection.set('offline');
      await write(element, 'Amina', text);
      await waitUntil(() => visibleText(element).includes('Your message is saved'), 'saved', 15000);
      element.remove();
    } finally {
      connection.restore();
    }
    const frame = await anotherPage(
      `<w4r-solidarity-wall endpoint="${api}" case="open-wall"></w4r-solidarity-wall>
      <script type="module" src="/src/elements/solidarity-wall/define.ts"></script>`,
    );
    try {
      expect(frame.contentWindow!.customElements.get('w4r-petition'), 'no petition on that page').to.equal(
        undefined,
      );
      await waitUntil(
        async () => (await onTheWall('open-wall', text)) > 0,
        'the reloaded page sends the saved message',
        12000,
      );
      await waitUntil(() => !(localStorage.getItem('w4r-outbox') ?? '').includes(api), 'the outbox is empty');
      expect(await onTheWall('open-wall', text), 'posted once').to.equal(1);
    } finally {
      frame.remove();
    }
  });

  it('waits, busy, when a message is sent sooner than the campaign allows, and posts it', async () => {
    const element = await wall('open-wall', html``, minFillEndpoint);
    const text = `Sent at once — ${crypto.randomUUID()}`;
    const heard: string[] = [];
    element.addEventListener('w4r-message-posted', (event) => heard.push(event.detail.status));
    element.addEventListener('w4r-error', (event) => heard.push(event.detail.code));
    await write(element, 'Amina', text);
    await element.updateComplete;
    expect(getButton(element, 'Posting…').getAttribute('aria-disabled'), 'busy').to.equal('true');
    await waitUntil(() => heard.length, 'the endpoint has answered', 12000);
    expect(heard, 'not taken for a bot').to.deep.equal(['approved']);
    await waitUntil(() => texts(element).includes(text), 'the message is on the wall');
    expect(await onTheWall('open-wall', text, minFillEndpoint)).to.equal(1);
  });

  it('marks its required fields as the petition does', async () => {
    const element = await wall('gustavo-gatica');
    expect(visibleText(element)).to.contain('Fields marked * are required.');
    for (const [label, required] of [
      [/^Your name \*$/, true],
      [/^Your country \(optional\)$/, false],
      [/^Your message \*$/, true],
    ] as const)
      expect(getField(element, label).required, String(label)).to.equal(required);
    await expect(element).to.be.accessible();
  });

  it('says a wall with no message yet is empty in a box no taller than that', async () => {
    const element = await fixture<W4rSolidarityWall>(
      html`<w4r-solidarity-wall .messages=${[]}></w4r-solidarity-wall>`,
    );
    await element.updateComplete;
    const end = shadow(element).querySelector('.end')!;
    expect(visibleText(end as HTMLElement)).to.equal('No messages yet. Be the first to write one.');
    const box = list(element).getBoundingClientRect().height;
    expect(box, 'no tall blank box').to.be.below(end.getBoundingClientRect().height * 1.5);
    await expect(element).to.be.accessible();
  });

  it('checks the form with the shared schema and points to what is missing', async () => {
    const element = await wall('gustavo-gatica');
    let posted = false;
    element.addEventListener('w4r-message-posted', () => (posted = true));
    getButton(element, 'Post message').click();
    await waitUntil(() => visibleText(element).includes('Please write your name.'), 'the errors show');
    expect(visibleText(element)).to.contain('Please write a message.');
    const name = getField(element, /^Your name/);
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).activeElement, 'focus on the first field to fix').to.equal(name);
    await expect(element).to.be.accessible();
    await type(getField<HTMLTextAreaElement>(element, /^Your message/), 'x'.repeat(MESSAGE_MAX_LENGTH + 3));
    await element.updateComplete;
    expect(visibleText(element)).to.contain(`${MESSAGE_MAX_LENGTH + 3} of ${MESSAGE_MAX_LENGTH} characters`);
    expect(visibleText(element)).to.contain(`Your message is too long`);
    await type(name, 'Kwame\u202Eevil');
    getButton(element, 'Post message').click();
    await waitUntil(
      () => visibleText(element).includes('Remove the characters that cannot be used here.'),
      'the name is refused in words',
    );
    expect(posted).to.equal(false);
  });

  it('counts characters as the writer types and announces what is left only once they pause', async () => {
    const element = await wall('gustavo-gatica');
    const field = getField<HTMLTextAreaElement>(element, /^Your message/);
    const live = shadow(element).querySelector('.announce')!;
    await type(field, 'x'.repeat(100));
    await element.updateComplete;
    expect(visibleText(element)).to.contain(`100 of ${MESSAGE_MAX_LENGTH} characters`);
    expect(field.getAttribute('aria-describedby')).to.contain('count');
    await type(field, 'x'.repeat(MESSAGE_MAX_LENGTH - 10));
    expect(live.textContent, 'nothing is announced while typing').to.equal('');
    await waitUntil(() => live.textContent === 'Characters left: 10', 'the count is announced', 3000);
  });

  it('shows hostile messages as the text they are, and runs none of them', async () => {
    const flag = window as unknown as { w4rPwned?: boolean };
    const hostile = [
      `<script>window.w4rPwned = true</script>`,
      `<img src=x onerror="window.w4rPwned = true">`,
      `<a href="javascript:window.w4rPwned=true">click me</a> javascript:window.w4rPwned=true`,
      '${window.w4rPwned = true} {{constructor.constructor("window.w4rPwned = true")()}} <%= 1 %>',
      `Bidi \u202Egnirts desrever\u202C and zero\u200Bwidth\u200C\u200D\uFEFF joiners`,
      `<svg onload="window.w4rPwned = true"></svg><iframe srcdoc="<script>parent.w4rPwned=true</script>">`,
      'W'.repeat(MESSAGE_MAX_LENGTH),
    ].map((text) => `${text} ${crypto.randomUUID().slice(0, 8)}`.slice(-MESSAGE_MAX_LENGTH));
    // Auto-moderation holds the one with a script address; a moderator lets each through, so the wall
    // shows them all (approving one already shown changes nothing).
    for (const text of hostile)
      await approve(await post('open-wall', text, `<b onmouseover="window.w4rPwned=true">Eve</b>`));
    const element = await wall('open-wall');
    element.style.setProperty('--w4r-wall-block-size', '400rem');
    await waitUntil(() => texts(element).length >= hostile.length, 'every hostile message is in view');
    for (const text of hostile) expect(texts(element), text).to.include(text.normalize('NFC').trim());
    expect(shadow(element).querySelector('img, script, svg, iframe, a, b')).to.equal(null);
    expect(shadow(element).querySelector('[part="name"]')!.textContent).to.equal(
      `<b onmouseover="window.w4rPwned=true">Eve</b>`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(flag.w4rPwned).to.equal(undefined);
    const scroller = list(element);
    expect(scroller.scrollWidth, 'long words wrap').to.be.at.most(scroller.clientWidth);
    await expect(element).to.be.accessible();
  });

  it('wraps a 10,000-character word and keeps links off unless the campaign allows them', async () => {
    const now = new Date().toISOString();
    const messages: PublicMessage[] = [
      { id: 'long', name: 'L'.repeat(60), text: 'A'.repeat(10_000), createdAt: now },
      {
        id: 'link',
        name: 'Lee',
        text: 'See https://example.org/a?b=1 and javascript:alert(1)',
        createdAt: now,
      },
      { id: 'ar', name: 'نسيمة', country: 'SA', text: 'نحن معك. We are with you.', createdAt: now },
    ];
    const element = await fixture<W4rSolidarityWall>(
      html`<w4r-solidarity-wall .messages=${messages}></w4r-solidarity-wall>`,
    );
    element.style.setProperty('--w4r-wall-block-size', '400rem');
    await waitUntil(() => texts(element).length === 3, 'the messages show');
    const scroller = list(element);
    expect(scroller.scrollWidth, 'no sideways scrolling').to.be.at.most(scroller.clientWidth);
    expect(texts(element)[0]).to.equal('A'.repeat(10_000));
    expect(shadow(element).querySelector('a')).to.equal(null);
    expect(shadow(element).querySelector('form'), 'no form without an endpoint and a case').to.equal(null);
    expect(visibleText(element)).to.contain('3 messages');
    expect(visibleText(element)).to.contain('Saudi Arabia');
    await expect(element).to.be.accessible();

    element.links = true;
    await element.updateComplete;
    const links = [...shadow(element).querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.org/a?b=1']);
    expect(links[0]!.rel).to.contain('nofollow');
    expect(texts(element)[1]).to.equal(messages[1]!.text);
    await expect(element).to.be.accessible();
  });

  it('lays messages out in a grid by attribute', async () => {
    const now = new Date().toISOString();
    const messages = Array.from({ length: 30 }, (_, i) => ({
      id: `g${i}`,
      name: `Writer ${i}`,
      text: `Message ${i}`,
      createdAt: now,
    }));
    const element = await fixture<W4rSolidarityWall>(
      html`<w4r-solidarity-wall layout="grid" .messages=${messages}></w4r-solidarity-wall>`,
    );
    element.style.setProperty('--w4r-max-inline-size', '60rem');
    await waitUntil(
      () => shadow(element).querySelector('.row article + article'),
      'two messages share a row',
    );
    const [a, b] = shadow(element).querySelectorAll('article');
    expect(a!.getBoundingClientRect().top).to.equal(b!.getBoundingClientRect().top);
    await expect(element).to.be.accessible();
  });

  it('shows a message approved on another page live, without moving what the reader reads', async () => {
    const element = await wall('open-wall');
    const text = `Live from afar ${crypto.randomUUID()}`;
    await post('open-wall', text, 'Far Away');
    await waitUntil(() => texts(element)[0] === text, 'the live message is on top');
    expect(visibleText(element)).not.to.contain('new message');

    // A pre-moderated case: the message shows once a moderator approves it.
    const moderated = await wall('melike-and-ozgur');
    const held = `Approved later ${crypto.randomUUID()}`;
    const id = await post('melike-and-ozgur', held);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(moderated)).not.to.include(held);
    await approve(id);
    await waitUntil(() => texts(moderated)[0] === held, 'the approved message arrives');
  });

  it('keeps the reader in place and offers the new messages when they have scrolled away', async function () {
    this.timeout(30_000);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => post('open-wall', `Filler ${i} ${'words '.repeat(i)}`)),
    );
    const element = await wall('open-wall');
    const scroller = list(element);
    scroller.scrollTop = 1500;
    await waitUntil(() => element.updateComplete.then(() => !element.isUpdatePending), 'the wall settles');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const box = scroller.getBoundingClientRect();
    const reading = [...shadow(element).querySelectorAll('article')].find(
      (article) => article.getBoundingClientRect().top >= box.top,
    )!;
    const before = reading.getBoundingClientRect().top;
    await post('open-wall', `Arrives while reading ${crypto.randomUUID()}`);
    await waitUntil(() => visibleText(element).includes('One new message'), 'the new-messages button shows');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(reading.isConnected).to.equal(true);
    expect(
      Math.abs(reading.getBoundingClientRect().top - before),
      'what the reader reads stays put',
    ).to.be.below(2);
    await expect(element).to.be.accessible();
    getButton(element, 'One new message').click();
    await waitUntil(() => scroller.scrollTop === 0, 'back at the top');
    await waitUntil(
      () => shadow(element).activeElement === shadow(element).querySelector('article'),
      'the newest message has focus',
    );
    expect(visibleText(element)).not.to.contain('new message');
  });
});

/** Elements in the wall's shadow root: what virtualization keeps bounded. */
const nodeCount = (element: W4rSolidarityWall) => shadow(element).querySelectorAll('*').length;

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Scrolls to the end again and again, as a reader does, until the oldest message is in view. */
async function scrollToOldest(element: W4rSolidarityWall, limit: number): Promise<number> {
  const scroller = list(element);
  let most = 0;
  for (let step = 0; step < limit; step++) {
    scroller.scrollTop = scroller.scrollHeight;
    await frame();
    await waitUntil(() => scroller.getAttribute('aria-busy') === 'false', 'the page has loaded', 15_000);
    await element.updateComplete;
    most = Math.max(most, nodeCount(element));
    const last = [...shadow(element).querySelectorAll('article')].at(-1);
    const end = last && last.getAttribute('aria-posinset') === last.getAttribute('aria-setsize');
    if (end && visibleText(element).includes('You have reached the oldest message.')) return most;
  }
  throw new Error(`the oldest message was not reached in ${limit} scrolls`);
}

describe('<w4r-solidarity-wall> at scale', () => {
  it('holds 10,000 messages from the endpoint with a bounded DOM, and scrolling reaches the oldest', async function () {
    this.timeout(240_000);
    const SEED = 10_000;
    const tag = crypto.randomUUID().slice(0, 8);
    let next = 0;
    const worker = async () => {
      while (next < SEED) {
        const i = next++;
        const response = await fetch(`${api}/v1/cases/open-wall/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            name: `Seed ${i}`,
            text: `Seeded message ${i} ${tag} ${'hope '.repeat(i % 40)}`,
          }),
        });
        if (response.status !== 201) throw new Error(`seeding answered ${response.status}`);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));

    const element = await wall('open-wall');
    const total = Number(visibleText(shadow(element).querySelector('[part="total"]')!).replace(/\D/g, ''));
    expect(total).to.be.at.least(SEED);
    const atTop = nodeCount(element);
    const most = await scrollToOldest(element, 400);
    const articles = [...shadow(element).querySelectorAll('article')];
    expect(articles.at(-1)!.getAttribute('aria-posinset'), 'the last message is the oldest').to.equal(
      String(total),
    );
    let page = { items: [] as PublicMessage[], nextCursor: '' as string | null };
    let oldest: PublicMessage | undefined;
    do {
      const query = page.nextCursor ? `&cursor=${encodeURIComponent(page.nextCursor)}` : '';
      page = (await (
        await fetch(`${api}/v1/cases/open-wall/messages?limit=100${query}`)
      ).json()) as typeof page;
      oldest = page.items.at(-1) ?? oldest;
    } while (page.nextCursor);
    expect(texts(element).at(-1), 'the oldest message, as the endpoint has it').to.equal(oldest!.text);
    console.log(`10,000+ messages (${total}): ${atTop} elements at the top, at most ${most} while scrolling`);
    expect(most, 'DOM nodes stay bounded').to.be.below(400);
    await expect(element).to.be.accessible();
  });

  it('holds 100,000 messages with as many DOM nodes as a short wall', async function () {
    this.timeout(60_000);
    const start = Date.parse('2020-12-10T00:00:00Z');
    const messages: PublicMessage[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `m${i}`,
      name: `Writer ${i}`,
      country: i % 3 ? 'ZA' : undefined,
      text: `Message ${i}: ${'we are with you '.repeat(i % 25)}`,
      createdAt: new Date(start - i * 60_000).toISOString(),
    }));
    const element = await fixture<W4rSolidarityWall>(
      html`<w4r-solidarity-wall .messages=${messages}></w4r-solidarity-wall>`,
    );
    await waitUntil(() => texts(element).length > 0, 'the messages show');
    const scroller = list(element);
    const counts = [nodeCount(element)];
    for (const fraction of [0.25, 0.5, 0.75]) {
      scroller.scrollTop = scroller.scrollHeight * fraction;
      await frame();
      await element.updateComplete;
      await frame();
      counts.push(nodeCount(element));
    }
    const most = Math.max(counts[0]!, await scrollToOldest(element, 50));
    expect(texts(element)).to.include(messages.at(-1)!.text);
    console.log(
      `100,000 messages: elements in the shadow root at 0/25/50/75 % and the end: ${counts.join(', ')}, at most ${most}`,
    );
    expect(most).to.be.below(400);
  });
});
