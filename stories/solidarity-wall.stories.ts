import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { PublicMessage } from '../src/schema/index.js';

interface WallArgs {
  messages: PublicMessage[];
  layout: 'list' | 'grid';
  links: boolean;
  theme: string;
  locale: string;
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
      .messages=${args.messages}
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

/** Black on Amnesty yellow. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** Arabic: the wall mirrors; each message reads in its own direction. */
export const RightToLeft: Story = { args: { locale: 'ar' } };
