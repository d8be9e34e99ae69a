import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, sniffPhotoType } from '../../schema/index.js';
import { ActionController, type ActionTarget } from '../../core/data/action-controller.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { getLocale } from '../../core/locale/localization.js';

const NOT_A_PHOTO = () => msg('This file is not a JPEG, PNG or WebP photo.');
const TOO_BIG = () => msg('This photo is too large. Choose one under 5 MB.');
const UNREADABLE = () => msg('This file could not be read. Choose it again.');

/**
 * The optional photo of the letters: checked here for size and format (by its first bytes, as the
 * endpoint does) so the supporter hears at once, then sent through the outbox like every other action:
 * a photo chosen offline waits, in memory while the page is open, and is uploaded once when the
 * connection is back.
 */
export class LetterPhoto {
  /** What is wrong with the file chosen, found before sending it. */
  private problem?: string | undefined;
  private readonly action: ActionController<'photos'>;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly target: () => ActionTarget,
  ) {
    this.action = new ActionController(host, 'photos', target);
  }

  /** Forgets the last photo (another case). */
  reset(): void {
    this.problem = undefined;
    this.action.reset();
  }

  /** What went wrong, in the supporter's words: with the file, or the endpoint's refusal. */
  private get error(): string | undefined {
    if (this.problem) return this.problem;
    if (this.action.phase !== 'failed') return undefined;
    const code = errorCode(this.action.error);
    if (code === 'payload_too_large') return TOO_BIG();
    return code === 'unsupported_media_type' ? NOT_A_PHOTO() : errorMessage(this.action.error);
  }

  render() {
    const { phase } = this.action;
    if (phase === 'sent')
      return html`<p part="photo" class="ok" role="status">
        ${msg('Thank you for the photo! The campaign team will check it before it is shown.')}
      </p>`;
    if (phase === 'saved-offline')
      return html`<p part="photo" class="ok" role="status">
        ${msg('Your photo will be sent automatically when you are back online. Keep this page open until then.')}
      </p>`;
    const error = this.error;
    const sending = phase === 'saving';
    return html`<form part="photo" class="stack" novalidate @submit=${(e: Event) => this.send(e)}>
      <div class="field">
        <label for="photo">${msg('Add a photo of your letters (optional)')}</label>
        <span class="hint" id="photo-hint">${msg('JPEG, PNG or WebP, up to 5 MB.')}</span>
      </div>
      <input
        id="photo"
        type="file"
        accept=${PHOTO_TYPES.join(',')}
        aria-describedby="photo-hint"
        aria-invalid=${error ? 'true' : 'false'}
        @change=${() => this.set(undefined)}
      />
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <button class="button secondary" type="submit" ?disabled=${sending}>
        ${sending ? msg('Sending…') : msg('Send the photo')}
      </button>
    </form>`;
  }

  /** A file chosen or checked: its problem, if any; another file is another photo, with a new key. */
  private set(problem: string | undefined): void {
    this.problem = problem;
    if (this.action.phase === 'failed' || !problem) this.action.reset();
    this.host.requestUpdate();
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    if (this.action.busy) return;
    const file = this.host.renderRoot.querySelector<HTMLInputElement>('#photo')?.files?.[0];
    if (!file) return this.set(msg('Choose a photo first.'));
    if (file.size > PHOTO_MAX_BYTES) {
      const size = new Intl.NumberFormat(getLocale(), {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(file.size / 1024 / 1024);
      return this.set(msg(str`This photo is ${size} MB. Choose one under 5 MB.`));
    }
    try {
      if (!sniffPhotoType(new Uint8Array(await file.slice(0, 12).arrayBuffer())))
        return this.set(NOT_A_PHOTO());
    } catch {
      return this.set(UNREADABLE());
    }
    if (!this.target().endpoint)
      return this.set(msg('This page cannot take photos: it has no campaign server.'));
    this.problem = undefined;
    await this.action.send({ photo: file });
  }
}
