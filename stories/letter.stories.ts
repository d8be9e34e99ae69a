import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Case } from '../src/schema/index.js';
import { outbox } from '../src/core/data/default-outbox.js';
import { gustavo, inlineJson, nassimaArabic } from './sample-cases.js';
import { PRETEND_ENDPOINT } from './pretend-endpoint.js';

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
  /** What the writer does once the letter shows: report it, then choose a photo and send it. */
  then?: 'report' | 'choose-photo' | 'send-photo' | 'send-not-a-photo';
}

/** A 1 × 1 PNG: a photo as far as the widget and the endpoint can tell. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

const acted = new WeakSet<Element>();

/** Runs `step` once `find` finds its element in the letter, checking on every frame for a while. */
function when(
  letter: Element,
  find: (root: ShadowRoot) => Element | null | undefined,
  step: (found: Element) => void,
) {
  const look = (tries: number) => {
    // A story taken off the page stops playing.
    if (!letter.isConnected) return;
    const found = letter.shadowRoot && find(letter.shadowRoot);
    if (found) step(found);
    else if (tries > 0) requestAnimationFrame(() => look(tries - 1));
  };
  // Lit hands the element over before it is on the page.
  requestAnimationFrame(() => look(240));
}

/** Plays what the story's writer does, as a person would, through the form's own fields and buttons. */
const play = (then: LetterArgs['then']) =>
  ref((letter) => {
    if (!then || !letter || acted.has(letter)) return;
    acted.add(letter);
    when(
      letter,
      (root) => root.querySelector<HTMLInputElement>('#count'),
      (count) => {
        (count as HTMLInputElement).value = '3';
        count.dispatchEvent(new Event('input', { bubbles: true }));
        void (letter as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete.then(() =>
          count.closest('form')?.requestSubmit(),
        );
      },
    );
    if (then === 'report') return;
    when(
      letter,
      (root) => root.querySelector<HTMLInputElement>('#photo'),
      (found) => {
        const input = found as HTMLInputElement;
        const transfer = new DataTransfer();
        transfer.items.add(
          then === 'send-not-a-photo'
            ? new File(['not a photo'], 'letters.jpg', { type: 'image/jpeg' })
            : new File([PNG], 'letters.png', { type: 'image/png' }),
        );
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        if (then !== 'choose-photo') input.closest('form')?.requestSubmit();
      },
    );
  });

const letter = (args: LetterArgs, content: unknown = nothing) => html`
  <w4r-letter
    mode=${args.mode}
    theme=${args.theme || nothing}
    locale=${args.locale || nothing}
    endpoint=${args.endpoint ?? nothing}
    case=${args.caseId ?? nothing}
    .caseData=${args.caseData}
    ${play(args.then)}
    >${content}</w4r-letter
  >
`;

const as = (id: string): Case => ({ ...gustavoWithLetter, id });

const meta: Meta<LetterArgs> = {
  title: 'Elements/Letter',
  component: 'w4r-letter',
  args: { caseData: gustavoWithLetter, mode: 'appeal', theme: '', locale: '' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['appeal', 'card'] },
    then: {
      control: 'inline-radio',
      options: [undefined, 'report', 'choose-photo', 'send-photo', 'send-not-a-photo'],
    },
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

/** Reported as sent: thanks, the campaign's total of letters, and the offer of a photo. */
export const Thanked: Story = {
  args: { caseData: as('story-counted'), endpoint: PRETEND_ENDPOINT, then: 'report' },
};

/** A report made offline, found saved on the device when the page opens again: no second report is offered. */
export const SavedOffline: Story = {
  args: { caseData: as('story-offline'), endpoint: PRETEND_ENDPOINT },
  render: (args) => {
    void outbox.send({
      key: 'story-saved-report',
      kind: 'letters',
      endpoint: PRETEND_ENDPOINT,
      caseId: 'story-offline',
      body: { count: 2, kind: 'appeal' },
    });
    return letter(args);
  },
};

/** A photo of the letters chosen, ready to send. */
export const PhotoChosen: Story = {
  args: { caseData: as('story-counted'), endpoint: PRETEND_ENDPOINT, then: 'choose-photo' },
};

/** The photo on its way: the button is busy. */
export const PhotoSending: Story = {
  args: { caseData: as('story-photo-busy'), endpoint: PRETEND_ENDPOINT, then: 'send-photo' },
};

/** The photo received: it waits for the campaign team to check it. */
export const PhotoSent: Story = {
  args: { caseData: as('story-counted'), endpoint: PRETEND_ENDPOINT, then: 'send-photo' },
};

/** A file that is not a photo (here a text file named .jpg), refused before it is sent. */
export const PhotoRefused: Story = {
  args: { caseData: as('story-counted'), endpoint: PRETEND_ENDPOINT, then: 'send-not-a-photo' },
};

/** A case without a letter. */
export const NoLetter: Story = { args: { caseData: gustavo } };

/** The case cannot be loaded (here from an endpoint that is down). */
export const Unreachable: Story = {
  args: { caseData: undefined, endpoint: 'http://127.0.0.1:9', caseId: 'gustavo-gatica' },
};
