import type { EndpointReader } from '../data/endpoint-reader.js';

/**
 * The endpoint takes a form sent sooner than the campaign's `minFillMs` after it appeared for a bot's.
 * A person whose browser fills the form for them can be that quick, so the forms wait out the rest of
 * that time, busy as when sending, and are never refused for it.
 */

/** Assumed while the campaign's own setting cannot be read (offline): the shipped campaign's. */
const UNKNOWN_MIN_FILL_MS = 3000;

const known = new Map<string, Promise<number>>();

/** The campaign's `minFillMs`, asked once per endpoint; call it as the form appears, to have it at hand. */
export function minFillMs(reader: EndpointReader): Promise<number> {
  const endpoint = reader.endpoint;
  let value = known.get(endpoint);
  if (!value) {
    value = reader.getCampaign().then(
      (campaign) => campaign.minFillMs ?? 0,
      () => {
        known.delete(endpoint);
        return UNKNOWN_MIN_FILL_MS;
      },
    );
    known.set(endpoint, value);
  }
  return value;
}

/**
 * Resolves once the form that appeared at `openedAt` (`performance.now()`) has been open for the
 * campaign's `minFillMs`, with how long it has been open, for `elapsedMs`.
 */
export async function afterMinFill(reader: EndpointReader, openedAt: number): Promise<number> {
  const least = await minFillMs(reader);
  let left: number;
  while ((left = least - (performance.now() - openedAt)) > 0)
    await new Promise((resolve) => setTimeout(resolve, left));
  return Math.ceil(performance.now() - openedAt);
}
