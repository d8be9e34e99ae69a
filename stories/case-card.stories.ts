import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Case } from '../src/schema/index.js';
import { gustavo, inlineJson, nassimaArabic } from './sample-cases.js';

interface CaseCardArgs {
  caseData?: Case;
  layout: 'full' | 'compact';
  headingLevel: number;
  actionHref: string;
  theme: string;
  locale: string;
  endpoint?: string;
  caseId?: string;
}

const card = (args: CaseCardArgs, content: unknown = nothing) => html`
  <w4r-case-card
    layout=${args.layout}
    heading-level=${args.headingLevel}
    action-href=${args.actionHref || nothing}
    theme=${args.theme || nothing}
    locale=${args.locale || nothing}
    endpoint=${args.endpoint ?? nothing}
    case=${args.caseId ?? nothing}
    .caseData=${args.caseData}
    >${content}</w4r-case-card
  >
`;

const meta: Meta<CaseCardArgs> = {
  title: 'Elements/Case card',
  component: 'w4r-case-card',
  args: { caseData: gustavo, layout: 'full', headingLevel: 2, actionHref: '', theme: '', locale: '' },
  argTypes: {
    layout: { control: 'inline-radio', options: ['full', 'compact'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    theme: { control: 'inline-radio', options: ['', 'amnesty'] },
    caseData: { control: 'object' },
  },
  render: (args) => card(args),
};
export default meta;

type Story = StoryObj<CaseCardArgs>;

/** The whole card: who, where, why, the story behind a button, the ask and "Take action". */
export const Full: Story = {};

/** Who, where and why, for lists of cases and sidebars. */
export const Compact: Story = { args: { layout: 'compact' } };

/** "Take action" leads to the page where the petition is. */
export const WithActionLink: Story = { args: { actionHref: '#petition' } };

/** Black on Amnesty yellow, bold type. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** A partner's own colours, font and corners, set with `--w4r-…` tokens on any ancestor. */
export const PartnerColours: Story = {
  render: (args) =>
    html`<div
      style=${styleMap({
        '--w4r-color-accent': '#0b4f6c',
        '--w4r-color-on-accent': '#ffffff',
        '--w4r-color-surface': '#f4f9fb',
        '--w4r-color-surface-alt': '#e1eff5',
        '--w4r-color-link': '#0b4f6c',
        '--w4r-font-family': 'Georgia, serif',
        '--w4r-radius': '1rem',
      })}
    >
      ${card(args)}
    </div>`,
};

/** Arabic: the card mirrors, and the country's name is in Arabic. */
export const RightToLeft: Story = {
  args: { caseData: nassimaArabic, locale: 'ar' },
  render: (args) => html`<div dir="rtl" lang="ar">${card(args)}</div>`,
};

/** What a blogger pastes: the case as JSON inside the element, no endpoint needed. */
export const InlineJson: Story = {
  args: { caseData: undefined },
  render: (args) => card(args, inlineJson(gustavo)),
};

/** The skeleton keeps the card's space while the case loads (here from an endpoint that is down, so it ends in the error). */
export const Loading: Story = {
  args: { caseData: undefined, endpoint: 'http://127.0.0.1:9', caseId: 'gustavo-gatica' },
};

/** Inline JSON with a mistake: a plain message here, the bad field named in the console. */
export const InvalidInlineData: Story = {
  args: { caseData: undefined },
  render: (args) => card(args, inlineJson({ ...gustavo, country: 'Chile' })),
};

/** A case id but nowhere to load it from. */
export const MissingEndpoint: Story = { args: { caseData: undefined, caseId: 'gustavo-gatica' } };
