// The moderation page: the queue of messages waiting for review, approve and reject (buttons or a/r,
// j/k to move), live through the admin event stream. Everything a supporter wrote is set as text
// (textContent), never as HTML. The token lives in sessionStorage: this tab only. Below the queue, a
// delivery document (PDF) per case, fetched with the token and saved.
import { eventQueue } from './moderation-events.js';

const TOKEN_KEY = 'w4r-admin-token';
// The endpoint serves this page and the page talks to it alone, at v1/ beside the page: nothing in the
// address can name another server, which would receive the token (the page's policy says so too).
const api = 'v1';

const $ = (id) => document.getElementById(id);
const tokenForm = $('token-form');
const tokenField = $('token');
const forget = $('forget');
const connection = $('connection');
const error = $('error');
const queue = $('queue');
const count = $('count');
const empty = $('empty');
const more = $('more');
const announcer = $('announcer');
const embedLinks = $('embed-links');
const delivery = $('delivery');
const deliveries = $('deliveries');
const withMessages = $('with-messages');
const deliveryStatus = $('delivery-status');

const REASONS = {
  moderation: 'every message is read first',
  blocked_word: 'a word on the blocked list',
  link: 'a link or web address',
};

let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
let session; // AbortController of the current connection
let nextCursor = null;
let total = 0;
const caseNames = new Map();
const items = new Map(); // message id -> <li>

/** An element with text content only. */
function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function announce(text) {
  announcer.textContent = '';
  // A fresh text node is announced even when the words repeat.
  requestAnimationFrame(() => (announcer.textContent = text));
}

function showError(text) {
  error.textContent = text;
}

const request = (path, init = {}) =>
  fetch(`${api}${path}`, {
    ...init,
    cache: 'no-store',
    credentials: 'omit',
    headers: { Authorization: `Bearer ${token}`, ...init.headers },
  });

const relative = new Intl.RelativeTimeFormat(document.documentElement.lang || 'en', { numeric: 'auto' });
function ago(iso) {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60000);
  if (minutes > -1) return relative.format(0, 'second');
  if (minutes > -60) return relative.format(minutes, 'minute');
  if (minutes > -1440) return relative.format(Math.round(minutes / 60), 'hour');
  return relative.format(Math.round(minutes / 1440), 'day');
}

