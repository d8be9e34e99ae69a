import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { actionClientFor } from '../../core/data/action-client.js';
import { newActionKey } from '../../core/data/action-key.js';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, sniffPhotoType } from '../../schema/index.js';
import { errorCode, errorMessage } from '../../core/format/error-messages.js';
import { getLocale } from '../../core/locale/localization.js';

const NOT_A_PHOTO = () => msg('This file is not a JPEG, PNG or WebP photo.');
const TOO_BIG = () => msg('This photo is too large. Choose one under 5 MB.');
const UNREADABLE = () => msg('This file could not be read. Choose it again.');

/**
 * The optional photo of the letters: checked here for size and format (by its first bytes, as the
 * endpoint does) so the supporter hears at once, then sent as multipart to `cases/:id/photos`.
 */
export class LetterPhoto {
  private phase: 'idle' | 'sending' | 'sent' = 'idle';
  private error?: string;
  private key?: string;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly endpoint: () => string | undefined,
  ) {}

  /** Forgets the last photo (another case). */
  reset(): void {
    this.phase = 'idle';
    this.error = this.key = undefined;
  }

  render(caseId: string) {
    if (this.phase === 'sent')
      return html`<p part="photo" class="ok" role="status">
        ${msg('Thank you for the photo! The campaign team will check it before it is shown.')}
      </p>`;
    return html`<form part="photo" class="stack" novalidate @submit=${(e: Event) => this.send(e, caseId)}>
      <div class="field">
        <label for="photo">${msg('Add a photo of your letters (optional)')}</label>
        <span class="hint" id="photo-hint">${msg('JPEG, PNG or WebP, up to 5 MB.')}</span>
      </div>
      <input
        id="photo"
        type="file"
        accept=${PHOTO_TYPES.join(',')}
        aria-describedby="photo-hint"
        aria-invalid=${this.error ? 'true' : 'false'}
        @change=${() => this.set(undefined)}
      />
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="button secondary" type="submit" ?disabled=${this.phase === 'sending'}>
        ${this.phase === 'sending' ? msg('Sending…') : msg('Send the photo')}
      </button>
    </form>`;
  }

  private set(error: string | undefined, phase = this.phase): void {
    this.error = error;
    this.phase = phase;
    if (!error && phase === 'idle') this.key = undefined;
    this.host.requestUpdate();
  }

  private async send(event: Event, caseId: string): Promise<void> {
    event.preventDefault();
    if (this.phase === 'sending') return;
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
    const endpoint = this.endpoint();
    if (!endpoint) return this.set(msg('This page cannot take photos: it has no campaign server.'));
    this.set(undefined, 'sending');
    // From here on, whatever goes wrong ends the sending with words for the supporter.
    try {
      this.key ??= newActionKey();
      await actionClientFor(endpoint).uploadPhoto(caseId, file, { idempotencyKey: this.key });
      this.set(undefined, 'sent');
    } catch (error) {
      const code = errorCode(error);
      this.set(
        code === 'payload_too_large'
          ? TOO_BIG()
          : code === 'unsupported_media_type'
            ? NOT_A_PHOTO()
            : errorMessage(error),
        'idle',
      );
    }
  }
}
