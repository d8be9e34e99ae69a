// The reports page: counts per day, source and country from GET v1/admin/reports, drawn here as SVG
// (no chart library, nothing loaded from elsewhere). Text is set as text only. The token lives in
// sessionStorage: this tab only. A partner's token shows that partner's own source.
const TOKEN_KEY = 'w4r-reports-token';
// The endpoint serves this page and the page talks to it alone, at v1/ beside the page.
const api = 'v1';
const SVG = 'http://www.w3.org/2000/svg';
/** Sources beyond this many share the last colour, as "other sources". */
const COLOURS = 8;

const $ = (id) => document.getElementById(id);
const tokenForm = $('token-form');
const tokenField = $('token');
const forget = $('forget');
const filters = $('filters');
const caseSelect = $('case');
const fromField = $('from');
const toField = $('to');
const status = $('status');
const error = $('error');
const report = $('report');

let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
const regions = new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' });
const numbers = new Intl.NumberFormat(document.documentElement.lang || 'en');
const sourceName = (source) => (source === null || source === '' ? 'direct (no source)' : source);
const countryName = (code) => (code ? `${regions.of(code) ?? code} (${code})` : 'not given');

function el(tag, text, className) {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

async function loadCases() {
  const response = await fetch(`${api}/cases`, { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) return;
  const { items } = await response.json();
  for (const item of items ?? []) {
    const option = el('option', item.name);
    option.value = item.id;
    caseSelect.append(option);
  }
}

function query() {
  const params = new URLSearchParams();
  if (caseSelect.value) params.set('case', caseSelect.value);
  if (fromField.value) params.set('from', fromField.value);
  if (toField.value) params.set('to', toField.value);
  return params.toString();
}

async function load() {
  error.textContent = '';
  status.textContent = 'Loading…';
  const response = await fetch(`${api}/admin/reports?${query()}`, {
    cache: 'no-store',
    credentials: 'omit',
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => null);
  if (!response) {
    status.textContent = 'Not connected.';
    error.textContent = 'The endpoint cannot be reached. Check the connection and try again.';
    return;
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    report.hidden = true;
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      forget.hidden = true;
      filters.hidden = true;
    }
    status.textContent = 'Not connected.';
    error.textContent =
      response.status === 401
        ? 'This token is not accepted. Check it, or ask the campaign team for yours.'
        : (body.error?.message ?? `The endpoint answered ${response.status}.`);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  forget.hidden = false;
  filters.hidden = false;
  fromField.value = body.from;
  toField.value = body.to;
  render(body);
  status.textContent = `Showing ${body.from} to ${body.to}${body.source !== null ? ` for ${sourceName(body.source)}` : ''}.`;
}

function render(data) {
  report.hidden = false;
  $('scope-heading').textContent =
    data.reader === 'partner' ? `Numbers for ${sourceName(data.source)}` : 'Numbers for every source';
  const { signatures, messages, letters } = data.totals;
  $('totals').textContent =
    `${numbers.format(signatures)} signatures, ${numbers.format(messages)} messages, ` +
    `${numbers.format(letters)} letters from ${data.from} to ${data.to}.`;
  const sources = data.sources.filter((s) => s.signatures > 0).map((s) => s.source ?? '');
  drawChart(data.signaturesByDay, sources);
  fillTable(
    $('countries'),
    data.countries.map((c) => [countryName(c.country), c.signatures, c.messages, c.letters]),
  );
  fillTable(
    $('sources'),
    data.sources.map((s) => [sourceName(s.source), s.signatures, s.messages, s.letters]),
  );
  offerCsv(data);
}

const colourOf = (index) => `s${Math.min(index, COLOURS - 1)}`;

/** Signatures per day as bars, each stacked by source, with the largest day's total as the scale. */
function drawChart(days, sources) {
  const width = 720;
  const height = 260;
  const left = 48;
  const bottom = 28;
  const top = 12;
  const inner = height - top - bottom;
  const totals = days.map((d) => Object.values(d.bySource).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = (width - left) / Math.max(1, days.length);
  const bar = Math.max(1, step * 0.8);
  const best = Math.max(...totals);
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
  });
  chart.append(
    svg('title', { id: 'chart-title' }, 'Signatures per day, by source'),
    svg(
      'desc',
      { id: 'chart-desc' },
      `${days.length} days from ${days[0]?.day ?? ''} to ${days.at(-1)?.day ?? ''}; ` +
        `${totals.reduce((a, b) => a + b, 0)} signatures in all, at most ${best} on one day.`,
    ),
  );
  // The scale: zero and the largest day.
  for (const value of [0, max]) {
    const y = top + inner - (value / max) * inner;
    chart.append(
      svg('line', { x1: left, x2: width, y1: y, y2: y, stroke: '#8a8a8a', 'stroke-width': 1 }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, numbers.format(value)),
    );
  }
  days.forEach((d, i) => {
    const x = left + i * step + (step - bar) / 2;
    let y = top + inner;
    const group = svg('g', { class: 'day' });
    sources.forEach((source, index) => {
      const count = d.bySource[source] ?? 0;
      if (count === 0) return;
      const h = (count / max) * inner;
      y -= h;
      const rect = svg('rect', { x, y, width: bar, height: h, class: `bar ${colourOf(index)}` });
      rect.append(svg('title', {}, `${d.day}, ${sourceName(source)}: ${count}`));
      group.append(rect);
    });
    chart.append(group);
  });
  for (const [i, anchor] of [
    [0, 'start'],
    [days.length - 1, 'end'],
  ]) {
    if (!days[i]) continue;
    const x = anchor === 'start' ? left : width;
    chart.append(svg('text', { x, y: height - 8, 'text-anchor': anchor }, days[i].day));
  }
  $('chart').replaceChildren(chart);
  $('legend').replaceChildren(
    ...sources.map((source, index) => {
      const item = el('li');
      item.append(el('span', '', `swatch ${colourOf(index)}`), document.createTextNode(sourceName(source)));
      return item;
    }),
  );
}

function fillTable(table, rows) {
  const body = table.tBodies[0];
  body.replaceChildren(
    ...rows.map((cells) => {
      const row = el('tr');
      cells.forEach((cell, index) => {
        const td = el(index === 0 ? 'th' : 'td', typeof cell === 'number' ? numbers.format(cell) : cell);
        if (index === 0) td.scope = 'row';
        row.append(td);
      });
      return row;
    }),
  );
  if (rows.length === 0) {
    const row = el('tr');
    const td = el('td', 'Nothing in these days.');
    td.colSpan = 4;
    row.append(td);
    body.append(row);
  }
}

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function field(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

let csvUrl;
function offerCsv(data) {
  const lines = [['day', 'kind', 'source', 'country', 'count'].join(',')];
  for (const row of data.rows)
    lines.push([row.day, row.kind, row.source, row.country, row.count].map(field).join(','));
  if (csvUrl) URL.revokeObjectURL(csvUrl);
  csvUrl = URL.createObjectURL(
    new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' }),
  );
  const link = $('download');
  link.href = csvUrl;
  link.download = `reports-${data.source ?? 'all'}-${data.from}-${data.to}.csv`;
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  token = tokenField.value.trim();
  tokenField.value = '';
  void load();
});

filters.addEventListener('submit', (event) => {
  event.preventDefault();
  void load();
});

forget.addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  token = '';
  forget.hidden = true;
  filters.hidden = true;
  report.hidden = true;
  status.textContent = 'Not connected.';
});

void loadCases();
if (token) void load();
