import { expect, fixture, html } from '@open-wc/testing';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rCampaign } from '../../src/elements/campaign/campaign.js';
import { actionClientFor } from '../../src/core/data/action-client.js';
import { EndpointReader, type RequestOptions } from '../../src/core/data/endpoint-reader.js';
import { createLiveHub } from '../../src/core/data/live-hub.js';
import { Outbox } from '../../src/core/data/outbox.js';
import { getButton, getField, type, visibleText, waitUntil } from '../support/queries.js';

/** The real reader, noting which cases it was asked for. */
class NotingReader extends EndpointReader {
  readonly cases: string[] = [];
  override getCase(id: string, options?: RequestOptions) {
    this.cases.push(id);
    return super.getCase(id, options);
  }
}

describe('<w4r-campaign>', () => {
  it('routes "Take action" from a case card to the petition of the same case', async () => {
    const campaign = await fixture<W4rCampaign>(html`
      <w4r-campaign endpoint="http://127.0.0.1:9" locale="en">
        <div id="card"></div>
        <w4r-petition case="other-case"></w4r-petition>
        <w4r-petition case="popi-and-bongeka"></w4r-petition>
      </w4r-campaign>
    `);
    const focused: string[] = [];
    for (const petition of campaign.querySelectorAll('w4r-petition')) {
      Object.assign(petition, { focusFirstField: () => focused.push(petition.getAttribute('case')!) });
    }
    const event = new CustomEvent('w4r-take-action', {
      detail: { caseId: 'popi-and-bongeka' },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    campaign.querySelector('#card')!.dispatchEvent(event);
    expect(focused).to.deep.equal(['popi-and-bongeka']);
    expect(event.defaultPrevented).to.equal(true);
  });

  it('gives the widgets inside the services it is given, instead of the page’s own', async function () {
    this.timeout(30_000);
    const reader = new NotingReader(endpoint);
    const outbox = new Outbox({ clientFor: actionClientFor, storageKey: 'w4r-test-outbox' });
    const sent: string[] = [];
    outbox.onOutcome((outcome) => sent.push(`${outcome.entry.kind} ${outcome.status}`));
    const campaign = await fixture<W4rCampaign>(html`
      <w4r-campaign
        endpoint=${endpoint}
        locale="en"
        .services=${{ client: () => reader, outbox, liveHub: createLiveHub(() => reader) }}
      >
        <w4r-case-card case="gustavo-gatica"></w4r-case-card>
        <w4r-petition case="popi-and-bongeka"></w4r-petition>
      </w4r-campaign>
    `);
    const card = campaign.querySelector('w4r-case-card')!;
    const petition = campaign.querySelector('w4r-petition')!;
    await waitUntil(
      () => visibleText(card).includes('Gustavo Gatica'),
      'the card read through the given client',
    );
    expect(reader.cases).to.include('gustavo-gatica');
    await waitUntil(() => petition.shadowRoot?.querySelector('form'), 'the petition');
    expect(reader.cases).to.include('popi-and-bongeka');

    await type(getField(petition, /^First name/), 'Ana');
    await type(getField(petition, /^Last name/), 'Given');
    await type(getField(petition, /^Email/), `given-${crypto.randomUUID()}@example.org`);
    getField<HTMLSelectElement>(petition, /^Country/).value = 'CL';
    getField<HTMLInputElement>(petition, /^I agree/).click();
    getButton(petition, /^Sign the petition/).click();
    await waitUntil(() => visibleText(petition).includes('Thank you for signing!'), 'signed', 15000);
    expect(sent, 'sent through the given outbox').to.deep.equal(['signatures delivered']);
    // Other test files share this browser's storage: they meet the petition unsigned.
    localStorage.removeItem('w4r-signed:popi-and-bongeka');
  });
});
