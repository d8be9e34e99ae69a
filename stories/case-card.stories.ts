import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Case } from '../src/schema/index.js';
import { candlePicture, gustavo, inlineJson, nassimaArabic } from './sample-cases.js';
import { PRETEND_ENDPOINT } from './pretend-endpoint.js';

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

/** With a photo: from the endpoint's or the page's origin, or a data URI (from anywhere else, initials show). */
export const WithPhoto: Story = { args: { caseData: { ...gustavo, image: candlePicture } } };

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

/** The skeleton keeps the card's space while the case loads: here the endpoint never answers (the card gives up after 15 seconds). */
export const Loading: Story = {
  args: { caseData: undefined, endpoint: PRETEND_ENDPOINT, caseId: 'story-busy' },
};

/** The endpoint cannot be reached: after the client's retries (about two seconds) the card says so and offers "Try again". */
export const Unreachable: Story = {
  args: { caseData: undefined, endpoint: PRETEND_ENDPOINT, caseId: 'story-offline' },
};

/** Inline JSON with a mistake: a plain message here, the bad field named in the console. */
export const InvalidInlineData: Story = {
  args: { caseData: undefined },
  render: (args) => card(args, inlineJson({ ...gustavo, country: 'Chile' })),
};

/** A case id but nowhere to load it from. */
export const MissingEndpoint: Story = { args: { caseData: undefined, caseId: 'gustavo-gatica' } };

/** In a `<w4r-campaign>` with the case's petition: "Take action" brings the petition into view and puts the signer in its first field. */
export const InCampaign: Story = {
  render: (args) => {
    const data: Case = { ...gustavo, id: 'story-counted' };
    return html`<w4r-campaign
      endpoint=${PRETEND_ENDPOINT}
      privacy-href="https://www.amnesty.org/en/about-us/privacy-policy/"
    >
      ${card({ ...args, caseData: data, caseId: data.id })}
      <w4r-petition
        case=${data.id}
        theme=${args.theme || nothing}
        locale=${args.locale || nothing}
        .caseData=${data}
      ></w4r-petition>
    </w4r-campaign>`;
  },
};
