import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';

/** Where an address leads: this machine, a private or reserved network, or the public internet. */
export type AddressKind = 'loopback' | 'private' | 'public';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Networks a webhook must never reach: private, link-local (cloud metadata), shared, reserved. */
const notPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  notPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  notPublic.addSubnet(net, prefix, 'ipv6');

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function addressKind(address: string): AddressKind {
  const mapped = MAPPED_V4.exec(address);
  if (mapped) return addressKind(mapped[1]!);
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (loopback.check(address, family)) return 'loopback';
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judge that one.
  if (family === 'ipv6' && /^64:ff9b::/i.test(address)) {
    const tail = address.split(':').slice(-2);
    const hex = tail.map((part) => part.padStart(4, '0')).join('');
    if (/^[0-9a-f]{8}$/i.test(hex)) {
      const v4 = hex
        .match(/../g)!
        .map((byte) => parseInt(byte, 16))
        .join('.');
      return addressKind(v4);
    }
  }
  return notPublic.check(address, family) ? 'private' : 'public';
}

/** The host of a URL without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** A URL that names this machine: `localhost` or a loopback address. Only these may be plain http. */
export function isLoopbackUrl(url: URL): boolean {
  const host = bareHost(url).toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isIP(host) !== 0 && addressKind(host) === 'loopback';
}

/**
 * Why `address` may not be reached for `url`, or undefined when it may: a loopback URL must stay on
 * this machine, any other URL must reach public addresses only.
 */
export function refusedAddress(url: URL, address: string): string | undefined {
  const kind = addressKind(address);
  if (isLoopbackUrl(url)) return kind === 'loopback' ? undefined : `${address} is not this machine`;
  return kind === 'public' ? undefined : `${address} is a ${kind} address`;
}

/** What a syntactically fine webhook URL lacks, or undefined: https (http for loopback only), no literal private address. */
export function webhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'An https:// address.';
  }
  if (url.username || url.password)
    return 'No user name or password in the address; the signature proves who sends.';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url)))
    return 'An https:// address (plain http only for localhost while testing).';
  const host = bareHost(url);
  if (isIP(host) !== 0) {
    const refused = refusedAddress(url, host);
    if (refused) return `Refused: ${refused}, which a webhook may not reach.`;
  }
  return undefined;
}

/** Every address a host name resolves to. */
export function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((done, fail) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? fail(error) : done(addresses),
    ),
  );
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that resolves the host and refuses the connection when any address it
 * gives is one `url` may not reach, so a name that points into a private network (or is rebound to
 * one after the start) is never connected to; the socket uses exactly the addresses checked.
 */
export function guardedLookup(url: URL) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolveAll(hostname).then(
      (addresses) => {
        const refused = addresses.map((entry) => refusedAddress(url, entry.address)).find(Boolean);
        if (refused || addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(
            `Refused to connect to ${hostname}: ${refused ?? 'no address'}.`,
          );
          error.code = 'W4R_ADDRESS_REFUSED';
          callback(error, '');
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/**
 * At start: every webhook host resolved, and a problem named by field for any that leads where its
 * URL may not go. A name that does not resolve now is only warned about: it is checked again at
 * every attempt.
 */
export async function checkWebhookHosts(
  urls: readonly string[],
): Promise<{ problems: string[]; warnings: string[] }> {
  const problems: string[] = [];
  const warnings: string[] = [];
  await Promise.all(
    urls.map(async (raw, index) => {
      const url = new URL(raw);
      const host = bareHost(url);
      if (isIP(host) !== 0) return;
      try {
        for (const { address } of await resolveAll(host)) {
          const refused = refusedAddress(url, address);
          if (refused)
            problems.push(
              `webhooks[${index}].url: ${host} resolves to ${refused}, which a webhook may not reach.`,
            );
        }
      } catch (error) {
        warnings.push(
          `webhooks[${index}].url: ${host} does not resolve now (${(error as NodeJS.ErrnoException).code}); it is checked again at each attempt.`,
        );
      }
    }),
  );
  return { problems, warnings };
}
