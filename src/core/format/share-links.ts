import type { Case } from '../../schema/index.js';

/** The channels that are plain links: they open the network's own share page, with no SDK and no request of ours. */
export type LinkChannel = 'x' | 'facebook' | 'whatsapp' | 'email';

/** What is shared: the same for every channel, each link takes what its network understands. */
export interface ShareContent {
  /** The page to share. */
  url: string;
  /** The text, in the case's language. */
  text: string;
  /** Hashtags without `#`. */
  hashtags: readonly string[];
  /** Subject line for email. */
  subject: string;
  /** The authority's handle on X, without `@`, to address them. */
  handle?: string | undefined;
}

/** The page a widget is on, without its fragment (a `#section` means nothing to the people it is shared with). */
export function pageUrl(href = location.href): string {
  return href.split('#')[0]!;
}

/**
 * What to share for a case: its share text in the language the case was served in (else its headline),
 * its hashtags, and the address: `url` when the page gives one, else `case.share.url`, else the page's.
 */
export function shareContent(data: Case, url?: string): ShareContent {
  return {
    url: url || data.share?.url || pageUrl(),
    text: data.share?.text ?? data.headline,
    hashtags: data.share?.hashtags ?? [],
    subject: data.name,
    handle: data.target.handle,
  };
}

const query = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
    .join('&');

/** The text followed by its hashtags, for channels without a hashtag field of their own. */
const withHashtags = (content: ShareContent) =>
  [content.text, ...content.hashtags.map((tag) => `#${tag}`)].join(' ');

/** Each channel's share address; every value percent-encoded (`&`, `#`, Arabic, Turkish, emoji). */
export function shareLinks(content: ShareContent): Record<LinkChannel, string> {
  return {
    x: `https://x.com/intent/post?${query({
      text: content.handle ? `${content.text} @${content.handle}` : content.text,
      url: content.url,
      hashtags: content.hashtags.join(','),
    })}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?${query({ u: content.url })}`,
    whatsapp: `https://wa.me/?${query({ text: `${withHashtags(content)} ${content.url}` })}`,
    email: `mailto:?${query({ subject: content.subject, body: `${withHashtags(content)}\n\n${content.url}` })}`,
  };
}
