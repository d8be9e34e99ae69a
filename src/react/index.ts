/**
 * `w4r-widgets/react`: a React component for every element, made by `@lit/react`. Properties are typed
 * from the element classes (`caseId`, `caseData`, `endpoint`, …) and the events are `onW4r…` props whose
 * handler gets the typed `CustomEvent`. Importing this module defines the elements.
 *
 *   <W4rCampaign endpoint="https://actions.example.org" locale="es">
 *     <W4rPetition caseId="gustavo-gatica" onW4rSigned={(event) => track(event.detail.status)} />
 *   </W4rCampaign>
 *
 * The widgets' events bubble, so a handler on `W4rCampaign` hears every widget inside it.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { W4rEvent, W4rEventName } from '../core/element/events.js';
import '../elements/campaign/define.js';
import '../elements/case-card/define.js';
import '../elements/counter/define.js';
import '../elements/letter/define.js';
import '../elements/petition/define.js';
import '../elements/share/define.js';
import '../elements/solidarity-wall/define.js';
import { W4rCampaign as CampaignElement } from '../elements/campaign/campaign.js';
import { W4rCaseCard as CaseCardElement } from '../elements/case-card/case-card.js';
import { W4rCounter as CounterElement } from '../elements/counter/counter.js';
import { W4rLetter as LetterElement } from '../elements/letter/letter.js';
import { W4rPetition as PetitionElement } from '../elements/petition/petition.js';
import { W4rShare as ShareElement } from '../elements/share/share.js';
import { W4rSolidarityWall as SolidarityWallElement } from '../elements/solidarity-wall/solidarity-wall.js';

/** The event `name` as `@lit/react` types it, so `onW4r…` handlers get its `detail`. */
const event = <K extends W4rEventName>(name: K) => name as EventName<W4rEvent<K>>;

const signed = { onW4rSigned: event('w4r-signed') };
const failed = { onW4rError: event('w4r-error') };
const posted = { onW4rMessagePosted: event('w4r-message-posted') };
const letterSent = { onW4rLetterSent: event('w4r-letter-sent') };
const shared = { onW4rShared: event('w4r-shared') };
const takeAction = { onW4rTakeAction: event('w4r-take-action') };

/** Settings for every widget inside it; hears every widget's events, which bubble through it. */
export const W4rCampaign = createComponent({
  react: React,
  tagName: 'w4r-campaign',
  elementClass: CampaignElement,
  events: { ...takeAction, ...signed, ...posted, ...letterSent, ...shared, ...failed },
  displayName: 'W4rCampaign',
});

export const W4rCaseCard = createComponent({
  react: React,
  tagName: 'w4r-case-card',
  elementClass: CaseCardElement,
  events: takeAction,
  displayName: 'W4rCaseCard',
});

export const W4rPetition = createComponent({
  react: React,
  tagName: 'w4r-petition',
  elementClass: PetitionElement,
  events: { ...signed, ...failed },
  displayName: 'W4rPetition',
});

export const W4rCounter = createComponent({
  react: React,
  tagName: 'w4r-counter',
  elementClass: CounterElement,
  displayName: 'W4rCounter',
});

export const W4rSolidarityWall = createComponent({
  react: React,
  tagName: 'w4r-solidarity-wall',
  elementClass: SolidarityWallElement,
  events: { ...posted, ...failed },
  displayName: 'W4rSolidarityWall',
});

export const W4rLetter = createComponent({
  react: React,
  tagName: 'w4r-letter',
  elementClass: LetterElement,
  events: { ...letterSent, ...failed },
  displayName: 'W4rLetter',
});

export const W4rShare = createComponent({
  react: React,
  tagName: 'w4r-share',
  elementClass: ShareElement,
  events: shared,
  displayName: 'W4rShare',
});
