import { html, nothing, type ReactiveControllerHost } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';
import { ActionError } from '../../core/data/action-error.js';
import { eventErrorMessage } from './event-errors.js';
import { fieldError, focusFirstInvalid, type FieldErrors } from '../../core/forms/form-fields.js';
import { outbox } from '../../core/data/default-outbox.js';
import { newActionKey } from '../../core/data/action-key.js';
import { gatheringReport, type PublicGathering } from '../../schema/gathering.js';

/** Where the host's private edit link points: `#w4r-report=<event id>.<token>` on the widget's page. */
const EDIT_LINK = /^#w4r-report=([\w-]{1,64})\.([\w-]{20,100})$/;

/** The event and token of a private edit link in `hash`, if it is one. */
export function editLinkIn(hash: string): { id: string; token: string } | undefined {
  const match = EDIT_LINK.exec(hash);
  return match ? { id: match[1]!, token: match[2]! } : undefined;
}

/**
 * The host's private edit link. The token travels in the fragment, which browsers never send to a
 * server, so it stays out of logs and Referer headers.
 */
export function editLinkFor(page: string, id: string, token: string): string {
  return `${page.split('#')[0]}#w4r-report=${id}.${token}`;
}

/**
 * The host's report after the event: letters written per case. Sent again, it replaces the first, so
 * a mistake is corrected by sending the right numbers.
 */
export class ReportForm {
  counts = new Map<string, string>();
  errors: FieldErrors = {};
  failure?: string;
  sending = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: {
      endpoint(): string | undefined;
      caseName(id: string): string;
      sent(key: string, letters: number): void;
    },
  ) {}

  /** Starts from what the host reported before, if anything. */
  load(gathering: PublicGathering): void {
    this.counts = new Map(
      gathering.cases.map((id) => [
        id,
        String(gathering.letters?.find((row) => row.case === id)?.count ?? ''),
      ]),
    );
    this.errors = {};
    this.failure = undefined;
    this.sending = false;
  }

  render(gathering: PublicGathering, token: string) {
    return html`<form
      part="report-form"
      class="report-form"
      novalidate
      @submit=${(event: SubmitEvent) => this.submit(event, gathering, token)}
    >
      ${this.failure ? html`<p part="failure" class="failure" role="alert">${this.failure}</p>` : nothing}
      <p>${msg('How many letters did people write at your event, for each case?')}</p>
      ${gathering.cases.map((id) => {
        const name = `letters-${id}`;
        const error = this.errors[name];
        return html`<div class="field" part="field">
          <label for=${name}>${this.settings.caseName(id)}</label>
          <input
            id=${name}
            name=${name}
            type="number"
            min="0"
            max="100000"
            inputmode="numeric"
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="${name}-error"
            .value=${live(this.counts.get(id) ?? '')}
            @input=${(event: Event) => this.counts.set(id, (event.target as HTMLInputElement).value)}
          />
          ${fieldError(name, error)}
        </div>`;
      })}
      <div class="actions">
        <button
          part="submit"
          class="button"
          type="submit"
          ?disabled=${this.sending}
          aria-busy=${this.sending ? 'true' : 'false'}
        >
          ${this.sending ? msg('Sending…') : gathering.letters ? msg('Correct the report') : msg('Report the letters')}
        </button>
      </div>
    </form>`;
  }

  private async submit(event: SubmitEvent, gathering: PublicGathering, token: string): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    const letters = gathering.cases.map((id) => ({
      case: id,
      count: (this.counts.get(id) ?? '').trim() === '' ? 0 : Number(this.counts.get(id)),
    }));
    const parsed = gatheringReport.safeParse({ token, letters });
    this.failure = undefined;
    if (!parsed.success) {
      this.errors = {};
      for (const issue of parsed.error.issues) {
        const index = Number(issue.path[1]);
        const id = gathering.cases[index];
        if (id) this.errors[`letters-${id}`] ??= msg('Enter a whole number of letters, 0 or more.');
      }
      this.host.requestUpdate();
      await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      focusFirstInvalid(this.host.shadowRoot ?? this.host);
      return;
    }
    this.errors = {};
    const endpoint = this.settings.endpoint();
    if (!endpoint) return this.refused(new ActionError('http', 'endpoint_missing', ''));
    this.sending = true;
    this.host.requestUpdate();
    const key = newActionKey();
    this.settings.sent(
      key,
      letters.reduce((sum, row) => sum + row.count, 0),
    );
    void outbox.send({ key, kind: 'reports', endpoint, caseId: gathering.id, body: parsed.data });
  }

  refused(error: unknown): void {
    this.sending = false;
    this.failure = eventErrorMessage(error);
    this.host.requestUpdate();
  }
}
