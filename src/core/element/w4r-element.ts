import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { campaignContext, type CampaignSettings } from './context.js';
import { emit, type W4rEventMap, type W4rEventName } from './events.js';
import { directionOf } from '../../schema/direction.js';
import { resolveLocale } from '../locale/locale.js';
import { useLocale } from '../locale/localization.js';
import { baseStyles } from './base-styles.js';
import { servicesContext, type Services } from './services.js';
import { readerFor, type EndpointReader } from '../data/endpoint-reader.js';
import { trimEndpoint } from '../data/endpoint-url.js';
import type { ActionTarget } from '../data/action-controller.js';

/**
 * What every widget shares: the settings it takes from its own attributes or, failing those, from the
 * `<w4r-campaign>` around it; its locale and direction; the base styles; typed events; the services
 * given to it through context (`core/element/services.ts`), else the page's own. It imports no writer:
 * the widgets that write start the outbox through their `ActionController`.
 */
export abstract class W4rElement extends LitElement {
  static override styles = baseStyles;

  /** Base URL of the action endpoint; overrides the campaign's. */
  @property() endpoint?: string;

  /** BCP 47 language tag; overrides the campaign's and the page's. */
  @property() locale?: string;

  /** Attribution sent with every action, e.g. `partner-ngo`; overrides the campaign's. */
  @property() source?: string;

  /** `amnesty` for Amnesty International's look; otherwise the tokens' defaults. */
  @property({ reflect: true }) theme?: string;

  @consume({ context: campaignContext, subscribe: true })
  @state()
  protected campaign?: CampaignSettings;

  /** The services given through context; what is not given is the page's own. */
  @consume({ context: servicesContext, subscribe: true })
  @state()
  protected services: Services = {};

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * The endpoint this widget talks to, without a trailing slash, or undefined when it has none.
   * An empty or `/` endpoint means the page's own origin (a campaign page served by the endpoint).
   */
  protected get resolvedEndpoint(): string | undefined {
    const endpoint = this.endpoint ?? this.campaign?.endpoint;
    if (endpoint === undefined || endpoint === null) return undefined;
    return trimEndpoint(endpoint.trim()) || location.origin;
  }

  /** Where this widget's action goes, for its `ActionController`. */
  protected get actionTarget(): ActionTarget {
    return { endpoint: this.resolvedEndpoint, caseId: this.caseIdForActions, outbox: this.services.outbox };
  }

  /** The case a widget's actions are for; the widgets that write say which. */
  protected get caseIdForActions(): string | undefined {
    return undefined;
  }

  /** What reads this widget's endpoint, or undefined when it has none. */
  protected get reader(): EndpointReader | undefined {
    const endpoint = this.resolvedEndpoint;
    return endpoint === undefined ? undefined : (this.services.client ?? readerFor)(endpoint);
  }

  protected get resolvedSource(): string | undefined {
    return this.source ?? this.campaign?.source;
  }

  /** The source for an event's detail, when there is one. */
  protected get sourceDetail(): { source?: string } {
    const source = this.resolvedSource;
    return source ? { source } : {};
  }

  /** The full locale for formatting ("es-CL"); strings come in its closest supported language. */
  protected get resolvedLocale(): string {
    return resolveLocale(this, this.locale, this.campaign?.locale);
  }

  protected get direction(): 'ltr' | 'rtl' {
    return directionOf(this.resolvedLocale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void useLocale(this.resolvedLocale);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('locale') || changed.has('campaign')) void useLocale(this.resolvedLocale);
  }

  /** Fires a `w4r-…` event that bubbles out of the page's shadow roots; never with personal data. */
  protected emit<K extends W4rEventName>(name: K, detail: W4rEventMap[K]): boolean {
    return emit(this, name, detail);
  }
}
