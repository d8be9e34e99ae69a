import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Stats, StatsMetric } from '../src/schema/index.js';
import { pretendStats, PRETEND_ENDPOINT } from './pretend-endpoint.js';

interface CounterArgs {
  stats?: Stats;
  metric: StatsMetric;
  goal?: number;
  theme: string;
  locale: string;
  endpoint?: string;
  caseId?: string;
}

const meta: Meta<CounterArgs> = {
  title: 'Elements/Counter',
  component: 'w4r-counter',
  args: { stats: pretendStats, metric: 'signatures', theme: '', locale: '' },
  argTypes: {
    metric: { control: 'inline-radio', options: ['signatures', 'messages', 'letters', 'all'] },
    theme: { control: 'inline-radio', options: ['', 'amnesty'] },
  },
  render: (args) =>
    html`<w4r-counter
      metric=${args.metric}
      goal=${args.goal ?? nothing}
      theme=${args.theme || nothing}
      locale=${args.locale || nothing}
      endpoint=${args.endpoint ?? nothing}
      case=${args.caseId ?? nothing}
      .stats=${args.stats}
    ></w4r-counter>`,
};
export default meta;

type Story = StoryObj<CounterArgs>;

/** Signatures toward the petition's goal, as a progress bar. */
export const Signatures: Story = {};

/** Messages of solidarity: no goal, so just the number. */
export const Messages: Story = { args: { metric: 'messages' } };

/** Letters written, toward a goal the page sets. */
export const LettersWithGoal: Story = { args: { metric: 'letters', goal: 1000 } };

/** Every action taken for the case. */
export const AllActions: Story = { args: { metric: 'all' } };

/** Past the goal: the bar is full, the numbers say by how much. */
export const GoalReached: Story = { args: { stats: { ...pretendStats, signatures: 61250 } } };

/** Following a case live from an endpoint (here a pretend one, answered in the page). */
export const Live: Story = {
  args: { stats: undefined, endpoint: PRETEND_ENDPOINT, caseId: 'story-counted' },
};

/** Before the numbers arrive. */
export const Loading: Story = { args: { stats: undefined } };

/** Black on Amnesty yellow. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** Arabic: the bar fills from the right, numbers in the Arabic locale's format. */
export const RightToLeft: Story = {
  args: { locale: 'ar' },
  render: (args) => html`<div dir="rtl" lang="ar">${meta.render!(args, {} as never)}</div>`,
};
