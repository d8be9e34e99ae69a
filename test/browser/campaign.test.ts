import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { W4rCampaign } from '../../src/elements/campaign/campaign.js';

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
});
