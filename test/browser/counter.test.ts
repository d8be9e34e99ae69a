import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { endpoint } from '/__w4r__/endpoint.js';
import '../../src/define.js';
import type { W4rCounter } from '../../src/elements/counter/counter.js';
import type { Stats } from '../../src/schema/index.js';
import { liveHub } from '../../src/core/data/live-hub.js';
import { getAllByRole, visibleText, waitUntil } from '../support/queries.js';
import { publicStats, signElsewhere, signUntilPublicCountMoves } from '../support/stats.js';

const bar = (counter: W4rCounter) => getAllByRole(counter, 'progressbar')[0];

const stats: Stats = { signatures: 12345, messages: 67, letters: 890, goal: 50000 };

describe('<w4r-counter>', () => {
  it('shows the count toward the goal as a labelled progress bar, in the reader’s number format', async () => {
    const counter = await fixture<W4rCounter>(html`<w4r-counter .stats=${stats}></w4r-counter>`);
    const progress = bar(counter)!;
    expect(progress.getAttribute('aria-valuenow')).to.equal('12345');
    expect(progress.getAttribute('aria-valuemin')).to.equal('0');
    expect(progress.getAttribute('aria-valuemax')).to.equal('50000');
    expect(progress.getAttribute('aria-valuetext')).to.equal('12,345 of 50,000');
    expect(
      counter.shadowRoot!.getElementById(progress.getAttribute('aria-labelledby')!)!.textContent,
    ).to.equal('Signatures');
    expect(visibleText(counter)).to.equal('Signatures 12,345 of 50,000');
    await expect(counter).to.be.accessible();

    counter.locale = 'es';
    await counter.updateComplete;
    expect(visibleText(counter)).to.contain('12.345');
  });

  it('counts messages, letters or all actions, with a bar only when there is a goal', async () => {
    const messages = await fixture<W4rCounter>(
      html`<w4r-counter metric="messages" .stats=${stats}></w4r-counter>`,
    );
    expect(visibleText(messages)).to.equal('Messages of solidarity 67');
    expect(bar(messages)).to.equal(undefined);
    const letters = await fixture<W4rCounter>(
      html`<w4r-counter metric="letters" goal="1000" .stats=${stats}></w4r-counter>`,
    );
    expect(bar(letters)!.getAttribute('aria-valuetext')).to.equal('890 of 1,000');
    const all = await fixture<W4rCounter>(html`<w4r-counter metric="all" .stats=${stats}></w4r-counter>`);
    expect(bar(all)!.getAttribute('aria-valuenow')).to.equal(String(12345 + 67 + 890));
    expect(visibleText(all)).to.contain('Actions taken');
    await expect(all).to.be.accessible();
    const beyond = await fixture<W4rCounter>(
      html`<w4r-counter .stats=${{ ...stats, signatures: 60000 }}></w4r-counter>`,
    );
    expect(bar(beyond)!.getAttribute('aria-valuenow'), 'never past the end').to.equal('50000');
    expect(bar(beyond)!.getAttribute('aria-valuetext')).to.equal('60,000 of 50,000');
  });

  it('moves live when someone signs elsewhere', async () => {
    const counter = await fixture<W4rCounter>(
      html`<w4r-counter endpoint=${endpoint} case="nassima-al-sada"></w4r-counter>`,
    );
    await waitUntil(() => bar(counter), 'the count from the stream');
    const before = Number(bar(counter)!.getAttribute('aria-valuenow'));
    expect(before).to.equal((await publicStats('nassima-al-sada')).signatures);
    // The public count moves in coarse steps: one signature does not show, enough of them do.
    const now = (await signUntilPublicCountMoves('nassima-al-sada', before)).signatures;
    await waitUntil(
      () => Number(bar(counter)!.getAttribute('aria-valuenow')) === now,
      'the counter moves to the new public count',
    );
    await expect(counter).to.be.accessible();
  });

  it('is not taken back by an older answer replayed to a retry', async () => {
    const counter = await fixture<W4rCounter>(
      html`<w4r-counter endpoint=${endpoint} case="melike-and-ozgur"></w4r-counter>`,
    );
    await waitUntil(() => bar(counter), 'the count from the stream');
    const key = crypto.randomUUID();
    const sign = () => signElsewhere('melike-and-ozgur', key);
    const first = (await (await sign()).json()) as { stats: Stats };
    const now = (await signUntilPublicCountMoves('melike-and-ozgur', first.stats.signatures)).signatures;
    await waitUntil(() => Number(bar(counter)!.getAttribute('aria-valuenow')) === now, 'the later count');
    const replayed = await sign();
    expect(replayed.headers.get('Idempotent-Replay')).to.equal('true');
    // A petition or letter hands the answer it got to every counter of the case, as the outbox does.
    liveHub.stats.publish(endpoint, 'melike-and-ozgur', ((await replayed.json()) as { stats: Stats }).stats);
    await counter.updateComplete;
    expect(Number(bar(counter)!.getAttribute('aria-valuenow'))).to.equal(now);
  });

  it('shares one stream among every counter of a case, and closes it when none is left', async () => {
    const RealEventSource = window.EventSource;
    const opened: EventSource[] = [];
    window.EventSource = class extends RealEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        opened.push(this);
      }
    };
    try {
      const page = await fixture<HTMLElement>(
        html`<div>
          <w4r-counter endpoint=${endpoint} case="melike-and-ozgur"></w4r-counter>
          <w4r-counter endpoint=${endpoint} case="melike-and-ozgur" metric="all"></w4r-counter>
        </div>`,
      );
      const counters = [...page.querySelectorAll('w4r-counter')];
      await waitUntil(() => counters.every((counter) => bar(counter)), 'both counters show');
      const streams = opened.filter((source) => source.url.includes('melike-and-ozgur'));
      expect(streams).to.have.length(1);
      page.remove();
      expect(streams[0]!.readyState).to.equal(EventSource.CLOSED);
    } finally {
      window.EventSource = RealEventSource;
    }
  });

  it('polls the numbers where the browser has no event streams', async () => {
    const RealEventSource = window.EventSource;
    // @ts-expect-error: a browser without Server-Sent Events
    delete window.EventSource;
    try {
      const counter = await fixture<W4rCounter>(
        html`<w4r-counter endpoint=${endpoint} case="open-wall"></w4r-counter>`,
      );
      await waitUntil(() => bar(counter), 'the polled count');
      expect(Number(bar(counter)!.getAttribute('aria-valuenow'))).to.equal(
        (await publicStats('open-wall')).signatures,
      );
    } finally {
      window.EventSource = RealEventSource;
    }
  });

  it('moves without animation when the reader prefers reduced motion', async () => {
    const counter = await fixture<W4rCounter>(html`<w4r-counter .stats=${stats}></w4r-counter>`);
    const fill = counter.shadowRoot!.querySelector('[part="fill"]')!;
    expect(getComputedStyle(fill).transitionDuration).not.to.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(parseFloat(getComputedStyle(fill).transitionDuration)).to.be.lessThan(0.001);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    expect(fill.getAttribute('style'), 'styled through the CSSOM, strict-CSP safe').to.contain('--_progress');
  });
});
