// The moderation page's second queue: letter-writing events waiting for review, approved or rejected
// with a button (or a/r in the list), live through the same admin stream as the messages. Everything
// a host wrote is set as text, never as HTML; the host's email is never sent to this page.

const REASONS = {
  moderation: 'every event is read first',
  blocked_word: 'a word on the blocked list',
  link: 'a link or web address in its text',
};

const lang = document.documentElement.lang || 'en';
const regions = new Intl.DisplayNames([lang], { type: 'region' });

function when(event) {
  const range = (timeZone) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short', timeZone }).formatRange(
      new Date(event.start),
      new Date(event.end),
    );
  return `${range(event.timeZone)} (${event.timeZone})`;
}

function where(event) {
  if (event.place.online) return `Online: ${event.place.online}`;
  let country = event.place.country;
  try {
    country = regions.of(country) ?? country;
  } catch {
    // the code will do
  }
  return `${event.place.city}, ${country}`;
}

/**
 * The events' queue in `list`, counted in `count`, with `empty` shown when none waits. `page` gives
 * what the messages' queue uses: `request`, `el`, `announce`, `showError`, `caseNames`, `unauthorized`.
 */
export function eventQueue({ list, count, empty }, page) {
  const items = new Map(); // event id -> <li>
  let total = 0;
  let connected = false;

  function update() {
    count.textContent = connected ? `(${total})` : '';
    empty.hidden = items.size > 0 || !connected;
  }

  function render(event) {
    const item = page.el('li', 'item');
    item.dataset.id = event.id;
    item.tabIndex = items.size === 0 ? 0 : -1;
    const titleId = `event-${event.id}`;
    item.setAttribute('aria-labelledby', titleId);
    const title = page.el('h3', 'title');
    title.id = titleId;
    title.append(page.el('bdi', 'name', event.title), page.el('span', 'country', ` · ${event.group}`));
    const cases = event.cases.map((id) => page.caseNames.get(id) ?? id).join(', ');
    const meta = page.el('p', 'meta', `${when(event)} · ${where(event)} · for ${cases}`);
    const held = (event.heldFor ?? []).map((reason) => REASONS[reason] ?? reason);
    const reasons = page.el(
      'p',
      'reasons',
      held.length ? `Held for: ${held.join('; ')}.` : 'Held for review.',
    );
    item.append(title, meta, reasons);
    if (event.description) {
      const text = page.el('p', 'text', event.description);
      text.dir = 'auto';
      item.append(text);
    }
    const actions = page.el('div', 'actions');
    for (const [action, label] of [
      ['approve', 'Approve event'],
      ['reject', 'Reject event'],
    ]) {
      const button = page.el('button', action, label);
      button.type = 'button';
      button.dataset.action = action;
      button.setAttribute('aria-describedby', titleId);
      actions.append(button);
    }
    item.append(actions);
    return item;
  }

  function add(event, first = false) {
    if (items.has(event.id) || event.status !== 'pending') return false;
    const item = render(event);
    items.set(event.id, item);
    if (first) list.prepend(item);
    else list.append(item);
    return true;
  }

  function drop(item) {
    if (!items.delete(item.dataset.id)) return;
    const next = item.nextElementSibling ?? item.previousElementSibling;
    const hadFocus = item.contains(document.activeElement);
    item.remove();
    total = Math.max(0, total - 1);
    update();
    if (next) next.tabIndex = 0;
    if (next && hadFocus) next.focus();
  }

  async function decide(item, action) {
    if (!item || item.dataset.busy) return;
    item.dataset.busy = 'true';
    const name = item.querySelector('.name').textContent;
    try {
      const response = await page.request(
        `/admin/gatherings/${encodeURIComponent(item.dataset.id)}/${action}`,
        {
          method: 'POST',
        },
      );
      if (response.status === 401) return page.unauthorized();
      if (!response.ok && response.status !== 404) throw new Error(String(response.status));
      drop(item);
      page.showError('');
      page.announce(action === 'approve' ? `Approved the event “${name}”.` : `Rejected the event “${name}”.`);
    } catch {
      page.showError(
        `The event “${name}” could not be ${action === 'approve' ? 'approved' : 'rejected'}. Try again.`,
      );
    } finally {
      delete item.dataset.busy;
    }
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (button) void decide(button.closest('.item'), button.dataset.action);
  });
  list.addEventListener('keydown', (event) => {
    const item = event.target.closest('.item');
    if (!item || event.target !== item || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'a') void decide(item, 'approve');
    else if (key === 'r') void decide(item, 'reject');
    else return;
    event.preventDefault();
  });

  return {
    async load(signal) {
      const response = await page.request('/admin/gatherings?status=pending&limit=200', { signal });
      if (response.status === 401) return page.unauthorized();
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json();
      for (const event of body.items) add(event);
      total = body.total;
      connected = true;
      update();
    },
    /** One frame of the admin stream; true when it was about events. */
    receive(name, data) {
      if (name === 'gathering-pending') {
        if (add(data, true)) {
          total++;
          update();
          page.announce(`New event waiting: “${data.title}”.`);
        }
        return true;
      }
      if (name === 'gathering-decided') {
        const item = items.get(data.id);
        if (item && !item.dataset.busy) drop(item);
        return true;
      }
      return false;
    },
    clear() {
      list.replaceChildren();
      items.clear();
      total = 0;
      connected = false;
      update();
    },
  };
}
