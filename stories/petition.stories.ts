import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Case } from '../src/schema/index.js';
import type { W4rPetition } from '../src/elements/petition/petition.js';
import { gustavo, nassimaArabic } from './sample-cases.js';
import { PRETEND_ENDPOINT } from './pretend-endpoint.js';

interface PetitionArgs {
  caseData: Case;
  endpoint?: string;
  privacyHref: string;
  theme: string;
  locale: string;
  /** What a signer does once the form shows: nothing, send it empty, or fill and send it. */
  then?: 'submit-empty' | 'sign' | 'sign-as-bot';
}

/** Fills the petition's form as a person would, through its fields' events. */
function fill(petition: W4rPetition, bot = false): void {
  const root = petition.shadowRoot!;
  const set = (name: string, value: string) => {
    const field = root.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  };
  set('firstName', 'Ana');
  set('lastName', 'Pérez');
  set('email', 'ana@example.org');
  if (bot) set('website', 'https://spam.example');
  root.querySelector<HTMLInputElement>('[name="consent"]')!.click();
}

const acted = new WeakSet<Element>();

/** Plays what the story's signer does, once the form is there. */
const play = (then: PetitionArgs['then']) =>
  ref((element) => {
    if (!then || !element || acted.has(element)) return;
    acted.add(element);
    const petition = element as W4rPetition;
    const act = (tries: number) => {
      const form = petition.shadowRoot?.querySelector('form');
      if (!form) {
        if (tries > 0) requestAnimationFrame(() => act(tries - 1));
        return;
      }
      if (then !== 'submit-empty') fill(petition, then === 'sign-as-bot');
      void petition.updateComplete.then(() => form.requestSubmit());
    };
    act(120);
  });

const petition = (args: PetitionArgs) => html`
  <w4r-petition
    endpoint=${args.endpoint ?? nothing}
    privacy-href=${args.privacyHref || nothing}
    theme=${args.theme || nothing}
    locale=${args.locale || nothing}
    .caseData=${args.caseData}
    ${play(args.then)}
  >
    <p slot="share">Share buttons (a <code>&lt;w4r-share&gt;</code>) go in the <code>share</code> slot.</p>
  </w4r-petition>
`;

const as = (id: string): Case => ({ ...gustavo, id });

const meta: Meta<PetitionArgs> = {
  title: 'Elements/Petition',
  component: 'w4r-petition',
  args: {
    caseData: gustavo,
    privacyHref: 'https://www.amnesty.org/en/about-us/privacy-policy/',
    theme: '',
    locale: '',
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['', 'amnesty'] },
    then: { control: 'inline-radio', options: [undefined, 'submit-empty', 'sign', 'sign-as-bot'] },
  },
  render: (args) => petition(args),
};
export default meta;

type Story = StoryObj<PetitionArgs>;

/** The petition, who it asks, and the form: names, email, country preselected, consent, updates opt-in. */
export const Form: Story = {};

/** With an endpoint: the live count toward the goal above the form. */
export const WithCount: Story = { args: { caseData: as('story-counted'), endpoint: PRETEND_ENDPOINT } };

/** Sent empty: every problem beside its field, the first field focused. */
export const ValidationErrors: Story = { args: { then: 'submit-empty' } };

/** While sending: the button is busy and disabled. */
export const Sending: Story = {
  args: { caseData: as('story-busy'), endpoint: PRETEND_ENDPOINT, then: 'sign' },
};

/** Counted: thanks, the new count, sharing, and another case. The same words when this email signed before. */
export const Signed: Story = {
  args: { caseData: as('story-counted'), endpoint: PRETEND_ENDPOINT, then: 'sign' },
};

/** The endpoint cannot be reached: the signature is kept on the device and sent later. */
export const SavedOffline: Story = {
  args: { caseData: as('story-offline'), endpoint: PRETEND_ENDPOINT, then: 'sign' },
};

/** The endpoint refused it: the reason in plain words above the form. */
export const Refused: Story = {
  args: { caseData: as('story-automated'), endpoint: PRETEND_ENDPOINT, then: 'sign-as-bot' },
};

/** Coming back after signing: this browser remembers it (a flag, no personal data). */
export const SignedBefore: Story = {
  args: { caseData: as('story-remembered') },
  render: (args) => {
    localStorage.setItem('w4r-signed:story-remembered', '1');
    return petition(args);
  },
};

/** After the closing date: no form. */
export const Closed: Story = {
  args: { caseData: { ...gustavo, petition: { ...gustavo.petition!, closes: '2020-12-31' } } },
};

/** A case with no petition. */
export const NoPetition: Story = { args: { caseData: { ...gustavo, petition: undefined } } };

/** Black on Amnesty yellow, bold type. */
export const AmnestyTheme: Story = { args: { theme: 'amnesty' } };

/** Arabic: the form mirrors; the countries are named in Arabic, sorted as Arabic readers expect. */
export const RightToLeft: Story = {
  args: { caseData: nassimaArabic, locale: 'ar' },
  render: (args) => html`<div dir="rtl" lang="ar">${petition(args)}</div>`,
};
