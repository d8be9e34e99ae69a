import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_WIDGETS, THEMES, WIDGETS, type Widget } from '../src/endpoint/embed/query.js';
import type { Case } from '../src/schema/index.js';
import { pretendStats, PRETEND_ENDPOINT } from './pretend-endpoint.js';
import { gustavo, nassimaArabic } from './sample-cases.js';

// The page `GET /embed/:case` serves in an iframe, as it lays out its widgets: the endpoint writes the
// same `<w4r-campaign>` around the widgets the query names (?widgets=, ?theme=, ?locale=). Here the
// case is inline and writes go to the pretend endpoint, since Storybook has none.

interface EmbedArgs {
  widgets: Widget[];
  theme: (typeof THEMES)[number];
  locale: string;
  caseData: Case;
}

const widget: Record<Widget, (data: Case) => TemplateResult> = {
  'case-card': (data) => html`<w4r-case-card case=${data.id} .caseData=${data}></w4r-case-card>`,
  counter: (data) => html`<w4r-counter case=${data.id} .stats=${pretendStats}></w4r-counter>`,
  petition: (data) => html`<w4r-petition case=${data.id} .caseData=${data}></w4r-petition>`,
  share: (data) => html`<w4r-share case=${data.id} .caseData=${data}></w4r-share>`,
  'solidarity-wall': (data) =>
    html`<w4r-solidarity-wall case=${data.id} .caseData=${data}></w4r-solidarity-wall>`,
  letter: (data) => html`<w4r-letter case=${data.id} .caseData=${data}></w4r-letter>`,
};

const counted: Case = { ...gustavo, id: 'story-counted' };

const meta: Meta<EmbedArgs> = {
  title: 'Embed/Frame page',
  args: { widgets: [...DEFAULT_WIDGETS], theme: 'default', locale: '', caseData: counted },
  argTypes: {
    widgets: { control: 'check', options: [...WIDGETS] },
    theme: { control: 'inline-radio', options: [...THEMES] },
    caseData: { control: false },
  },
  render: (args) =>
    // The frame's own page: no margins, the widgets one under another, 680 px at most (the iframe's width).
    html`<div style="max-inline-size: 680px; padding: 0.5rem; display: grid; gap: 1rem">
      <w4r-campaign
        endpoint=${PRETEND_ENDPOINT}
        locale=${args.locale || nothing}
        theme=${args.theme === 'default' ? nothing : args.theme}
      >
        ${args.widgets.map((name) => widget[name](args.caseData))}
      </w4r-campaign>
    </div>`,
};
export default meta;

type Story = StoryObj<EmbedArgs>;

/** What a bare `/embed/gustavo-gatica` shows: card, counter, petition and share buttons. */
export const Default: Story = {};

/** `?widgets=case-card,petition&theme=amnesty`: a petition page in the Amnesty theme. */
export const PetitionInAmnestyTheme: Story = {
  args: { widgets: ['case-card', 'petition'], theme: 'amnesty' },
};

/** `?widgets=counter`: a counter alone, the smallest frame. */
export const CounterOnly: Story = { args: { widgets: ['counter'] } };

/** `?widgets=case-card,solidarity-wall`: the case and its wall of messages. */
export const SolidarityWall: Story = {
  args: { widgets: ['case-card', 'solidarity-wall'], caseData: { ...gustavo, id: 'story-posted' } },
};

/** `?locale=ar`: the page is right to left, and so are the widgets. */
export const Arabic: Story = {
  args: { locale: 'ar', caseData: { ...nassimaArabic, id: 'story-counted' } },
  render: (args, context) => html`<div dir="rtl" lang="ar">${meta.render!(args, context)}</div>`,
};
