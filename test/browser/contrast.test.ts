import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { nothing } from 'lit';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rCounter } from '../../src/elements/counter/counter.js';
import {
  backgroundOf,
  blend,
  contrast,
  hex,
  isLargeText,
  parseColor,
  renderedParent,
  textColorOf,
  type Rgba,
} from '../support/contrast.js';
import { hiddenOnPurpose, partsOf, renderedParts } from '../support/layout.js';
import { getButton, visibleText, waitUntil } from '../support/queries.js';

// Colours as the browser computed them on rendered widgets, checked against WCAG 2.2: 1.4.3 text
// contrast (4.5:1, 3:1 for large text), 1.4.11 non-text contrast (3:1 for the borders that show where a
// field or button is, and for the focus indicator), 2.3.3 / 2.2.2 motion under `prefers-reduced-motion`,
// and fields and buttons that keep a visible edge in forced colours (Windows High Contrast).

const API = `${endpoint}/v1`;
const THEMES = [
  { name: 'default', theme: '' },
  { name: 'amnesty (black on #FFFF00)', theme: 'amnesty' },
] as const;
const WIDGETS = [
  'w4r-case-card',
  'w4r-counter',
  'w4r-petition',
  'w4r-solidarity-wall',
  'w4r-letter',
  'w4r-share',
];
const FIELDS = 'input:not([type="hidden"]), select, textarea';
const FOCUSABLE = `button, a[href], ${FIELDS}, [tabindex]:not([tabindex="-1"])`;

const describeElement = (element: Element) => {
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const classes = element.getAttribute('class');
  return `<${element.localName}${element.id ? `#${element.id}` : ''}${classes ? `.${classes.split(/\s+/).join('.')}` : ''}>${text ? ` "${text}"` : ''}`;
};

/** Every widget of a case inside a campaign with `theme`, loaded, with the story open and every problem shown. */
async function campaignPage(theme: string): Promise<HTMLElement> {
  const page = await fixture<HTMLElement>(
    html`<w4r-campaign
      endpoint=${endpoint}
      theme=${theme || nothing}
      privacy-href="https://www.amnesty.org/en/about-us/privacy-policy/"
    >
      <w4r-case-card case="gustavo-gatica"></w4r-case-card>
      <w4r-counter case="gustavo-gatica"></w4r-counter>
      <w4r-petition case="gustavo-gatica"></w4r-petition>
      <w4r-solidarity-wall case="open-wall"></w4r-solidarity-wall>
      <w4r-letter case="gustavo-gatica"></w4r-letter>
      <w4r-share case="gustavo-gatica" channels="x facebook whatsapp email copy"></w4r-share>
    </w4r-campaign>`,
  );
  const inside = (selector: string, part: string) =>
    page.querySelector(selector)?.shadowRoot?.querySelector(part);
  await waitUntil(
    () =>
      inside('w4r-case-card', '[part="action"]') &&
      inside('w4r-counter', '[role="progressbar"]') &&
      inside('w4r-petition', 'form') &&
      inside('w4r-solidarity-wall', '[part="list"][aria-busy="false"] article') &&
      inside('w4r-letter', 'textarea') &&
      inside('w4r-share', 'ul'),
    'every widget has loaded',
  );
  inside('w4r-case-card', '[part="story-toggle"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  for (const selector of ['w4r-petition', 'w4r-solidarity-wall'])
    (inside(selector, 'form') as HTMLFormElement).requestSubmit();
  await waitUntil(
    () =>
      inside('w4r-petition', '[aria-invalid="true"]') &&
      inside('w4r-solidarity-wall', '[aria-invalid="true"]') &&
      !inside('w4r-case-card', '#story')!.hasAttribute('hidden'),
    'the story and the problems show',
  );
  // What is said after copying, in the confirmation colour.
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: () => Promise.resolve() },
  });
  try {
    getButton(page.querySelector('w4r-share')!, 'Copy link').click();
    getButton(page.querySelector('w4r-letter')!, 'Copy text').click();
    await waitUntil(
      () => visibleText(page).includes('Link copied') && visibleText(page).includes('Letter copied.'),
      'the confirmations show',
    );
  } finally {
    delete (navigator as unknown as Record<string, unknown>)['clipboard'];
  }
  await settle(page);
  return page;
}

