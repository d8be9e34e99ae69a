import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { Case } from '../src/schema/index.js';
import { gustavo, inlineJson, nassimaArabic } from './sample-cases.js';

/** Gustavo Gatica's case with the demo campaign's letter and card. */
export const gustavoWithLetter: Case = {
  ...gustavo,
  letter: {
    salutation: 'Dear {targetTitle} {targetName},',
    points: [
      'I am writing from {writerCity} to ask for justice for {caseName}, a psychology student who was blinded after police fired riot-control shotguns at a protest in Santiago on 8 November 2019.',
      "I urge you to ensure a prompt, thorough, independent and impartial investigation into Gustavo's injuries, and to bring to justice everyone responsible.",
    ],
    closing: 'Yours sincerely,\n{writerName}\n{writerCity}',
    postage:
      'Letters to Chile need international postage from most countries; check the current letter rate with your postal service.',
    card: {
      salutation: 'Dear Gustavo,',
      text: 'You have shown the world what happened in Chile. We see you, we stand with you, and we will keep calling for justice.',
    },
  },
};

/** Nassima al-Sada's case in Arabic, with a letter in Arabic. */
const nassimaWithLetter: Case = {
  ...nassimaArabic,
  target: { ...nassimaArabic.target, address: 'الديوان الملكي\nالرياض\nالمملكة العربية السعودية' },
  letter: {
    salutation: 'صاحب الجلالة {targetName}،',
    points: [
      'أكتب إليكم من {writerCity} بشأن {caseName}، المدافعة عن حقوق المرأة المحتجزة منذ يوليو/تموز 2018.',
      'أحثكم على الإفراج عن نسيمة السادة فوراً ودون قيد أو شرط.',
    ],
    closing: 'مع فائق الاحترام،\n{writerName}\n{writerCity}',
  },
};

interface LetterArgs {
  caseData?: Case;
  mode: 'appeal' | 'card';
  theme: string;
  locale: string;
  endpoint?: string;
  caseId?: string;
}

const letter = (args: LetterArgs, content: unknown = nothing) => html`
  <w4r-letter
    mode=${args.mode}
    theme=${args.theme || nothing}
    locale=${args.locale || nothing}
    endpoint=${args.endpoint ?? nothing}
    case=${args.caseId ?? nothing}
    .caseData=${args.caseData}
    >${content}</w4r-letter
  >
`;

const meta: Meta<LetterArgs> = {
  title: 'Elements/Letter',
  component: 'w4r-letter',
  args: { caseData: gustavoWithLetter, mode: 'appeal', theme: '', locale: '' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['appeal', 'card'] },
    theme: { control: 'inline-radio', options: ['', 'amnesty'] },
    caseData: { control: 'object' },
  },
  render: (args) => letter(args),
};
export default meta;

type Story = StoryObj<LetterArgs>;

/** A letter to the authority, filled from the case's template; "[your name]" and "[your city]" wait for the writer. */
export const Appeal: Story = {};

/** A card of solidarity to the person, where the case has one. */
export const Card: Story = { args: { mode: 'card' } };

/** A case without a card: only the letter to the authority, and no choice to make. */
export const AppealOnly: Story = {
  args: { caseData: { ...gustavoWithLetter, letter: { ...gustavoWithLetter.letter!, card: undefined } } },
};

/** Black on Amnesty yellow, bold type. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** Arabic: the widget and the letter run right to left. */
export const RightToLeft: Story = {
  args: { caseData: nassimaWithLetter, locale: 'ar' },
  render: (args) => html`<div dir="rtl" lang="ar">${letter(args)}</div>`,
};

/** What a blogger pastes: the case as JSON inside the element. */
export const InlineJson: Story = {
  args: { caseData: undefined },
  render: (args) => letter(args, inlineJson(gustavoWithLetter)),
};

/** A case without a letter. */
export const NoLetter: Story = { args: { caseData: gustavo } };

/** The case cannot be loaded (here from an endpoint that is down). */
export const Unreachable: Story = {
  args: { caseData: undefined, endpoint: 'http://127.0.0.1:9', caseId: 'gustavo-gatica' },
};
