import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { CaseController } from '../../core/data/case-controller.js';
import { copyText } from '../../core/page/clipboard.js';
import { shareContent, shareLinks, type LinkChannel } from '../../core/format/share-links.js';
import type { ShareChannel } from '../../core/element/events.js';
import type { Case } from '../../schema/index.js';
import { icon } from './icons.js';

const ALL: readonly ShareChannel[] = ['native', 'x', 'facebook', 'whatsapp', 'email', 'copy'];
const NAMES: Record<LinkChannel, string> = { x: 'X', facebook: 'Facebook', whatsapp: 'WhatsApp', email: '' };

/**
 * @summary Shares the case: Web Share where the browser has it, or links to each channel.
 *
 * Where the browser offers the Web Share API (phones, most desktops) and `channels` includes `native`,
 * one "Share" button opens the system's share sheet. Otherwise: links to X (text, hashtags and the
 * authority's handle), Facebook, WhatsApp and email, and a "Copy link" button. Links open the network's
 * own page in a new tab (`noopener noreferrer`); nothing is loaded from any network until the person
 * clicks. The text is the case's share text in the language the case was served in, else its headline;
 * the address is `case.share.url`, else this page's without its `#fragment`.
 *
 * @csspart base - The group of share controls.
 * @csspart label - The "Share this case" label.
 * @csspart list - The list of channels.
 * @csspart link - Each channel's link or button; also `link-x`, `link-facebook`, … per channel.
 * @csspart status - "Link copied" (or the fallback advice).
 *
 * @cssproperty --w4r-color-accent - Colour of the channel buttons.
 *
 * @fires w4r-shared - A channel was chosen; `detail.channel` is `native`, `x`, `facebook`, `whatsapp`, `email` or `copy`.
 */
export class W4rShare extends W4rElement {
  static override styles = [
    ...W4rElement.styles,
    css`
      .base {
        display: flex;
        flex-direction: column;
        gap: calc(var(--_space) * 0.5);
      }
      .label {
        font-weight: 700;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 0.5);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .button {
        padding-inline: 0.875rem;
      }
      .icon {
        inline-size: 1.25em;
        block-size: 1.25em;
        flex: none;
      }
      .fill {
        fill: currentColor;
      }
      .stroke {
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
        stroke-linecap: round;
        stroke-linejoin: round;
      }
      .native:dir(rtl) {
        transform: scaleX(-1);
      }
      [role='status'] {
        color: var(--_color-success);
        font-weight: 600;
      }
      .failed {
        color: var(--_color-error);
      }
    `,
  ];

  /** The case id; with an endpoint, the case is loaded from it. */
  @property({ attribute: 'case' }) caseId?: string;

  /** The case itself, for pages that have it at hand. */
  @property({ attribute: false }) caseData?: Case;

  /** Which channels to offer, space-separated: `native x facebook whatsapp email copy` (the default). Leave out `native` to always show the links. */
  @property() channels = ALL.join(' ');

  /** The page to share when the case names none; defaults to this page, without its fragment. */
  @property() url?: string;

  @state() private copied?: boolean;
  @state() private nativeFailed = false;

  private readonly caseCtl = new CaseController(this, {
    reader: () => this.reader,
    locale: () => this.resolvedLocale,
  });

  protected override render() {
    return this.caseCtl.task.render({
      initial: () => (this.caseCtl.value ? this.renderShare(this.caseCtl.value) : this.loading),
      pending: () => (this.caseCtl.value ? this.renderShare(this.caseCtl.value) : this.loading),
      complete: (data) => this.renderShare(data),
      error: () => html`<p part="status" class="failed" role="alert">${msg('Sharing is not available.')}</p>`,
    });
  }

  /** Keeps the widget's place while the case loads. */
  private readonly loading = html`<div part="base" aria-busy="true"></div>`;

  private renderShare(data: Case) {
    const wanted = new Set(this.channels.split(/[\s,]+/).filter(Boolean) as ShareChannel[]);
    const content = shareContent(data, this.url);
    const native = wanted.has('native') && !this.nativeFailed && typeof navigator.share === 'function';
    const links = shareLinks(content);
    const label = msg(str`Share the case of ${data.name}`);
    const newTab = msg('(opens in a new tab)');
    return html`<div part="base" class="base" role="group" aria-label=${label} dir=${this.direction}>
      <span part="label" class="label" aria-hidden="true">${msg('Share this case')}</span>
      <ul part="list">
        ${
          native
            ? this.item(
                'native',
                html`<button
                  part="link link-native"
                  class="button"
                  type="button"
                  @click=${() => this.native(data)}
                >
                  ${icon('native')}${msg('Share')}
                </button>`,
              )
            : (['x', 'facebook', 'whatsapp', 'email'] as const)
                .filter((channel) => wanted.has(channel))
                .map((channel) =>
                  this.item(
                    channel,
                    html`<a
                      part="link link-${channel}"
                      class="button secondary"
                      href=${links[channel]}
                      target=${channel === 'email' ? nothing : '_blank'}
                      rel="noopener noreferrer"
                      @click=${() => this.emit('w4r-shared', { caseId: data.id, channel })}
                      >${icon(channel)}${NAMES[channel] || msg('Email')}${
                        channel === 'email' ? nothing : html`<span class="visually-hidden"> ${newTab}</span>`
                      }</a
                    >`,
                  ),
                )
        }
        ${
          wanted.has('copy')
            ? this.item(
                'copy',
                html`<button
                  part="link link-copy"
                  class="button secondary"
                  type="button"
                  @click=${() => this.copy(data, content.url)}
                >
                  ${icon('copy')}${msg('Copy link')}
                </button>`,
              )
            : nothing
        }
      </ul>
      <p part="status" role="status" class=${this.copied === false ? 'failed' : ''}>
        ${
          this.copied === undefined
            ? nothing
            : this.copied
              ? msg('Link copied')
              : msg(str`Copying did not work. Select and copy this address: ${content.url}`)
        }
      </p>
    </div>`;
  }

  private item(channel: ShareChannel, content: unknown) {
    return html`<li data-channel=${channel}>${content}</li>`;
  }

  private async native(data: Case): Promise<void> {
    const { text, url, hashtags } = shareContent(data, this.url);
    try {
      await navigator.share({
        title: data.name,
        text: [text, ...hashtags.map((tag) => `#${tag}`)].join(' '),
        url,
      });
      this.emit('w4r-shared', { caseId: data.id, channel: 'native' });
    } catch (error) {
      // The person closed the share sheet: nothing to do. Anything else: offer the links instead.
      if ((error as DOMException).name !== 'AbortError') this.nativeFailed = true;
    }
  }

  private async copy(data: Case, url: string): Promise<void> {
    this.copied = undefined;
    await this.updateComplete;
    this.copied = await copyText(url, this.renderRoot);
    if (this.copied) this.emit('w4r-shared', { caseId: data.id, channel: 'copy' });
  }
}
