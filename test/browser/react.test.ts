import { expect } from '@open-wc/testing';
import { adminToken, endpoint } from '/__w4r__/endpoint.js';
import * as app from '/__w4r__/react-app.js';
import type * as wrappers from '../../src/react/index.js';
import type { W4rEvent } from '../../src/core/element/events.js';
import { getButton, getField, type, visibleText, waitUntil } from '../support/queries.js';

// `w4r-widgets/react` as a React 19 app bundles it (the built package), rendering the real elements in
// Chromium against the real endpoint. `npm run build` first.

const { React, createRoot, flushSync } = app;
const { W4rCampaign, W4rCaseCard, W4rPetition, W4rCounter } = app as unknown as typeof wrappers;
const h = React.createElement;

/** The delivery export: the public count moves in coarse steps, the export lists each signer. */
const signers = async (caseId: string) =>
  (
    await fetch(`${endpoint}/v1/admin/cases/${caseId}/signatures.csv`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    })
  ).text();

/** What the supporter's signature told the app: the wrapper's `onW4rSigned` sets it, React shows it. */
function App({ onCampaignSigned }: { onCampaignSigned: (status: string) => void }) {
  const [said, setSaid] = React.useState('Not signed yet.');
  return h(
    'main',
    null,
    h('p', { id: 'said' }, said),
    h(
      W4rCampaign,
      {
        endpoint,
        source: 'react-app',
        onW4rSigned: (event: W4rEvent<'w4r-signed'>) => onCampaignSigned(event.detail.status),
      },
      h(W4rCaseCard, { caseId: 'melike-and-ozgur' }),
      h(W4rCounter, { caseId: 'melike-and-ozgur' }),
      h(W4rPetition, {
        caseId: 'melike-and-ozgur',
        headingLevel: 3,
        onW4rSigned: (event: W4rEvent<'w4r-signed'>) =>
          setSaid(`Signed for ${event.detail.caseId} (${event.detail.status}, via ${event.detail.source}).`),
      }),
    ),
  );
}

describe('the React components', () => {
  let container: HTMLElement;
  let root: ReturnType<typeof createRoot>;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('render the real widgets with their props, sign through the petition and call the onW4rSigned handlers', async function () {
    this.timeout(20_000);
    const lastName = `React${crypto.randomUUID().slice(0, 8)}`;
    const heard: string[] = [];
    flushSync(() => root.render(h(App, { onCampaignSigned: (status) => heard.push(status) })));
    const card = container.querySelector('w4r-case-card')!;
    const petition = container.querySelector('w4r-petition')!;
    expect(petition.caseId, 'a property, not an attribute').to.equal('melike-and-ozgur');
    expect(petition.headingLevel).to.equal(3);
    await waitUntil(
      () => visibleText(card).includes('Melike Balkan and Özgür Gür'),
      'the card shows the case',
    );
    await waitUntil(() => petition.shadowRoot?.querySelector('form'), 'the petition shows its form');
    expect(petition.shadowRoot!.querySelector('h3')).to.not.equal(null);

    await type(getField(petition, /^First name/), 'Ana');
    await type(getField(petition, /^Last name/), lastName);
    await type(getField(petition, /^Email/), `signer-${crypto.randomUUID()}@example.org`);
    getField(petition, /^I agree/).click();
    await petition.updateComplete;
    getButton(petition, /^Sign the petition/).click();

    await waitUntil(() => visibleText(petition).includes('Thank you for signing!'), 'the thanks show');
    await waitUntil(
      () => document.getElementById('said')!.textContent !== 'Not signed yet.',
      'React updates',
    );
    expect(document.getElementById('said')!.textContent).to.equal(
      'Signed for melike-and-ozgur (counted, via react-app).',
    );
    expect(heard, 'the campaign hears the petition’s event as it bubbles').to.deep.equal(['counted']);
    expect(await signers('melike-and-ozgur')).to.include(`Ana ${lastName},`);
  });

  it('take a new prop from React: the counter shows the case it is given', async function () {
    this.timeout(20_000);
    const counter = (caseId: string) => h(W4rCampaign, { endpoint }, h(W4rCounter, { caseId }));
    flushSync(() => root.render(counter('gustavo-gatica')));
    const element = container.querySelector('w4r-counter')!;
    await waitUntil(() => /\d/.test(visibleText(element)), 'the counter shows a number');
    flushSync(() => root.render(counter('closed-petition')));
    expect(container.querySelector('w4r-counter'), 'the same element').to.equal(element);
    expect(element.caseId).to.equal('closed-petition');
  });
});