const regions = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' });
function countryName(code) {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

const events = eventQueue(
  { list: $('event-queue'), count: $('event-count'), empty: $('event-empty') },
  { request, el, announce, showError, caseNames, unauthorized: () => unauthorized() },
);

function updateCount() {
  count.textContent = `(${total})`;
  empty.hidden = items.size > 0 || !session;
  more.hidden = !nextCursor;
}

/** One message of the queue. */
function render(message) {
  const item = el('li', 'item');
  item.dataset.id = message.id;
  item.tabIndex = -1;
  const titleId = `title-${items.size}-${Date.now()}`;
  item.setAttribute('aria-labelledby', titleId);

  const title = el('h3', 'title');
  title.id = titleId;
  const name = el('bdi', 'name', message.name);
  title.append(name);
  if (message.country) title.append(el('span', 'country', ` · ${countryName(message.country)}`));

  const meta = el(
    'p',
    'meta',
    `For ${caseNames.get(message.caseId) ?? message.caseId} · ${ago(message.createdAt)}`,
  );

  const reasons = el('p', 'reasons');
  const held = (message.heldFor ?? []).map((reason) => REASONS[reason] ?? reason);
  reasons.textContent = held.length ? `Held for: ${held.join('; ')}.` : 'Held for review.';

  const text = el('p', 'text', message.text);
  text.dir = 'auto';

  const actions = el('div', 'actions');
  for (const [action, label] of [
    ['approve', 'Approve'],
    ['reject', 'Reject'],
  ]) {
    const button = el('button', action, label);
    button.type = 'button';
    button.dataset.action = action;
    button.setAttribute('aria-describedby', titleId);
    actions.append(button);
  }
  item.append(title, meta, reasons, text, actions);
  return item;
}

function add(message, { first = false } = {}) {
  if (items.has(message.id) || message.status !== 'pending') return false;
  const item = render(message);
  items.set(message.id, item);
  if (first) queue.prepend(item);
  else queue.append(item);
  if (!queue.querySelector('[tabindex="0"]')) item.tabIndex = 0;
  return true;
}

/** Makes `item` the queue's one tab stop and focuses it. */
function focusItem(item) {
  if (!item) return;
  for (const other of queue.querySelectorAll('.item[tabindex="0"]')) other.tabIndex = -1;
  item.tabIndex = 0;
  item.focus();
}

/** Takes a decided message out of the queue; focus, and the queue's one tab stop, go to its neighbour. */
function drop(item) {
  if (!items.has(item.dataset.id)) return;
  const next = item.nextElementSibling ?? item.previousElementSibling;
  const hadFocus = item.contains(document.activeElement);
  const wasTabStop = item.tabIndex === 0;
  item.remove();
  items.delete(item.dataset.id);
  total = Math.max(0, total - 1);
  updateCount();
  if (next && wasTabStop) next.tabIndex = 0;
  if (next && hadFocus) focusItem(next);
}

async function decide(item, action) {
  if (!item || item.dataset.busy) return;
  item.dataset.busy = 'true';
  const id = item.dataset.id;
  const name = item.querySelector('.name').textContent;
  for (const button of item.querySelectorAll('button')) button.setAttribute('aria-disabled', 'true');
  try {
    const response = await request(`/admin/messages/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
    if (response.status === 401) return unauthorized();
    if (!response.ok && response.status !== 404) throw new Error(String(response.status));
    drop(item);
    showError('');
    announce(
      action === 'approve' ? `Approved the message from ${name}.` : `Rejected the message from ${name}.`,
    );
  } catch {
    showError(
      `The message from ${name} could not be ${action === 'approve' ? 'approved' : 'rejected'}. Try again.`,
    );
  } finally {
    for (const button of item.querySelectorAll('button')) button.removeAttribute('aria-disabled');
    delete item.dataset.busy;
  }
}

function unauthorized() {
  disconnect();
  showError('The token was not accepted. Check it and connect again.');
  tokenField.focus();
}

async function loadPage(signal) {
  const query = new URLSearchParams({ status: 'pending' });
  if (nextCursor) query.set('cursor', nextCursor);
  const response = await request(`/admin/messages?${query}`, { signal });
  if (response.status === 401) return unauthorized();
  if (!response.ok) throw new Error(String(response.status));
  const page = await response.json();
  for (const message of page.items) add(message);
  nextCursor = page.nextCursor;
  total = page.total;
  updateCount();
}

/** Reads the admin event stream with fetch (an EventSource cannot send the token), reconnecting. */
async function listen(signal) {
  let delay = 1000;
  while (!signal.aborted) {
    try {
      const response = await request('/admin/events', { signal, headers: { Accept: 'text/event-stream' } });
      if (response.status === 401) return unauthorized();
      if (!response.ok || !response.body) throw new Error(String(response.status));
      connection.textContent = 'Connected: new messages appear as they arrive.';
      delay = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const frames = buffer.split(/\r?\n\r?\n/);
        buffer = frames.pop();
        frames.forEach(receive);
      }
    } catch {
      if (signal.aborted) return;
    }
    connection.textContent = 'Connection lost; reconnecting…';
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30000);
    if (!signal.aborted) await reload(signal).catch(() => undefined);
  }
}

/** One Server-Sent Events frame: `event:` and `data:` lines; comments (heartbeats) start with ':'. */
function receive(frame) {
  let event = 'message';
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (!data.length) return;
  let message;
  try {
    message = JSON.parse(data.join('\n'));
  } catch {
    return; // not a message
  }
  if (events.receive(event, message)) return;
  if (event === 'pending' && add(message, { first: true })) {
    total++;
    updateCount();
    announce(`New message from ${message.name}.`);
  } else if (event === 'decided') {
    const item = items.get(message.id);
    // A message this page is deciding itself leaves when its own answer comes back.
    if (!item || item.dataset.busy) return;
    const name = item.querySelector('.name').textContent;
    drop(item);
    announce(
      message.status === 'approved'
        ? `The message from ${name} was approved by another moderator.`
        : `The message from ${name} was rejected by another moderator.`,
    );
  }
}

async function reload(signal) {
  nextCursor = null;
  await loadPage(signal);
  await events.load(signal);
}

/** A link per case to its embed code page (`/embed?case=…`, beside this page). */
function renderEmbedLinks() {
  embedLinks.replaceChildren(
    ...[...caseNames].map(([id, name]) => {
      const link = el('a', '', `Embed code for ${name}`);
      link.href = `embed?${new URLSearchParams({ case: id })}`;
      const item = el('li');
      item.append(link);
      return item;
    }),
  );
}

async function loadCaseNames() {
  try {
    const response = await fetch(`${api}/cases`, { credentials: 'omit' });
    const cases = (await response.json()).cases ?? [];
    for (const item of cases) caseNames.set(item.id, item.name);
    renderEmbedLinks();
    listDeliveries(cases.filter((item) => item.petition));
  } catch {
    // ids will do
  }
}

/** A download button per case with a petition; the document is fetched with the token, then saved. */
function listDeliveries(cases) {
  deliveries.replaceChildren();
  for (const item of cases) {
    const row = el('li');
    const name = el('span', 'case-name', item.name);
    // Seen as "Download PDF" beside the case's name; heard as the whole of what it does.
    const button = el('button', 'download', 'Download PDF');
    button.append(el('span', 'visually-hidden', ` of the delivery document for ${item.name}`));
    button.type = 'button';
    button.dataset.case = item.id;
    row.append(name, button);
    deliveries.append(row);
  }
  delivery.hidden = cases.length === 0;
}

async function download(button) {
  const caseId = button.dataset.case;
  const name = caseNames.get(caseId) ?? caseId;
  const query = withMessages.checked ? '?messages=1' : '';
  button.setAttribute('aria-disabled', 'true');
  deliveryStatus.textContent = `Preparing the delivery document for ${name}…`;
  try {
    const response = await request(`/admin/cases/${encodeURIComponent(caseId)}/delivery.pdf${query}`);
    if (response.status === 401) return unauthorized();
    if (!response.ok) throw new Error(String(response.status));
    const file = `${caseId}-delivery.pdf`;
    const url = URL.createObjectURL(await response.blob());
    // A link that stays, to save it again; clicked once now to save it.
    let link = button.parentElement.querySelector('a.saved');
    if (link) URL.revokeObjectURL(link.href);
    else {
      link = el('a', 'saved');
      button.after(link);
    }
    link.href = url;
    link.download = file;
    link.textContent = `Save ${file} again`;
    link.click();
    deliveryStatus.textContent = `The delivery document for ${name} is ready: ${file}.`;
  } catch {
    deliveryStatus.textContent = `The delivery document for ${name} could not be made. Try again.`;
  } finally {
    button.removeAttribute('aria-disabled');
  }
}

deliveries.addEventListener('click', (event) => {
  const button = event.target.closest('button.download');
  if (button && button.getAttribute('aria-disabled') !== 'true') void download(button);
});

function disconnect() {
  session?.abort();
  session = undefined;
  queue.replaceChildren();
  items.clear();
  deliveries.replaceChildren();
  delivery.hidden = true;
  deliveryStatus.textContent = '';
  events.clear();
  nextCursor = null;
  total = 0;
  count.textContent = '';
  connection.textContent = 'Not connected.';
  updateCount();
}

async function connect() {
  disconnect();
  showError('');
  session = new AbortController();
  const { signal } = session;
  connection.textContent = 'Connecting…';
  forget.hidden = false;
  try {
    await loadCaseNames();
    await loadPage(signal);
    await events.load(signal);
    if (signal.aborted) return;
    void listen(signal);
  } catch {
    if (!signal.aborted) showError('The endpoint could not be reached. Try again in a moment.');
  }
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  token = tokenField.value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  void connect();
});

forget.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  token = '';
  tokenField.value = '';
  forget.hidden = true;
  disconnect();
  tokenField.focus();
});

more.addEventListener('click', () => void loadPage(session?.signal).catch(() => undefined));

queue.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button || button.getAttribute('aria-disabled') === 'true') return;
  void decide(button.closest('.item'), button.dataset.action);
});

queue.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const item = event.target.closest('.item');
  if (!item) return;
  const key = event.key.toLowerCase();
  if (key === 'j' || key === 'arrowdown') focusItem(item.nextElementSibling);
  else if (key === 'k' || key === 'arrowup') focusItem(item.previousElementSibling);
  else if (key === 'a') void decide(item, 'approve');
  else if (key === 'r') void decide(item, 'reject');
  else return;
  event.preventDefault();
});

queue.addEventListener('focusin', (event) => {
  const item = event.target.closest('.item');
  if (item && event.target === item) focusItem(item);
});

// The cases are public: their embed links show before any token is given.
if (token) {
  tokenField.value = token;
  void connect();
} else {
  void loadCaseNames();
}
