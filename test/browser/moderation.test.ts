import { expect, fixture, html } from '@open-wc/testing';
import { adminToken, endpoint, sameOriginEndpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rSolidarityWall } from '../../src/elements/solidarity-wall/solidarity-wall.js';
import { getButton, getField, getLink, waitUntil } from '../support/queries.js';
import { axeViolations, openPage } from '../support/pages.js';

// The moderation page (demo/moderation.html) as the real endpoint serves it, with its own policy,
// opened in a frame. The runner forwards sameOriginEndpoint to the endpoint, so the page is on this
// page's origin, as it is on the endpoint's own in production, and the test can look inside it.

const api = endpoint;
const PAGE = `${sameOriginEndpoint}/moderation.html`;

interface PageWindow extends Window {
  w4rPwned?: boolean;
}

const FRAME = { title: 'Moderation page', width: 900, height: 700 };

async function post(caseId: string, text: string, name = 'Moderated'): Promise<string> {
  const response = await fetch(`${api}/v1/cases/${caseId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, text, country: 'CL' }),
  });
  expect(response.status).to.equal(201);
  const receipt = (await response.json()) as { id: string; status: string };
  expect(receipt.status).to.equal('pending');
  return receipt.id;
}

/** The queue item that shows `text`. */
const itemWith = (doc: Document, text: string) =>
  [...doc.querySelectorAll<HTMLElement>('#queue .item')].find(
    (item) => item.querySelector('.text')?.textContent === text,
  );

const press = (target: Element, key: string) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

/** Opens the page and connects with the admin token. */
async function connected(src = PAGE): Promise<HTMLIFrameElement> {
  const frame = await openPage(src, FRAME);
  const doc = frame.contentDocument!;
  getField(doc, 'Admin token').value = adminToken;
  getButton(doc, 'Connect').click();
  await waitUntil(() => doc.getElementById('connection')!.textContent!.startsWith('Connected'), 'live');
  return frame;
}

describe('the moderation page', () => {
  let frame: HTMLIFrameElement | undefined;
  let others: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const each of [frame, ...others]) {
      each?.contentWindow?.sessionStorage.clear();
      each?.remove();
    }
    others = [];
  });

  it('links each case to the page that gives its embed code, before any token is given', async () => {
    frame = await openPage(PAGE, FRAME);
    const doc = frame.contentDocument!;
    await waitUntil(() => doc.querySelectorAll('#embed-links a').length > 0, 'the embed links show');
    const link = getLink(doc, 'Embed code for Gustavo Gatica');
    expect(new URL(link.href).pathname).to.equal(`${sameOriginEndpoint}/embed`);
    expect(new URL(link.href).searchParams.get('case')).to.equal('gustavo-gatica');
    expect(doc.querySelectorAll('#embed-links a').length).to.equal(7);
    expect(await axeViolations(frame)).to.deep.equal([]);
    const followed = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    link.click();
    await followed;
    const code = frame.contentDocument!;
    expect(code.querySelector('h2')?.textContent).to.equal('Code for Gustavo Gatica');
    expect(getField<HTMLTextAreaElement>(code, 'Any site (HTML)').value).to.match(
      /^<iframe src="[^"]+\/embed\/gustavo-gatica" title="Gustavo Gatica"/,
    );
  });

  it('refuses a wrong token and says so', async () => {
    frame = await openPage(PAGE, FRAME);
    const doc = frame.contentDocument!;
    expect(await axeViolations(frame)).to.deep.equal([]);
    getField(doc, 'Admin token').value = 'not-the-token';
    getButton(doc, 'Connect').click();
    await waitUntil(
      () => doc.getElementById('error')!.textContent!.includes('not accepted'),
      'the refusal shows',
    );
    expect(doc.activeElement).to.equal(getField(doc, 'Admin token'));
    expect(await axeViolations(frame)).to.deep.equal([]);
  });

  it('lists what waits with the reasons, takes new messages live, and approves with the keyboard onto a live wall', async function () {
    this.timeout(30_000);
    const tag = crypto.randomUUID().slice(0, 8);
    const first = `Please free them ${tag}`;
    const blocked = `This has a blockedword in it ${tag}`;
    await post('gustavo-gatica', first);
    await post('gustavo-gatica', blocked);

    const wall = (await fixture<HTMLElement>(
      html`<w4r-solidarity-wall endpoint=${api} case="gustavo-gatica"></w4r-solidarity-wall>`,
    )) as W4rSolidarityWall;
    frame = await openPage(PAGE, FRAME);
    const doc = frame.contentDocument!;
    const win = frame.contentWindow as PageWindow;
    getField(doc, 'Admin token').value = adminToken;
    getButton(doc, 'Connect').click();
    await waitUntil(() => itemWith(doc, first) && itemWith(doc, blocked), 'the waiting messages are listed');
    expect(win.sessionStorage.getItem('w4r-admin-token')).to.equal(adminToken);
    expect(itemWith(doc, first)!.textContent).to.contain('Gustavo Gatica');
    expect(itemWith(doc, first)!.textContent).to.contain('Chile');
    expect(itemWith(doc, blocked)!.querySelector('.reasons')!.textContent).to.contain(
      'a word on the blocked list',
    );
    await waitUntil(() => doc.getElementById('connection')!.textContent!.startsWith('Connected'), 'live');

    // Hostile text arrives live and stays text.
    const hostile = `<img src=x onerror="window.w4rPwned=true"><script>window.w4rPwned=true</script> ${tag}`;
    await post('gustavo-gatica', hostile, '<b>Mallory</b>');
    await waitUntil(() => itemWith(doc, hostile), 'the new message appears live');
    expect(doc.querySelector('#queue img, #queue script, #queue b')).to.equal(null);
    expect(itemWith(doc, hostile)!.querySelector('.name')!.textContent).to.equal('<b>Mallory</b>');
    expect(win.w4rPwned).to.equal(undefined);
    expect(await axeViolations(frame)).to.deep.equal([]);

    // j / k move between messages; a approves, r rejects the one in focus.
    const [top, second] = doc.querySelectorAll<HTMLElement>('#queue .item');
    top!.focus();
    press(top!, 'j');
    expect(doc.activeElement).to.equal(second);
    expect(second!.tabIndex, 'the queue keeps one tab stop, where the moderator is').to.equal(0);
    press(second!, 'k');
    expect(doc.activeElement).to.equal(top);
    const item = itemWith(doc, first)!;
    item.focus();
    press(item, 'a');
    await waitUntil(() => !item.isConnected, 'the approved message leaves the queue');
    await waitUntil(
      () => [...wall.shadowRoot!.querySelectorAll('[part="text"]')].some((p) => p.textContent === first),
      'the approved message appears live on the wall',
    );
    await waitUntil(
      () => doc.getElementById('announcer')!.textContent!.includes('Approved the message from Moderated'),
      'the approval is announced',
    );
    expect(doc.activeElement!.classList.contains('item'), 'focus moves to the next message').to.equal(true);

    const rejected = itemWith(doc, hostile)!;
    rejected.focus();
    press(rejected, 'r');
    await waitUntil(() => !rejected.isConnected, 'the rejected message leaves the queue');
    expect(win.w4rPwned).to.equal(undefined);
    expect(await axeViolations(frame)).to.deep.equal([]);

    getButton(doc, 'Forget the token').click();
    expect(win.sessionStorage.getItem('w4r-admin-token')).to.equal(null);
    expect(doc.querySelectorAll('#queue .item').length).to.equal(0);
  });
  it('sends the token to its own origin only, whatever its address names, and its policy allows no other', async function () {
    this.timeout(20_000);
    const tag = crypto.randomUUID().slice(0, 8);
    const waiting = `Stay strong ${tag}`;
    await post('gustavo-gatica', waiting);
    // Another server named in the address, as a phishing link would: here the endpoint on its other origin.
    frame = await connected(`${PAGE}?endpoint=${encodeURIComponent(api)}`);
    const doc = frame.contentDocument!;
    const win = frame.contentWindow!;
    await waitUntil(() => itemWith(doc, waiting), 'the queue comes from the page’s own origin');
    const contacted = win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin);
    expect(contacted).to.include(location.origin);
    expect(contacted.filter((origin) => origin !== location.origin)).to.deep.equal([]);

    const policy = (await fetch(PAGE)).headers.get('content-security-policy') ?? '';
    expect(policy.split(';').map((directive) => directive.trim())).to.include("connect-src 'self'");
    let refused = false;
    await win.fetch(`${api}/healthz`).catch(() => (refused = true));
    expect(refused, 'the page may not connect to another server').to.equal(true);
  });

  it('drops from every open queue, live, a message another moderator approves or rejects', async function () {
    this.timeout(30_000);
    const tag = crypto.randomUUID().slice(0, 8);
    const [first, second, third] = ['first', 'second', 'third'].map((word) => `Solidarity ${word} ${tag}`);
    const ids = [await post('gustavo-gatica', first!), await post('gustavo-gatica', second!)];
    await post('gustavo-gatica', third!);
    frame = await connected();
    const other = await connected();
    others.push(other);
    const mine = frame.contentDocument!;
    const theirs = other.contentDocument!;
    await waitUntil(() => [first, second, third].every((text) => itemWith(theirs, text!)), 'both queues');
    await waitUntil(() => [first, second, third].every((text) => itemWith(mine, text!)), 'listed');
    const count = (doc: Document) => Number(/\d+/.exec(doc.getElementById('count')!.textContent!)![0]);
    const before = count(theirs);

    // The other moderator is reading the first message when this one approves it.
    const reading = itemWith(theirs, first!)!;
    reading.focus();
    getButton(itemWith(mine, first!)!, 'Approve').click();
    await waitUntil(() => !itemWith(mine, first!), 'it leaves the queue that approved it');
    await waitUntil(() => !itemWith(theirs, first!), 'it leaves the other queue too');
    await waitUntil(
      () =>
        theirs
          .getElementById('announcer')!
          .textContent!.includes('The message from Moderated was approved by another moderator.'),
      'the other moderator hears why it left',
    );
    expect(count(theirs)).to.equal(before - 1);
    expect(
      theirs.activeElement!.classList.contains('item'),
      'their focus moves to the next message',
    ).to.equal(true);
    expect(theirs.querySelectorAll('#queue .item[tabindex="0"]').length, 'one tab stop').to.equal(1);
    expect(mine.getElementById('announcer')!.textContent).not.to.contain('another moderator');

    // A moderator elsewhere (another tool, the API) rejects the second: both queues drop it.
    const rejected = await fetch(`${api}/v1/admin/messages/${ids[1]}/reject`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(rejected.status).to.equal(200);
    await waitUntil(() => !itemWith(mine, second!) && !itemWith(theirs, second!), 'both queues drop it');
    expect(Boolean(itemWith(mine, third!) && itemWith(theirs, third!)), 'the undecided one stays').to.equal(
      true,
    );
    expect(count(theirs)).to.equal(before - 2);
    expect(await axeViolations(other)).to.deep.equal([]);
  });

  it('downloads the delivery document of a case with the token, and offers it to save again', async function () {
    this.timeout(20_000);
    frame = await connected();
    const doc = frame.contentDocument!;
    await waitUntil(() => !doc.getElementById('delivery')!.hidden, 'the delivery documents are listed');
    expect(await axeViolations(frame)).to.deep.equal([]);
    getField(doc, 'Add the approved messages of solidarity as an appendix').click();
    getButton(doc, 'Download PDF of the delivery document for Gustavo Gatica').click();
    const status = doc.getElementById('delivery-status')!;
    await waitUntil(() => status.textContent!.includes('is ready'), 'the document is made');
    expect(status.textContent).to.contain('gustavo-gatica-delivery.pdf');
    const saved = doc.querySelector<HTMLAnchorElement>('a.saved')!;
    expect(saved.download).to.equal('gustavo-gatica-delivery.pdf');
    const bytes = new Uint8Array(await (await fetch(saved.href)).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).to.equal('%PDF-');
    expect(bytes.length).to.be.greaterThan(10_000);
    expect(await axeViolations(frame)).to.deep.equal([]);
  });
});
