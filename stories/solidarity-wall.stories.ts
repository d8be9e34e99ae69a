import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { PublicMessage } from '../src/schema/index.js';
import type { W4rSolidarityWall } from '../src/elements/solidarity-wall/solidarity-wall.js';
import { PRETEND_ENDPOINT, pretendMessage } from './pretend-endpoint.js';

interface WallArgs {
  messages: PublicMessage[];
  layout: 'list' | 'grid';
  links: boolean;
  theme: string;
  locale: string;
  /** With an endpoint and a case, the wall has its form; the case says how the pretend endpoint answers. */
  endpoint?: string;
  caseId?: string;
  /** What a reader does once the wall shows: post a message, or scroll down while three arrive. */
  then?: 'post' | 'scroll-away';
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const sample: PublicMessage[] = [
  {
    id: '1',
    name: 'Amina',
    country: 'ZA',
    text: 'Stay strong, Popi and Bongeka. The world is watching.',
    createdAt: minutesAgo(2),
  },
  { id: '2', name: 'نسيمة', country: 'SA', text: 'نحن معكِ يا نسيمة. لن ننساكِ.', createdAt: minutesAgo(45) },
  {
    id: '3',
    name: 'Jorge',
    country: 'CL',
    text: 'Gustavo, tu lucha es nuestra lucha.\nFuerza desde Valparaíso.',
    createdAt: minutesAgo(180),
  },
  {
    id: '4',
    name: 'Deniz',
    text: 'Melike ve Özgür, yanınızdayız. See https://example.org for more.',
    createdAt: minutesAgo(60 * 30),
  },
  {
    id: '5',
    name: 'Chris',
    country: 'GB',
    text: `A long word wraps: ${'solidarity'.repeat(30)}`,
    createdAt: minutesAgo(60 * 24 * 9),
  },
];

const many: PublicMessage[] = Array.from({ length: 5000 }, (_, i) => ({
  id: `m${i}`,
  name: `Supporter ${i + 1}`,
  country: ['ZA', 'CL', 'TR', 'SA', 'FR'][i % 5],
  text: `Message ${i + 1}: ${'we stand with you. '.repeat((i % 7) + 1)}`,
  createdAt: minutesAgo(i * 7),
}));

const acted = new WeakSet<Element>();

/** Plays what the story's reader does, once the form (or the first message) is there. */
const play = (then: WallArgs['then']) =>
  ref((element) => {
    if (!then || !element || acted.has(element)) return;
    acted.add(element);
    const wall = element as W4rSolidarityWall;
    const act = (tries: number) => {
      const root = wall.shadowRoot;
      const ready = root?.querySelector(then === 'post' ? 'form' : 'article');
      if (!root || !ready) {
        if (tries > 0) requestAnimationFrame(() => act(tries - 1));
        return;
      }
      if (then === 'post') post(root, ready as HTMLFormElement);
      else scrollAway(root, wall.caseId!);
    };
    act(120);
  });

/** Writes a message and sends it, as a person does, through the fields' events. */
function post(root: ShadowRoot, form: HTMLFormElement): void {
  const set = (name: string, value: string) => {
    const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  set('name', 'Amina');
  set('text', 'We are with you, and we will not stop until you are free.');
  requestAnimationFrame(() => form.requestSubmit());
}

/** Reads further down the wall while three messages arrive at its top. */
function scrollAway(root: ShadowRoot, caseId: string): void {
  root.querySelector('[part="list"]')!.scrollTop = 900;
  setTimeout(() => {
    for (const [i, name] of ['Lucía', 'Kwame', 'Leyla'].entries())
      pretendMessage(caseId, {
        id: `live-${i}`,
        name,
        text: 'Just signed. Stay strong.',
        createdAt: minutesAgo(0),
      });
  }, 100);
}

const meta: Meta<WallArgs> = {
  title: 'Elements/Solidarity wall',
  component: 'w4r-solidarity-wall',
  args: { messages: sample, layout: 'list', links: false, theme: '', locale: '' },
  argTypes: {
    layout: { control: 'inline-radio', options: ['list', 'grid'] },
    theme: { control: 'inline-radio', options: ['', 'amnesty'] },
    messages: { control: 'object' },
  },
  render: (args) => html`
    <w4r-solidarity-wall
      layout=${args.layout}
      ?links=${args.links}
      theme=${args.theme || nothing}
      locale=${args.locale || nothing}
      endpoint=${args.endpoint ?? nothing}
      case=${args.caseId ?? nothing}
      .messages=${args.messages}
      ${play(args.then)}
    ></w4r-solidarity-wall>
  `,
};
export default meta;

type Story = StoryObj<WallArgs>;

/** Newest first: name, country and time above each message; every message is plain text. */
export const List: Story = {};

/** As many columns as fit. */
export const Grid: Story = { args: { layout: 'grid' } };

/** Thousands of messages: only those in view are in the page. */
export const ThousandsOfMessages: Story = { args: { messages: many } };

/** A campaign that allows links: web addresses become links, nothing else does. */
export const LinksAllowed: Story = { args: { links: true } };

/** No message yet. */
export const Empty: Story = { args: { messages: [] } };

/** With an endpoint: the form to post a message, above the wall. */
export const WithForm: Story = { args: { endpoint: PRETEND_ENDPOINT, caseId: 'story-posted' } };

/** Posted on a wall without moderation: thanks, and the message on top. */
export const Posted: Story = {
  args: { endpoint: PRETEND_ENDPOINT, caseId: 'story-posted', then: 'post' },
};

/** Posted on a moderated wall: it shows once a moderator has read it. */
export const WaitingForReview: Story = {
  args: { endpoint: PRETEND_ENDPOINT, caseId: 'story-pending', then: 'post' },
};

/** The endpoint cannot be reached: the message is kept on the device and sent later, after a reload too. */
export const SavedOffline: Story = {
  args: { endpoint: PRETEND_ENDPOINT, caseId: 'story-offline', then: 'post' },
};

/** The endpoint refused the message: the reason in plain words, the message back in the form. */
export const Refused: Story = {
  args: { endpoint: PRETEND_ENDPOINT, caseId: 'story-automated', then: 'post' },
};

/** Messages arrive while the reader is further down: their place is kept, and a button offers the new ones. */
export const NewMessages: Story = {
  args: { messages: many, endpoint: PRETEND_ENDPOINT, caseId: 'story-live', then: 'scroll-away' },
};

/** Black on Amnesty yellow. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** Arabic: the wall mirrors; each message reads in its own direction. */
export const RightToLeft: Story = { args: { locale: 'ar' } };
