import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { countryName, countryOptions } from '../../core/format/country.js';
import { formatNumber } from '../../core/format/format-number.js';
import { counted } from '../../core/format/plural.js';
import { textIn } from '../../core/locale/locale.js';
import type { PublicGathering } from '../../schema/gathering.js';
import type { EventFeed } from './event-feed.js';
import type { EventJoins } from './event-joins.js';
import { formatWhen } from './zoned-time.js';

export interface EventListOptions {
  feed: EventFeed;
  joins: EventJoins;
  locale: string;
  endpoint: string | undefined;
  /** Level of each event's heading. */
  level: number;
  /** The events whose details are open. */
  open: ReadonlySet<string>;
  /** What went wrong loading, in the reader's words, when something did. */
  loadError: string | undefined;
  toggle(id: string): void;
  calendar(id: string): void;
  host(): void;
}

const countText = (total: number, locale: string): string =>
  counted(total, locale, (count) => ({
    '=1': msg('One upcoming event', { id: 'events.total.1' }),
    '=2': msg('Two upcoming events', { id: 'events.total.2' }),
    few: msg(str`${count} upcoming events`, { id: 'events.total.few' }),
    many: msg(str`${count} upcoming events`, { id: 'events.total.many' }),
    other: msg(str`${count} upcoming events`, { id: 'events.total.other' }),
  }));

function comingText(item: PublicGathering, locale: string): string {
  const coming = counted(item.participants, locale, (count) => ({
    '=0': msg('Nobody has said they are coming yet', { id: 'events.coming.0' }),
    '=1': msg('One person is coming', { id: 'events.coming.1' }),
    '=2': msg('Two people are coming', { id: 'events.coming.2' }),
    few: msg(str`${count} people are coming`, { id: 'events.coming.few' }),
    many: msg(str`${count} people are coming`, { id: 'events.coming.many' }),
    other: msg(str`${count} people are coming`, { id: 'events.coming.other' }),
  }));
  if (item.capacity === undefined) return coming;
  const expected = formatNumber(item.capacity, locale);
  return `${coming} · ${msg(str`room for ${expected}`)}`;
}

function filters({ feed, locale }: EventListOptions) {
  return html`<div part="filters" class="filters">
    <div class="field">
      <label for="country-filter">${msg('Country')}</label>
      <select
        id="country-filter"
        ?disabled=${feed.onlineOnly}
        .value=${feed.country ?? ''}
        @change=${(event: Event) => feed.filter((event.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!feed.country}>${msg('All countries')}</option>
        ${countryOptions(locale).map(([code, name]) => html`<option value=${code} ?selected=${code === feed.country}>${name}</option>`)}
      </select>
    </div>
    <div class="field checkbox">
      <input
        id="online-filter"
        type="checkbox"
        .checked=${feed.onlineOnly}
        @change=${(event: Event) => feed.filter(feed.country ?? '', (event.target as HTMLInputElement).checked)}
      />
      <label for="online-filter">${msg('Online only')}</label>
    </div>
  </div>`;
}

function empty({ feed, locale }: EventListOptions) {
  const where = feed.onlineOnly ? undefined : feed.country;
  const name = where ? countryName(where, locale) : '';
  return html`<div class="empty">
    <p>${where ? msg(str`No upcoming events in ${name} yet.`) : msg('No upcoming events yet.')}</p>
    ${
      where || feed.onlineOnly
        ? html`<button class="button secondary" type="button" @click=${() => feed.filter('', false)}>
            ${msg('Show events everywhere')}
          </button>`
        : nothing
    }
  </div>`;
}

function event(item: PublicGathering, o: EventListOptions) {
  const { locale, joins } = o;
  const text = textIn(item.lang);
  const open = o.open.has(item.id);
  const joined = joins.joined(item.id);
  const sending = joins.sending(item.id);
  const full = joins.isFull(item);
  const where =
    'online' in item.place ? msg('Online') : `${item.place.city}, ${countryName(item.place.country, locale)}`;
  const cases = item.cases.map((id) => o.feed.caseNames.get(id) ?? id).join(', ');
  return html`<li part="event" class="event">
    <div role="heading" aria-level=${Math.min(o.level, 6)} class="title">
      <button
        type="button"
        class="link-button disclosure"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="details-${item.id}"
        @click=${() => o.toggle(item.id)}
      >
        <bdi lang=${text.lang} dir=${text.dir}>${item.title}</bdi>
      </button>
    </div>
    <p class="group"><bdi lang=${text.lang} dir=${text.dir}>${item.group}</bdi></p>
    <p class="when"><time datetime=${item.start}>${formatWhen(item.start, item.end, locale)}</time></p>
    <p class="where">${where}</p>
    <p class="cases">${msg(str`Writing for ${cases}`)}</p>
    <p class="people">${comingText(item, locale)}</p>
    <div id="details-${item.id}" class="details" ?hidden=${!open}>
      ${item.description ? html`<p class="description" lang=${text.lang} dir="auto">${item.description}</p>` : nothing}
      ${'online' in item.place ? html`<p><a href=${item.place.online} rel="noopener noreferrer" target="_blank">${msg('Join online')}</a></p>` : nothing}
      <p>
        <a class="own-link" href=${`${location.href.split('#')[0]}#w4r-event=${item.id}`}
          >${msg('Link to this event')}</a
        >
      </p>
    </div>
    <div class="actions">
      <button
        part="join"
        class="button"
        type="button"
        ?disabled=${joined || sending || full}
        aria-busy=${sending ? 'true' : 'false'}
        @click=${() => joins.join(item.id)}
      >
        ${joined ? msg('You are coming') : full ? msg('Full') : sending ? msg('Sending…') : msg("I'll come")}
      </button>
      <a
        part="calendar"
        class="button secondary"
        href=${`${o.endpoint ?? ''}/v1/gatherings/${encodeURIComponent(item.id)}/calendar.ics`}
        download=${`event-${item.id}.ics`}
        @click=${() => o.calendar(item.id)}
        >${msg('Add to calendar')}</a
      >
    </div>
  </li>`;
}

/** The filters, the events found (or why none show), "Show more events" and "Host an event". */
export function eventList(o: EventListOptions) {
  const { feed } = o;
  return html`${filters(o)}
    ${
      o.loadError
        ? html`<div part="failure" class="failure" role="alert">
            <p>${msg('We could not show the events.')} ${o.loadError}</p>
            <button class="button secondary" type="button" @click=${() => feed.reload()}>
              ${msg('Try again')}
            </button>
          </div>`
        : nothing
    }
    ${feed.loading && feed.items.length === 0 ? html`<p role="status">${msg('Loading the events…')}</p>` : nothing}
    ${!feed.loading && !o.loadError && feed.items.length === 0 ? empty(o) : nothing}
    ${
      feed.items.length
        ? html`<p class="count">${countText(feed.total, o.locale)}</p>
            <ul part="list" class="list" aria-busy=${feed.loading ? 'true' : 'false'}>
              ${feed.items.map((item) => event(item, o))}
            </ul>`
        : nothing
    }
    ${
      feed.nextCursor
        ? html`<button
            class="button secondary"
            type="button"
            ?disabled=${feed.loading}
            @click=${() => feed.more()}
          >
            ${msg('Show more events')}
          </button>`
        : nothing
    }
    <div class="actions">
      <button class="button" type="button" @click=${o.host}>${msg('Host an event')}</button>
    </div>`;
}
