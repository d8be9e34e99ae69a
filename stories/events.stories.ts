import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { PRETEND_ENDPOINT } from './pretend-endpoint.js';

interface EventsArgs {
  /** The case whose events are listed (see pretend-gatherings.ts for how each is answered); none for the campaign's. */
  caseId?: string;
  /** The country shown first; empty for every country (without it, the browser's region). */
  country: string;
  theme: string;
  locale: string;
  /** What the reader does once the events show. */
  then?: 'online-only' | 'join' | 'host-empty' | 'host-sent';
  /** The address's fragment when the page opens: a host's private edit link. */
  hash?: string;
}

const acted = new WeakSet<Element>();

/** Runs `step` once `find` finds its element in the widget, checking on every frame for a while. */
function when(
  widget: Element,
  find: (root: ShadowRoot) => Element | null | undefined,
  step: (found: Element) => void,
) {
  const look = (tries: number) => {
    // A story taken off the page stops playing.
    if (!widget.isConnected) return;
    const found = widget.shadowRoot && find(widget.shadowRoot);
    if (found) step(found);
    else if (tries > 0) requestAnimationFrame(() => look(tries - 1));
  };
  requestAnimationFrame(() => look(240));
}

/** Types into a field of the host form as a person does, through the field's own events. */
function fill(root: ShadowRoot, name: string, value: string): void {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event(field.localName === 'select' ? 'change' : 'input', { bubbles: true }));
}

/** A day ten days ahead, as a date field holds it. */
function tenDaysAhead(): string {
  const day = new Date(Date.now() + 10 * 24 * 3600_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

const hostButton = (root: ShadowRoot) =>
  root.querySelector('[part~="list"]') && root.querySelector<HTMLButtonElement>('section > .actions .button');

/** Plays what the story's reader does, through the widget's own fields and buttons. */
const play = (then: EventsArgs['then'], hash: string | undefined) =>
  ref((widget) => {
    if (!widget || acted.has(widget)) return;
    acted.add(widget);
    // The edit link's fragment is read when the widget connects: the address is put back after.
    if (hash)
      requestAnimationFrame(() => history.replaceState(null, '', location.pathname + location.search));
    if (then === 'online-only')
      when(
        widget,
        (root) => root.querySelector('[part~="list"]') && root.querySelector('#online-filter'),
        (box) => {
          (box as HTMLInputElement).checked = true;
          box.dispatchEvent(new Event('change', { bubbles: true }));
        },
      );
    if (then === 'join')
      when(
        widget,
        (root) => root.querySelector<HTMLButtonElement>('[part~="join"]:not([disabled])'),
        (button) => (button as HTMLButtonElement).click(),
      );
    if (then === 'host-empty' || then === 'host-sent')
      when(widget, hostButton, (button) => {
        (button as HTMLButtonElement).click();
        when(
          widget,
          (root) => root.querySelector('form[part~="host-form"] [name="cases"]'),
          (found) => {
            const root = widget.shadowRoot!;
            if (then === 'host-sent') {
              fill(root, 'group', 'Lycée Ampère');
              fill(root, 'title', 'Lettres pour Nassima al-Sada');
              fill(root, 'date', tenDaysAhead());
              fill(root, 'city', 'Lyon');
              fill(root, 'country', 'FR');
              fill(root, 'email', 'lycee@example.org');
              (found as HTMLInputElement).checked = true;
              found.dispatchEvent(new Event('change', { bubbles: true }));
            } else {
              // The end before the start, and nothing else filled in.
              fill(root, 'startTime', '20:00');
              fill(root, 'endTime', '18:00');
            }
            requestAnimationFrame(() => root.querySelector('form')!.requestSubmit());
          },
        );
      });
  });

const meta: Meta<EventsArgs> = {
  title: 'Elements/Events',
  component: 'w4r-events',
  args: { country: '', theme: '', locale: '' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['', 'amnesty'] },
    then: { control: 'inline-radio', options: [undefined, 'online-only', 'join', 'host-empty', 'host-sent'] },
  },
  render: (args) => {
    if (args.hash) history.replaceState(null, '', args.hash);
    return html`<w4r-events
      endpoint=${PRETEND_ENDPOINT}
      case=${args.caseId ?? nothing}
      country=${args.country}
      theme=${args.theme || nothing}
      locale=${args.locale || nothing}
      ${play(args.then, args.hash)}
    ></w4r-events>`;
  },
};
export default meta;

type Story = StoryObj<EventsArgs>;

/** The campaign's upcoming events, soonest first, in the reader's time zone and language; online ones say so. */
export const List: Story = {};

/** No event yet for the case in the reader's country: a way to see every country's. */
export const Empty: Story = { args: { caseId: 'story-empty', country: 'CL' } };

/** Filtered to one country (the page's region, or the `country` attribute). */
export const Filtered: Story = { args: { country: 'FR' } };

/** Only the events held online. */
export const OnlineOnly: Story = { args: { then: 'online-only' } };

/** "I'll come": counted, and the button says so on this device from now on. */
export const Joined: Story = { args: { caseId: 'story-joined', then: 'join' } };

/** The host's form sent empty with the end before the start: each problem by its field, focus on the first. */
export const HostFormWithErrors: Story = { args: { then: 'host-empty' } };

/** An event announced: it waits for the campaign team, and the host keeps the private link for the report. */
export const HostFormSent: Story = { args: { then: 'host-sent' } };

/** The host's private link opened after the event: letters written per case. */
export const ReportForm: Story = { args: { hash: '#w4r-report=story-santiago.story-private-edit-token' } };

/** Arabic: the widget runs right to left, each event in its own language and direction. */
export const RightToLeft: Story = {
  args: { locale: 'ar' },
  render: (args, context) => html`<div dir="rtl" lang="ar">${meta.render!(args, context)}</div>`,
};

/** Black on Amnesty yellow. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };
