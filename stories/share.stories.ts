import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Case } from '../src/schema/index.js';
import { gustavo, inlineJson, nassimaArabic } from './sample-cases.js';

interface ShareArgs {
  caseData?: Case;
  channels: string;
  url: string;
  theme: string;
  locale: string;
  endpoint?: string;
  caseId?: string;
}

const share = (args: ShareArgs, content: unknown = nothing) => html`
  <w4r-share
    channels=${args.channels}
    url=${args.url || nothing}
    theme=${args.theme || nothing}
    locale=${args.locale || nothing}
    endpoint=${args.endpoint ?? nothing}
    case=${args.caseId ?? nothing}
    .caseData=${args.caseData}
    >${content}</w4r-share
  >
`;

const meta: Meta<ShareArgs> = {
  title: 'Elements/Share',
  component: 'w4r-share',
  // Without `native`, the links show in every browser, so the stories look the same everywhere.
  args: { caseData: gustavo, channels: 'x facebook whatsapp email copy', url: '', theme: '', locale: '' },
  argTypes: { theme: { control: 'inline-radio', options: ['', 'amnesty'] }, caseData: { control: 'object' } },
  render: (args) => share(args),
};
export default meta;

type Story = StoryObj<ShareArgs>;

/** Links to each network, email and copy-link. */
export const Links: Story = {};

/** The system share sheet where the browser has one (phones, most desktops); the links elsewhere. */
export const SystemShareSheet: Story = { args: { channels: 'native x facebook whatsapp email copy' } };

/** Only some channels, in the page's order of choice. */
export const SomeChannels: Story = { args: { channels: 'whatsapp copy' } };

/** The authority's handle is added to the post on X. */
export const WithHandle: Story = {
  args: { caseData: { ...gustavo, target: { ...gustavo.target, handle: 'FiscaliaChile' } } },
};

/** Sharing a partner's own page instead of this one. */
export const PartnerUrl: Story = { args: { url: 'https://partner.example/gustavo' } };

/** Black on Amnesty yellow, bold type. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** Arabic: mirrored, the text in Arabic, the brands unmirrored. */
export const RightToLeft: Story = {
  args: {
    caseData: {
      ...nassimaArabic,
      share: {
        text: 'ناضلت نسيمة السادة من أجل حق المرأة في قيادة السيارة. انضموا إليّ:',
        hashtags: ['الحرية_لنسيمة'],
      },
    },
    locale: 'ar',
  },
  render: (args) => html`<div dir="rtl" lang="ar">${share(args)}</div>`,
};

/** What a blogger pastes: the case as JSON inside the element. */
export const InlineJson: Story = {
  args: { caseData: undefined },
  render: (args) => share(args, inlineJson(gustavo)),
};

/** The case cannot be loaded (here from an endpoint that is down). */
export const Unreachable: Story = {
  args: { caseData: undefined, endpoint: 'http://127.0.0.1:9', caseId: 'gustavo-gatica' },
};