async function settle(page: Element): Promise<void> {
  await Promise.all(
    [...page.querySelectorAll('*')]
      .filter((element) => element.localName.startsWith('w4r-'))
      .map((element) => (element as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete),
  );
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

const hosts = (page: Element) => WIDGETS.map((selector) => page.querySelector(selector)!);

/** Elements with text of their own (or a field's value) that a person can read, not on a disabled control. */
function textElements(host: Element): Element[] {
  return renderedParts(host).filter(
    (element) =>
      !element.closest('[disabled], [aria-disabled="true"]') &&
      (element.matches(FIELDS) ||
        [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())),
  );
}

function textProblems(host: Element): string[] {
  return textElements(host).flatMap((element) => {
    const background = backgroundOf(element);
    const ratio = contrast(textColorOf(element), background);
    const needed = isLargeText(element) ? 3 : 4.5;
    return ratio >= needed
      ? []
      : [
          `${describeElement(element)}: ${hex(textColorOf(element))} on ${hex(background)} is ${ratio.toFixed(2)}:1, needs ${needed}:1`,
        ];
  });
}

/** The colour of a border side that is drawn, over what is behind it; undefined when none is. */
function borderColor(element: Element): Rgba | undefined {
  const style = getComputedStyle(element);
  for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
    const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
    const lineStyle = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
    if (width >= 1 && lineStyle !== 'none' && lineStyle !== 'hidden') {
      const color = parseColor(style.getPropertyValue(`border-${side.toLowerCase()}-color`));
      if (color.a > 0) return blend(color, backgroundOf(renderedParent(element)));
    }
  }
  return undefined;
}

/**
 * How well a component's edge stands out from what is around it: its border, or failing that its own
 * background, against the background outside it.
 */
function edgeContrast(element: Element): number {
  const outside = backgroundOf(renderedParent(element));
  const border = borderColor(element);
  return Math.max(border ? contrast(border, outside) : 1, contrast(backgroundOf(element), outside));
}

/** Fields, buttons (enabled, drawn as buttons), the progress bar and the scrolling list of messages. */
function components(host: Element): Element[] {
  return renderedParts(host).filter(
    (element) =>
      (element.matches(`${FIELDS}, .button, [role="progressbar"], [part="list"][tabindex]`) &&
        !element.matches('[type="checkbox"], [type="radio"]') &&
        !element.closest('[disabled], [aria-disabled="true"]')) ||
      false,
  );
}

function componentProblems(host: Element): string[] {
  const problems = components(host).flatMap((element) => {
    const ratio = edgeContrast(element);
    return ratio >= 3
      ? []
      : [
          `${describeElement(element)}: its edge is ${ratio.toFixed(2)}:1 against what is around it, needs 3:1`,
        ];
  });
  // The filled part of a progress bar against its track.
  for (const fill of renderedParts(host).filter((element) => element.matches('[part="fill"]'))) {
    const ratio = contrast(backgroundOf(fill), backgroundOf(renderedParent(fill)));
    if (ratio < 3)
      problems.push(`the progress bar's fill is ${ratio.toFixed(2)}:1 against its track, needs 3:1`);
  }
  return problems;
}

/** Everything in `host` that takes keyboard focus. */
const focusables = (host: Element) =>
  partsOf(host).filter(
    (element) =>
      element.matches(FOCUSABLE) &&
      !element.matches(':disabled') &&
      (element as HTMLElement).tabIndex >= 0 &&
      element.checkVisibility() &&
      !hiddenOnPurpose(element, host),
  );

/**
 * Focuses each focusable element the way keyboard focus shows (`:focus-visible`) and measures its
 * indicator: an outline of at least 1 px whose colour stands 3:1 against what it is drawn next to.
 */
async function focusProblems(host: Element): Promise<{ problems: string[]; checked: number }> {
  await sendKeys({ press: 'Shift' });
  const problems: string[] = [];
  const elements = focusables(host);
  for (const element of elements) {
    (element as HTMLElement).focus();
    const style = getComputedStyle(element);
    const name = describeElement(element);
    if (!element.matches(':focus-visible')) {
      problems.push(`${name}: does not match :focus-visible`);
      continue;
    }
    const width = parseFloat(style.outlineWidth);
    if (style.outlineStyle === 'none' || width < 1) {
      problems.push(`${name}: no focus outline (${style.outlineStyle} ${style.outlineWidth})`);
      continue;
    }
    const outline = parseColor(style.outlineColor);
    const outside = backgroundOf(renderedParent(element));
    const against: [string, Rgba][] = [['the background outside', outside]];
    // An outline with no gap touches the element's own edge too.
    if (parseFloat(style.outlineOffset) <= 0)
      against.push(['its own edge', borderColor(element) ?? backgroundOf(element)]);
    for (const [what, color] of against) {
      const ratio = contrast(blend(outline, outside), color);
      if (ratio < 3)
        problems.push(
          `${name}: focus outline ${hex(outline)} against ${what} ${hex(color)} is ${ratio.toFixed(2)}:1, needs 3:1`,
        );
    }
  }
  (document.activeElement as HTMLElement | null)?.blur();
  return { problems, checked: elements.length };
}

/** Forced colours on or off (test/support/forced-colors-plugin.mjs: emulateMedia drops them under Puppeteer). */
const forcedColors = (mode: 'active' | 'none') => executeServerCommand('w4r-forced-colors', mode);

const seconds = (list: string) =>
  list
    .split(',')
    .map((value) => (value.trim().endsWith('ms') ? parseFloat(value) / 1000 : parseFloat(value)));

/** Elements whose computed transitions or animations last longer than 0.01 s. */
function longMotion(host: Element): string[] {
  return partsOf(host).flatMap((element) => {
    const style = getComputedStyle(element);
    const found: string[] = [];
    const transition = Math.max(...seconds(style.transitionDuration));
    if (transition > 0.01) found.push(`${describeElement(element)}: transition ${style.transitionDuration}`);
    if (style.animationName !== 'none' && Math.max(...seconds(style.animationDuration)) > 0.01)
      found.push(`${describeElement(element)}: animation ${style.animationName} ${style.animationDuration}`);
    return found;
  });
}

/** Animations running in the widgets' shadow roots that last, all iterations together, longer than 10 ms. */
function runningMotion(host: Element): string[] {
  const roots = [host, ...partsOf(host)].flatMap((element) =>
    element.shadowRoot ? [element.shadowRoot] : [],
  );
  return roots.flatMap((root) =>
    root
      .getAnimations()
      .filter((animation) => animation.playState === 'running')
      .filter((animation) => (animation.effect?.getComputedTiming().activeDuration as number) > 10)
      .map((animation) => {
        const target = (animation.effect as KeyframeEffect).target!;
        const name =
          animation instanceof CSSAnimation
            ? animation.animationName
            : animation instanceof CSSTransition
              ? animation.transitionProperty
              : 'script';
        return `${describeElement(target)}: ${name} runs for ${animation.effect!.getComputedTiming().activeDuration} ms`;
      }),
  );
}

describe('colour contrast, motion and forced colours', function () {
  this.timeout(30_000);

  before(async function () {
    const posted = await fetch(`${API}/cases/open-wall/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Amina',
        country: 'ZA',
        text: 'We stand with you, and we will not stop.',
      }),
    });
    expect(posted.status).to.equal(201);
  });

  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await forcedColors('none');
  });

  for (const { name, theme } of THEMES) {
    it(`${name} theme: every text reaches 4.5:1 (3:1 when large) on the background it is drawn on`, async () => {
      const page = await campaignPage(theme);
      const checked = hosts(page).flatMap(textElements);
      expect(checked.length, 'texts were measured').to.be.greaterThan(60);
      if (theme) {
        const surface = page.querySelector('w4r-petition')!.shadowRoot!.querySelector('.petition')!;
        expect(hex(backgroundOf(surface)), 'the Amnesty look is on').to.equal('#ffff00');
        expect(hex(textColorOf(surface))).to.equal('#000000');
      }
      const problems = hosts(page).flatMap((host) =>
        textProblems(host).map((p) => `${host.localName}: ${p}`),
      );
      expect(problems).to.deep.equal([]);
    });

    it(`${name} theme: fields, buttons and the progress bar stand 3:1 against what is around them`, async () => {
      const page = await campaignPage(theme);
      const checked = hosts(page).flatMap(components);
      expect(checked.length, 'components were measured').to.be.greaterThan(20);
      const problems = hosts(page).flatMap((host) =>
        componentProblems(host).map((p) => `${host.localName}: ${p}`),
      );
      expect(problems).to.deep.equal([]);
    });

    it(`${name} theme: the focus outline of everything focusable stands 3:1 against what it touches`, async () => {
      const page = await campaignPage(theme);
      let checked = 0;
      const problems: string[] = [];
      for (const host of hosts(page)) {
        const result = await focusProblems(host);
        checked += result.checked;
        problems.push(...result.problems.map((p) => `${host.localName}: ${p}`));
      }
      expect(checked, 'focusable elements were measured').to.be.greaterThan(20);
      expect(problems).to.deep.equal([]);
    });
  }

  it('prefers-reduced-motion: no transition or animation lasts longer than 0.01 s, not even the loading shimmer', async () => {
    // A case card that never hears back shows its loading skeleton, which shimmers.
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      String(input instanceof Request ? input.url : input).includes('/cases/never-answers')
        ? new Promise<Response>(() => undefined)
        : realFetch(input, init);
    try {
      const page = await campaignPage('');
      const loading = document.createElement('w4r-case-card');
      loading.setAttribute('case', 'never-answers');
      loading.setAttribute('endpoint', endpoint);
      page.append(loading);
      await waitUntil(() => loading.shadowRoot?.querySelector('.shimmer'), 'the skeleton shows');
      // A counter that shows the numbers it is given, so the test can make them move.
      const counter = document.createElement('w4r-counter') as W4rCounter;
      counter.stats = { signatures: 10, messages: 1, letters: 1, goal: 50000 };
      page.parentElement!.append(counter);
      await counter.updateComplete;
      const all = () => [...hosts(page), loading, counter];
      const move = async () => {
        // Something to move: the count rises, the story opens or closes.
        counter.stats = { ...counter.stats!, signatures: counter.stats!.signatures === 10 ? 40000 : 10 };
        page
          .querySelector('w4r-case-card')!
          .shadowRoot!.querySelector('[part="story-toggle"]')!
          .dispatchEvent(new MouseEvent('click', { bubbles: true }));
        await settle(page);
      };

      // Without the preference the widgets do move: the measurement sees it.
      await move();
      expect(all().flatMap(longMotion), 'motion is seen when it is allowed').not.to.deep.equal([]);
      expect(all().flatMap(runningMotion), 'the shimmer runs when motion is allowed').not.to.deep.equal([]);

      await emulateMedia({ reducedMotion: 'reduce' });
      await move();
      expect(all().flatMap(longMotion)).to.deep.equal([]);
      expect(all().flatMap(runningMotion)).to.deep.equal([]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('prefers-reduced-motion: "Take action" jumps to the petition instead of scrolling smoothly', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture<HTMLElement>(
      html`<w4r-campaign endpoint=${endpoint}>
        <w4r-case-card case="popi-and-bongeka" layout="compact"></w4r-case-card>
        <div class="spacer"></div>
        <w4r-petition case="popi-and-bongeka"></w4r-petition>
        <div class="spacer"></div>
      </w4r-campaign>`,
    );
    for (const spacer of page.querySelectorAll<HTMLElement>('.spacer')) spacer.style.blockSize = '3000px';
    const card = page.querySelector('w4r-case-card')!;
    const petition = page.querySelector('w4r-petition')!;
    await waitUntil(() => card.shadowRoot!.querySelector('[part="action"]'), 'the card has loaded');
    await waitUntil(() => petition.shadowRoot!.querySelector('form'), 'the petition has loaded');
    window.scrollTo(0, 0);
    expect(petition.getBoundingClientRect().top).to.be.greaterThan(window.innerHeight);
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part="action"]')!.click();
    expect(
      Math.abs(petition.getBoundingClientRect().top),
      'already there, without an animated scroll',
    ).to.be.below(1);
  });

  for (const { name, theme } of THEMES) {
    it(`forced colours, ${name} theme: every field and button keeps a visible edge, and focus still shows`, async () => {
      await forcedColors('active');
      const page = await campaignPage(theme);
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const problems: string[] = [];
      let checked = 0;
      for (const host of hosts(page)) {
        for (const element of renderedParts(host).filter((e) => e.matches(`${FIELDS}, button, a.button`))) {
          checked++;
          const style = getComputedStyle(element);
          const border = borderColor(element);
          const outside = backgroundOf(renderedParent(element));
          const edge = border ? contrast(border, outside) : 1;
          // A button drawn as a link keeps its underline, which forced colours do not remove.
          const underlined = style.textDecorationLine.includes('underline');
          // A checkbox or radio button left to the browser is drawn by it, in the system's colours.
          const native = element.matches('[type="checkbox"], [type="radio"]') && style.appearance !== 'none';
          if (edge < 3 && !underlined && !native)
            problems.push(
              `${host.localName}: ${describeElement(element)} has no visible edge (border ${style.borderStyle} ${style.borderWidth} ${style.borderColor} on ${hex(outside)})`,
            );
        }
        const focus = await focusProblems(host);
        problems.push(...focus.problems.map((p) => `${host.localName}: ${p}`));
      }
      expect(checked, 'fields and buttons were measured').to.be.greaterThan(20);
      expect(problems).to.deep.equal([]);
    });
  }
});
