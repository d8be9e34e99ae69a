import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { campaignContext, type CampaignSettings } from '../../core/element/context.js';
import { servicesContext, type Services } from '../../core/element/services.js';
import { themeTokens } from '../../core/element/theme.js';
import { focusPetition } from '../../core/page/take-action.js';

/**
 * @summary Shares settings with every widget inside it, and routes "Take action" to the case's petition.
 *
 * @slot - The widgets of the campaign, and any other content.
 *
 * @cssproperty --w4r-… - Any theme token set here applies to every widget inside.
 */
export class W4rCampaign extends LitElement {
  static override styles = [
    themeTokens,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** Base URL of the action endpoint every widget inside talks to. */
  @property() endpoint?: string;

  /** Campaign identifier. */
  @property() campaign?: string;

  /** BCP 47 language tag for every widget inside. */
  @property() locale?: string;

  /** Attribution sent with every action taken inside. */
  @property() source?: string;

  /** Where the privacy policy lives, linked from every consent text. */
  @property({ attribute: 'privacy-href' }) privacyHref?: string;

  /** `amnesty` for Amnesty International's look on every widget inside. */
  @property({ reflect: true }) theme?: string;

  /** Services for every widget inside instead of the page's own: a story's or a test's client, say. */
  @property({ attribute: false }) services?: Services;

  private readonly provider = new ContextProvider(this, { context: campaignContext, initialValue: {} });
  private readonly servicesProvider = new ContextProvider(this, {
    context: servicesContext,
    initialValue: {},
  });

  constructor() {
    super();
    this.addEventListener('w4r-take-action', (event) => this.routeToPetition(event));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services')) this.servicesProvider.setValue(this.services ?? {});
    const settings: CampaignSettings = {};
    if (this.endpoint !== undefined && this.endpoint !== null) settings.endpoint = this.endpoint;
    if (this.campaign) settings.campaign = this.campaign;
    if (this.locale) settings.locale = this.locale;
    if (this.source) settings.source = this.source;
    if (this.privacyHref) settings.privacyHref = this.privacyHref;
    this.provider.setValue(settings);
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** Brings the case's petition into view and puts the supporter in its first field. */
  private routeToPetition(event: CustomEvent<{ caseId: string }>): void {
    if (focusPetition(this, event.detail.caseId)) event.preventDefault();
  }
}
