import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { literal, html as staticHtml, type StaticValue } from 'lit/static-html.js';
import { msg } from '@lit/localize';
import { TaskStatus } from '@lit/task';
import { W4rElement } from '../../core/element/w4r-element.js';
import { headingLevel } from '../../core/element/heading-level.js';
import { CaseController } from '../../core/data/case-controller.js';
import { ActionError } from '../../core/data/action-error.js';
import { errorMessage } from '../../core/format/error-messages.js';
import { emit } from '../../core/element/events.js';
import { focusPetition } from '../../core/page/take-action.js';
import { countryName } from '../../core/format/country.js';
import { initialsOf } from '../../core/format/initials.js';
import { addressee } from '../../core/format/addressee.js';
import { safeImageSource } from '../../core/format/image-source.js';
import { textIn, type TextLanguage } from '../../core/locale/locale.js';
import { speaks } from '../../core/locale/speaks.js';
import type { Case } from '../../schema/index.js';
import { caseCardStyles } from './case-card.styles.js';

const HEADINGS: readonly StaticValue[] = [
  literal`h1`,
  literal`h2`,
  literal`h3`,
  literal`h4`,
  literal`h5`,
  literal`h6`,
];

/** Only links a person can follow: web pages, mail, and places on this site. */
const SAFE_HREF = /^(https?:|mailto:|[/?#.]|[^:]*$)/i;

/**
 * @summary The person at risk: photo, name, country, summary, story, the ask and a call to action.
 *
 * The case comes from the `caseData` property, from JSON inside the element
 * (`<script type="application/json">{…}</script>`), or from `GET {endpoint}/v1/cases/:id`.
 * Images load only from the endpoint's or the page's origin; otherwise the card shows initials.
 *
 * @csspart base - The card.
 * @csspart media - The photo or its placeholder.
 * @csspart image - The photo.
 * @csspart placeholder - The initials shown when there is no photo.
 * @csspart body - Everything beside the media.
 * @csspart country - The country's name.
 * @csspart name - The heading with the name.
 * @csspart headline - The one-line headline.
 * @csspart summary - The summary paragraph.
 * @csspart story-toggle - The button that shows or hides the story.
 * @csspart story - The story's paragraphs.
 * @csspart ask - The authority and what we ask of them.
 * @csspart target - Who the ask is addressed to.
 * @csspart ask-text - What we ask.
 * @csspart actions - The call to action's wrapper.
 * @csspart action - The "Take action" link or button.
 * @csspart skeleton - The placeholder shown while the case loads.
 * @csspart error - The message shown when the case cannot be loaded.
 * @csspart retry - The "Try again" button.
 *
 * @cssproperty --w4r-case-card-media-size - Width of the photo in the full layout (default 12rem).
 * @cssproperty --w4r-case-card-compact-media-size - Width of the photo in the compact layout (default 5rem).
 * @cssproperty --w4r-color-surface - Card background.
 * @cssproperty --w4r-color-accent - Buttons and the initials' background.
 * @cssproperty --w4r-radius - Corner radius.
 * @cssproperty --w4r-space - The base spacing unit.
 *
 * @fires w4r-take-action - The "Take action" call was pressed; `detail.caseId`. Cancelable: `<w4r-campaign>` routes it to the case's petition; unhandled, the card focuses a `<w4r-petition>` for the case on the page.
 */
export class W4rCaseCard extends W4rElement {
  static override styles = [...W4rElement.styles, caseCardStyles];

  /** The case id; with an endpoint, the card loads the case from it. */
  @property({ attribute: 'case' }) caseId?: string;

  /** The case itself, for pages that have it at hand; wins over inline JSON and the endpoint. */
  @property({ attribute: false }) caseData?: Case;

  /** `full` shows the story and the ask; `compact` only who, where and why. */
  @property({ reflect: true }) layout: 'compact' | 'full' = 'full';

  /** Level of the heading with the case's name (1–6), to fit the page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Where "Take action" leads; without it the card fires `w4r-take-action` for the page to route. */
  @property({ attribute: 'action-href' }) actionHref?: string;

  @state() private storyOpen = false;
  @state() private imageFailed = false;

  /** After "Try again", where focus goes once the outcome shows (the button it was on is gone). */
  private refocusAfterRetry = false;

  private readonly caseCtl = new CaseController(this, {
    reader: () => this.reader,
    locale: () => this.resolvedLocale,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('caseId') || changed.has('caseData')) this.imageFailed = false;
  }

  protected override render() {
    return this.caseCtl.task.render({
      initial: () => this.renderSkeleton(),
      pending: () => (this.caseCtl.value ? this.renderCase(this.caseCtl.value) : this.renderSkeleton()),
      complete: (value) => this.renderCase(value),
      error: (error) => this.renderError(error),
    });
  }

  private renderCase(data: Case) {
    const full = this.layout !== 'compact';
    const level = headingLevel(this.headingLevel);
    const text = textIn(data.lang);
    return html`
      <article part="base" class="card" aria-labelledby="name" ${speaks(this.direction)}>
        ${this.renderMedia(data)}
        <div part="body" class="body">
          ${staticHtml`<${HEADINGS[level - 1]} part="name" id="name" class="name" tabindex="-1" lang=${text.lang} dir=${text.dir}>${data.name}</${HEADINGS[level - 1]}>`}
          <p part="country" class="country">${countryName(data.country, this.resolvedLocale)}</p>
          <p part="headline" class="headline" lang=${text.lang} dir=${text.dir}>${data.headline}</p>
          <p part="summary" class="summary" lang=${text.lang} dir=${text.dir}>${data.summary}</p>
          ${full && data.story ? this.renderStory(data.story, text) : nothing}
          ${full ? this.renderAsk(data, Math.min(level + 1, 6)) : nothing} ${this.renderAction(data)}
        </div>
      </article>
    `;
  }

  private renderMedia(data: Case) {
    const src =
      data.image && !this.imageFailed ? safeImageSource(data.image.src, this.resolvedEndpoint) : undefined;
    return html`<div part="media" class="media">
      ${
        src
          ? html`<img
              part="image"
              src=${src}
              alt=${data.image!.alt}
              lang=${data.image!.lang ?? data.lang ?? nothing}
              loading="lazy"
              decoding="async"
              @error=${() => (this.imageFailed = true)}
            />`
          : html`<div part="placeholder" class="placeholder" aria-hidden="true">
              ${initialsOf(data.name)}
            </div>`
      }
    </div>`;
  }

  private renderStory(story: string, text: TextLanguage) {
    return html`
      <button
        part="story-toggle"
        class="link-button toggle"
        type="button"
        aria-expanded=${this.storyOpen ? 'true' : 'false'}
        aria-controls="story"
        aria-describedby="name"
        @click=${() => (this.storyOpen = !this.storyOpen)}
      >
        <span class="chevron" aria-hidden="true"></span>${msg('Read the full story')}
      </button>
      <div part="story" id="story" class="story" lang=${text.lang} dir=${text.dir} ?hidden=${!this.storyOpen}>
        ${story
          .split(/\n\s*\n/)
          .filter((paragraph) => paragraph.trim())
          .map((paragraph) => html`<p>${paragraph.trim()}</p>`)}
      </div>
    `;
  }

  private renderAsk(data: Case, level: number) {
    const who = addressee(data.target);
    const to = textIn(data.target.lang ?? data.lang);
    const ask = textIn(data.petition?.lang ?? data.lang);
    return html`
      <section part="ask" class="ask" aria-labelledby="ask-heading">
        ${staticHtml`<${HEADINGS[level - 1]} id="ask-heading" class="ask-heading">${msg('What we ask')}</${HEADINGS[level - 1]}>`}
        <p part="target" class="target">${msg('To:')} <bdi lang=${to.lang} dir=${to.dir}>${who}</bdi></p>
        ${
          data.petition
            ? html`<p part="ask-text" class="ask-text" lang=${ask.lang} dir=${ask.dir}>
                ${data.petition.text}
              </p>`
            : nothing
        }
      </section>
    `;
  }

  private renderAction(data: Case) {
    const href = this.actionHref?.trim();
    const action = msg('Take action');
    return html`<div part="actions" class="actions">
      ${
        href && SAFE_HREF.test(href)
          ? html`<a
              part="action"
              class="button"
              href=${href}
              aria-describedby="name"
              @click=${() => this.takeAction(data)}
              >${action}</a
            >`
          : html`<button
              part="action"
              class="button"
              type="button"
              aria-describedby="name"
              @click=${() => this.takeAction(data)}
            >
              ${action}
            </button>`
      }
    </div>`;
  }

  private renderSkeleton() {
    return html`
      <div part="base skeleton" class="card skeleton" aria-busy="true">
        <div part="media" class="media"><div class="placeholder shimmer"></div></div>
        <div part="body" class="body">
          <span class="visually-hidden" role="status">${msg('Loading the case…')}</span>
          <div class="line shimmer title"></div>
          <div class="line shimmer short"></div>
          <div class="line shimmer"></div>
          <div class="line shimmer"></div>
          <div class="line shimmer short"></div>
        </div>
      </div>
    `;
  }

  private renderError(error: unknown) {
    const retryable = !(error instanceof ActionError) || error.retryable;
    return html`
      <div part="base error" class="card error" role="alert">
        <div part="body" class="body">
          <p class="error-title">${msg('We could not show this case.')}</p>
          <p>${errorMessage(error)}</p>
          ${
            retryable
              ? html`<div part="actions" class="actions">
                  <button part="retry" class="button secondary" type="button" @click=${this.retry}>
                    ${msg('Try again')}
                  </button>
                </div>`
              : nothing
          }
        </div>
      </div>
    `;
  }

  private readonly retry = () => {
    this.refocusAfterRetry = true;
    void this.caseCtl.task.run();
  };

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const status = this.caseCtl.task.status;
    if (!this.refocusAfterRetry || (status !== TaskStatus.COMPLETE && status !== TaskStatus.ERROR)) return;
    this.refocusAfterRetry = false;
    this.renderRoot.querySelector<HTMLElement>('[part="retry"], [part="name"]')?.focus();
  }

  /** Tells the page; when nothing on it (such as `<w4r-campaign>`) handles that, goes to the case's petition itself. */
  private takeAction(data: Case): void {
    const handled = !emit(this, 'w4r-take-action', { caseId: data.id }, { cancelable: true });
    if (!handled && !this.actionHref) focusPetition(this.ownerDocument, data.id);
  }
}
