import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { styleProperties } from '../../core/element/style-properties.js';
import { msg, str } from '@lit/localize';
import { W4rElement } from '../../core/element/w4r-element.js';
import { LiveStatsController } from '../../core/data/live-stats.js';
import { liveHub } from '../../core/data/live-hub.js';
import { formatNumber } from '../../core/format/format-number.js';
import type { Stats, StatsMetric } from '../../schema/index.js';

/**
 * @summary Live count and progress toward the goal.
 *
 * Follows the case's numbers through the endpoint's event stream (one connection per case, shared with
 * every widget on the page), polling when streams are unavailable. With a goal, the count is an
 * accessible progress bar.
 *
 * @csspart base - The counter.
 * @csspart label - What is counted ("Signatures").
 * @csspart count - The number, and the goal.
 * @csspart bar - The progress bar's track.
 * @csspart fill - The progress bar's filled part.
 *
 * @cssproperty --w4r-counter-bar-size - Thickness of the progress bar (default 0.75rem).
 * @cssproperty --w4r-color-accent - The filled part of the bar.
 */
export class W4rCounter extends W4rElement {
  static override styles = [
    ...W4rElement.styles,
    css`
      .label {
        font-weight: 600;
      }
      .count {
        font-size: 1.5em;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .goal {
        font-size: 0.67em;
        font-weight: normal;
        color: var(--_color-muted);
      }
      .bar {
        block-size: var(--w4r-counter-bar-size, 0.75rem);
        margin-block-start: 0.25rem;
        background: var(--_color-surface-alt);
        border: 1px solid var(--_color-border);
        border-radius: 999px;
        overflow: hidden;
      }
      .fill {
        block-size: 100%;
        inline-size: calc(var(--_progress, 0) * 100%);
        background: var(--_color-accent);
        transition: inline-size 0.6s ease-out;
      }
      @media (forced-colors: active) {
        .fill {
          background: Highlight;
        }
      }
    `,
  ];

  /** The case id. */
  @property({ attribute: 'case' }) caseId?: string;

  /** What is counted: `signatures` (default), `messages`, `letters` or `all` of them. */
  @property({ reflect: true }) metric: StatsMetric = 'signatures';

  /** The goal to show progress toward; defaults to the petition's goal for signatures and all actions. */
  @property({ type: Number }) goal?: number;

  /** Numbers to show when there is no endpoint to follow (a static page); the endpoint's win. */
  @property({ attribute: false }) stats?: Stats;

  private readonly live = new LiveStatsController(
    this,
    () => (this.services.liveHub ?? liveHub).stats,
    () => ({
      endpoint: this.resolvedEndpoint,
      caseId: this.caseId,
    }),
  );

  protected override render() {
    const stats = this.live.value ?? this.stats;
    const metric = (['signatures', 'messages', 'letters', 'all'] as const).includes(this.metric)
      ? this.metric
      : 'signatures';
    const label = {
      signatures: msg('Signatures'),
      messages: msg('Messages of solidarity'),
      letters: msg('Letters written'),
      all: msg('Actions taken'),
    }[metric];
    if (!stats) {
      return html`<div part="base" class="counter" aria-busy="true">
        <p part="label" class="label">${label}</p>
        <p part="count" class="count">…<span class="visually-hidden">${msg('Loading')}</span></p>
      </div>`;
    }
    const count =
      metric === 'all' ? stats.signatures + stats.messages + stats.letters : (stats[metric] as number);
    const goal =
      this.goal && this.goal > 0
        ? this.goal
        : metric === 'signatures' || metric === 'all'
          ? stats.goal
          : null;
    const locale = this.resolvedLocale;
    const n = formatNumber(count, locale);
    const of = goal ? msg(str`${n} of ${formatNumber(goal, locale)}`) : n;
    // The space before the goal sits between two expressions: the bundle's template minifier drops one
    // that starts a template.
    return html`<div part="base" class="counter" dir=${this.direction}>
      <p part="label" class="label" id="label">${label}</p>
      <p part="count" class="count" aria-hidden=${goal ? 'true' : nothing}>
        ${n} ${goal ? html`<span class="goal">${msg(str`of ${formatNumber(goal, locale)}`)}</span>` : nothing}
      </p>
      ${
        goal
          ? html`<div
              part="bar"
              class="bar"
              role="progressbar"
              aria-labelledby="label"
              aria-valuemin="0"
              aria-valuemax=${goal}
              aria-valuenow=${Math.min(count, goal)}
              aria-valuetext=${of}
            >
              <div
                part="fill"
                class="fill"
                style=${styleProperties({ '--_progress': String(Math.min(count / goal, 1)) })}
              ></div>
            </div>`
          : nothing
      }
    </div>`;
  }
}
