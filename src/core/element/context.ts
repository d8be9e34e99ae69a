import { createContext } from '@lit/context';

/** Settings a `<w4r-campaign>` shares with every widget inside it; a widget's own attributes win. */
export interface CampaignSettings {
  /** Base URL of the action endpoint, e.g. `https://actions.example.org`. */
  endpoint?: string;
  /** Campaign identifier, for partners running several campaigns on one endpoint. */
  campaign?: string;
  /** BCP 47 language tag for every widget inside. */
  locale?: string;
  /** Attribution for the actions taken, e.g. `partner-ngo`. */
  source?: string;
  /** Where the privacy policy lives, linked from every consent text. */
  privacyHref?: string;
}

export const campaignContext = createContext<CampaignSettings>(Symbol('w4r-campaign'));
