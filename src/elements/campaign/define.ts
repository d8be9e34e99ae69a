import { defineElement } from '../../core/element/define.js';
import { W4rCampaign } from './campaign.js';

defineElement('w4r-campaign', W4rCampaign);

declare global {
  interface HTMLElementTagNameMap {
    'w4r-campaign': W4rCampaign;
  }
}
