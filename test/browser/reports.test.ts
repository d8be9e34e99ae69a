import { expect } from '@open-wc/testing';
import { adminToken, endpoint, sameOriginEndpoint } from '/__w4r__/endpoint.js';
import { getButton, getField, getLink, waitUntil } from '../support/queries.js';
import { axeViolations, openPage } from '../support/pages.js';

// The reports page (demo/reports.html) as the real endpoint serves it, with its own policy, opened in a
// frame on this page's origin (the runner forwards sameOriginEndpoint to the endpoint).

const PAGE = `${sameOriginEndpoint}/reports.html`;
/** The token whose SHA-256 test/fixtures/campaign.json lists for the source `partner-browser`. */
const PARTNER_TOKEN = 'partner-browser-token-0123456789';

async function sign(source: string, country: string): Promise<void> {
  const id = Math.random().toString(36).slice(2);
  const response = await fetch(`${endpoint}/v1/cases/popi-and-bongeka/signatures`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      firstName: 'Report',
      lastName: `Reader ${id}`,
      email: `report-${id}@example.org`,
      country,
      consent: true,
      source,
    }),
  });
  expect(response.status).to.equal(201);
}

async function showWith(token: string): Promise<Document> {
  const frame = await openPage(PAGE, { title: 'Reports page', width: 1000, height: 800 });
  frames.push(frame);
  const doc = frame.contentDocument!;
  getField(doc, 'Access token').value = token;
  getButton(doc, 'Show the numbers').click();
  return doc;
}

const shown = (doc: Document) => () => !doc.getElementById('report')!.hidden;
const rowsOf = (doc: Document, id: string) =>
  [...doc.querySelectorAll(`#${id} tbody tr`)].map((row) =>
    [...row.children].map((cell) => cell.textContent!.trim()),
  );

const frames: HTMLIFrameElement[] = [];

describe('the reports page', () => {
  before(async () => {
    await sign('partner-browser', 'DE');
    await sign('partner-browser', 'DE');
    await sign('partner-browser', 'AT');
    await sign('another-partner', 'FR');
  });
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
    // The page keeps its token for the tab (sessionStorage, shared by frames of one origin).
    sessionStorage.removeItem('w4r-reports-token');
  });

  it('shows a partner its own numbers as a chart and tables, and passes axe', async () => {
    const doc = await showWith(PARTNER_TOKEN);
    await waitUntil(shown(doc), 'the report');
    expect(doc.getElementById('scope-heading')!.textContent).to.equal('Numbers for partner-browser');
    const chart = doc.querySelector('#chart svg')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.querySelector('title')!.textContent).to.equal('Signatures per day, by source');
    const bars = [...chart.querySelectorAll('rect.bar')];
    expect(bars.length).to.be.greaterThan(0);
    expect(bars.at(-1)!.querySelector('title')!.textContent).to.match(/partner-browser: 3$/);
    expect([...doc.querySelectorAll('#legend li')].map((li) => li.textContent)).to.deep.equal([
      'partner-browser',
    ]);
    expect(rowsOf(doc, 'countries')).to.deep.equal([
      ['Germany (DE)', '2', '0', '0'],
      ['Austria (AT)', '1', '0', '0'],
    ]);
    expect(rowsOf(doc, 'sources').map((row) => row[0])).to.deep.equal(['partner-browser']);
    expect(doc.body.textContent).not.to.contain('another-partner');
    expect(doc.body.textContent).not.to.contain('@');
    expect(await axeViolations(doc.defaultView!.frameElement as HTMLIFrameElement)).to.deep.equal([]);

    const download = getLink(doc, 'Download these numbers (CSV)');
    expect(download.href).to.match(/^blob:/);
    const csv = await (await fetch(download.href)).text();
    expect(csv).to.contain('day,kind,source,country,count');
    expect(csv).to.contain(',signatures,partner-browser,DE,2');
    expect(csv).not.to.contain('another-partner');
  });

  it('shows the admin every source', async () => {
    const doc = await showWith(adminToken);
    await waitUntil(shown(doc), 'the report');
    expect(doc.getElementById('scope-heading')!.textContent).to.equal('Numbers for every source');
    const legend = [...doc.querySelectorAll('#legend li')].map((li) => li.textContent);
    expect(legend).to.include('partner-browser');
    expect(legend).to.include('another-partner');
    expect(await axeViolations(doc.defaultView!.frameElement as HTMLIFrameElement)).to.deep.equal([]);
  });

  it('refuses a token that is neither, saying so, and shows nothing', async () => {
    const doc = await showWith('not-a-token-anyone-has');
    await waitUntil(() => doc.getElementById('error')!.textContent !== '', 'the refusal');
    expect(doc.getElementById('error')!.textContent).to.contain('This token is not accepted');
    expect(doc.getElementById('report')!.hidden).to.equal(true);
    expect(doc.querySelector('#chart svg')).to.equal(null);
  });
});
